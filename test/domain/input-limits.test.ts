// Every field a person enters has the limit the real Temporal server or SMTP imposes, checked before
// anything starts (issue 16): a name that fits a 2,048-byte search attribute value, addresses within
// RFC 5321 (64 octets before @, 254 in all), free text within 10,000 characters. Both sides of each.
import { describe, expect, it } from '@jest/globals';
import { ApplicationSchema, type ApplicationInput } from '../../domain/inputs/application';
import { IntakeRecorded } from '../../domain/inputs/sebo-actions';
import { utf8Length } from '../../domain/primitives';

const application = (over: { company?: string; email?: string; contact?: string } = {}): ApplicationInput => ({
  schemeId: 'sebo',
  kind: 'first',
  submittedAt: '2027-01-04T23:30:00+01:00',
  company: { name: over.company ?? 'Bakkerij De Korenschoof', kvkNumber: '12345678', establishments: ['Zoetermeer'], zzp: false, activeSince: '2019-05-01' },
  contact: { name: over.contact ?? 'Anna de Vries', email: over.email ?? 'anna@korenschoof.nl' },
});
const problems = (input: ApplicationInput) => {
  const r = ApplicationSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const domain = '@korenschoof.nl';

describe('input limits at the boundary', () => {
  it('SEBO-E1: a company name of 500 characters is accepted and fits a search attribute value even in 4-byte characters; 501 is refused', () => {
    expect(problems(application({ company: 'B'.repeat(500) }))).toEqual([]);
    const emoji = '😀'.repeat(500);
    expect(problems(application({ company: emoji }))).toEqual([]);
    expect(utf8Length(emoji)).toBeLessThanOrEqual(2048);
    expect(problems(application({ company: 'B'.repeat(501) }))).toEqual(['company.name: at most 500 characters, got 501']);
    expect(problems(application({ company: 'B'.repeat(3000) }))[0]).toMatch(/^company\.name: at most 500 characters/);
  });

  it('SEBO-E1: an address with 64 octets before @ is accepted, 65 refused; 254 in all accepted, 255 refused (RFC 5321)', () => {
    expect(problems(application({ email: `${'a'.repeat(64)}${domain}` }))).toEqual([]);
    expect(problems(application({ email: `${'a'.repeat(65)}${domain}` }))[0]).toMatch(/^contact\.email: the part before @ has at most 64 characters/);
    const label = 'd'.repeat(60);
    const long = (total: number) => {
      const host = `${label}.${label}.${label}.`;
      const tld = 'x'.repeat(total - 'anna@'.length - host.length - '.nl'.length);
      return `anna@${host}${tld}.nl`;
    };
    expect(long(254)).toHaveLength(254);
    expect(problems(application({ email: long(254) }))).toEqual([]);
    expect(problems(application({ email: long(255) }))[0]).toMatch(/^contact\.email: an email address has at most 254 characters/);
    const huge = problems(application({ email: `${'a'.repeat(100_000)}${domain}` }));
    expect(huge[0]).toMatch(/at most 254 characters/);
    expect(huge.join('').length).toBeLessThan(400); // the message does not echo 100 kB back
  });

  it('SEBO-T1: notes of 10,000 characters are accepted, 10,001 refused; a person\'s name over 500 characters is refused', () => {
    const base = { at: '2027-01-04T23:30:00+01:00' };
    expect(IntakeRecorded.safeParse({ ...base, notes: 'n'.repeat(10_000) }).success).toBe(true);
    const r = IntakeRecorded.safeParse({ ...base, notes: 'n'.repeat(10_001) });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['at most 10000 characters, got 10001']);
    expect(problems(application({ contact: 'A'.repeat(500) }))).toEqual([]);
    expect(problems(application({ contact: 'A'.repeat(501) }))).toEqual(['contact.name: at most 500 characters, got 501']);
  });
});
