// Partner in sociaal ondernemen, Sociaal Werkpact MVS (MVS-1..MVS-3) on the case engine: covenant
// signed, criteria met, keurmerk for 2 years; the toolkit (certificate and logo files) by email; the
// free SEN membership of one year tracked and its end told; placements counted for the programme goal.
import { describe, expect, it } from '@jest/globals';
import { addPeriod, getScheme, programmeReport } from '../../domain';
import { MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, HOUR, refused } from '../helpers/sebo-steps';

const mvs = getScheme('mvs');

describe('Partner in sociaal ondernemen (MVS) on the case engine', () => {
  const t = useKeurmerkEnv();

  it('MVS-1, MVS-2, MVS-3: covenant, criteria, 2 years; toolkit with certificate and logos; SEN membership ends after a year and is told; placements counted', async () => {
    const kvk = nextKvk();
    const base = seboApplication(kvk, await t.now());
    const h = t.track(await startApplication(t, { ...base, schemeId: 'mvs', company: { ...base.company, establishments: ['Schiedam'] } }));
    const employer = `els.${kvk}@bakker.example`;
    let s = await status(t, h.workflowId);
    expect(s.stage).toBe('COVENANT');
    // MVS-1: no term in the seed: the case waits without reminders.
    expect(s.openDeadlines).toEqual([]);
    const [covenant] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /convenant ondertekenen/.test(m.subject));
    expect(covenant.text).toMatch(/Stroomopwaarts/);
    expect(covenant.text).not.toMatch(/SEBO|Zoetermeer/);
    await refused(act(t, h, 'decision', { outcome: 'granted' }), /case is at COVENANT, this action belongs to CRITERIA/);

    await act(t, h, 'covenantSigned', { signatory: 'E. de Bakker', pledgedPlacements: 3 });
    expect((await status(t, h.workflowId)).stage).toBe('CRITERIA');
    await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /criteria toetsen/.test(m.subject) && m.subject.includes(kvk));
    await act(t, h, 'decision', { outcome: 'granted' });

    // MVS-2: the toolkit: certificate and logo files.
    const [toolkit] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /toolkit/.test(m.subject));
    expect(toolkit.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'image/svg+xml', 'image/svg+xml']);
    expect(toolkit.text).toMatch(/Gratis lidmaatschap van het Sociaal Economisch Netwerk MVS \(SEN\): tot/);
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    // MVS-1: two years.
    expect(s.validity!.expiresAt).toBe(addPeriod(s.validity!.validFrom, 'P2Y', mvs.zone));
    const membershipEnds = addPeriod(s.validity!.validFrom, 'P1Y', mvs.zone);
    expect(s.benefits).toEqual([{ label: 'Gratis lidmaatschap van het Sociaal Economisch Netwerk MVS (SEN)', endsAt: membershipEnds, told: false }]);

    // MVS-3: placements reported by the holder count for the programme goal.
    await act(t, h, 'placementsRecorded', { count: 2, description: 'twee leerwerkplekken' });
    expect((await status(t, h.workflowId)).placements).toBe(2);

    // MVS-2: the free membership ends after one year; the holder is told.
    await advanceTo(t, new Date(new Date(membershipEnds).getTime() + HOUR));
    const [ended] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /eindigt op/.test(m.subject));
    // the source's own words, the rule id only in the header
    expect(ended.text).toMatch(/Sociaal Werkpact MVS: wat keurmerkhouders ontvangen/);
    expect(ended.rules).toStrictEqual(['MVS-2']);
    expect((await status(t, h.workflowId)).benefits![0].told).toBe(true);
  }, 300_000);

  it('MVS-3: the programme goals against reality, from the cases (signed within the 2 years vs 100, residents at work vs 200)', () => {
    const report = programmeReport(mvs, [
      { signedAt: '2021-03-01T10:00:00+01:00', placements: [{ count: 3, at: '2021-06-01T10:00:00+02:00' }] },
      { signedAt: '2022-10-31T23:30:00+01:00', placements: [{ count: 1, at: '2022-12-01T10:00:00+01:00' }] },
      { signedAt: '2022-11-01T00:00:00+01:00', placements: [] },
    ]);
    expect(report.map((g) => [g.target, g.actual])).toEqual([
      [100, 2],
      [200, 3],
    ]);
  });
});
