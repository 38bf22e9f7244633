// Employers read the source's own references, never this project's rule ids (issue 13): every rule a
// built-in definition carries or cites in its flow has a reference, and every scheme says how to
// object to a negative decision.
import { describe, expect, it } from '@jest/globals';
import { builtInSchemes, getScheme, SchemeDefinitionSchema, sourceReference } from '../../domain';

/** Every rule id a definition names: its `rules` and every `rule` anywhere in its flow and benefits. */
function citedRules(s: (typeof builtInSchemes)[number]): string[] {
  const out = new Set<string>(s.rules);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === 'rule' || k === 'receivedRule') && typeof x === 'string') out.add(x);
        else walk(x);
      }
    }
  };
  walk(s.flow);
  walk(s.benefits);
  return [...out];
}

describe('references and objection routes in the scheme definitions', () => {
  it('SEBO-R4 and every scheme: each cited rule id has the source\'s own reference', () => {
    const missing = builtInSchemes.flatMap((s) => citedRules(s).filter((r) => !sourceReference(s, r)).map((r) => `${s.id}: ${r}`));
    expect(missing).toStrictEqual([]);
  });

  it('SEBO-R4: no reference repeats a rule id (the reader cannot look those up)', () => {
    const leaking = builtInSchemes.flatMap((s) => Object.entries(s.references).filter(([, ref]) => /\b(SEBO|WP|MVS|PSO|SROI)-[A-Z]*\d/.test(ref)).map(([id]) => `${s.id}: ${id}`));
    expect(leaking).toStrictEqual([]);
  });

  it('SEBO-R4: SEBO cites the reglement as seed 004 numbers it (bijlage 2 punt 8 for the decision, bijlage 3 artikel 8 for disputes)', () => {
    const sebo = getScheme('sebo');
    expect(sourceReference(sebo, 'SEBO-T7')).toBe('keuringsprocedure (bijlage 2), punt 8');
    expect(sourceReference(sebo, 'SEBO-R2')).toBe('Keurmerkreglement (bijlage 3), artikel 7a');
    expect(sebo.objection?.reference).toBe('Keurmerkreglement (bijlage 3), artikel 8');
    const route = sebo.objection!.paragraphs.join(' ');
    expect(route).toContain('advies in bij het WSP');
    expect(route).toContain('Geschillencommissie SEBO-Keurmerk');
    expect(route).toContain('bindend advies');
  });

  it('every built-in scheme says how to object, and a route the source does not give is a recorded decision', () => {
    expect(builtInSchemes.filter((s) => !s.objection).map((s) => s.id)).toStrictEqual([]);
    const undecided = builtInSchemes.filter((s) => s.id !== 'sebo' && !s.decisions.some((d) => /objection/i.test(d.about))).map((s) => s.id);
    expect(undecided).toStrictEqual([]);
  });

  it('a definition file: a reference keyed by something that is not a rule id is refused with its path', () => {
    const bad = { ...getScheme('werkpakt'), references: { 'wp 4': 'Voorwaarden' } };
    const r = SchemeDefinitionSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('a reference is keyed by a rule id such as \\"SEBO-T7\\"');
    const good = SchemeDefinitionSchema.safeParse({ ...getScheme('werkpakt'), references: { 'WP-4': 'Voorwaarden' } });
    expect(good.success).toBe(true);
  });
});
