// The application the load scripts (`npm run chaos`, `npm run bench:burst`) start by the hundred: a
// SEBO first application of an invented company, its contact and accountmanager at example addresses.
import type { ApplicationStart } from '../workflows/definitions';

export function sampleApplication(kvk: string, label: string, contactName: string): ApplicationStart {
  const domain = `${label.toLowerCase()}.example`;
  return {
    accountmanagerCode: 'AM-001',
    application: {
      schemeId: 'sebo',
      kind: 'first',
      submittedAt: new Date().toISOString(),
      company: { name: `${label} BV ${kvk}`, kvkNumber: kvk, establishments: ['Zoetermeer'], zzp: false, affiliation: 'none', activeSince: '2015-01-01' },
      contact: { name: contactName, email: `els.${kvk}@${domain}` },
      accountmanager: { name: 'Ahmed', email: `am.${kvk}@${domain}` },
    },
  };
}
