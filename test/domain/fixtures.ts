// A valid SEBO application to vary in tests (fictitious company).
import type { ApplicationInput } from '../../domain';

export function seboApplication(overrides: Partial<ApplicationInput> & { company?: Partial<ApplicationInput['company']> } = {}): ApplicationInput {
  const { company, ...rest } = overrides;
  return {
    schemeId: 'sebo',
    kind: 'first',
    submittedAt: '2026-03-02T09:00:00+01:00',
    company: {
      name: 'Voorbeeld Installatietechniek BV',
      kvkNumber: '12345678',
      establishments: ['Zoetermeer'],
      zzp: false,
      affiliation: 'none',
      activeSince: '2020-05-01',
      ...company,
    },
    contact: { name: 'J. Jansen', email: 'j.jansen@example.nl' },
    documents: [],
    ...rest,
  };
}
