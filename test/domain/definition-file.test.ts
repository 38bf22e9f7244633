// A municipality's own scheme definition from JSON or YAML text; a wrong file lists every problem by path.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditDeadline, formatOf, getScheme, InputError, loadSchemeDefinition, nextMeeting, parseSchemeDefinition } from '../../domain';
import { thrownBy } from '../helpers/thrown';

const yamlText = readFileSync(join(__dirname, 'fixtures', 'own-scheme.yaml'), 'utf8');
const problemsOf = (text: string, format: 'json' | 'yaml') => {
  const r = parseSchemeDefinition(text, format);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
};

describe('loading a definition file', () => {
  it('SEBO-T4: a municipality\'s YAML definition sets its own audit period and meeting dates', () => {
    const own = loadSchemeDefinition(yamlText, 'voorbeeldstad.yaml');
    expect(own.id).toBe('keurmerk-sociaal-ondernemen-voorbeeldstad');
    expect(own.zone).toBe('Europe/Amsterdam');
    expect(own.meetings?.time).toBe('19:30');
    expect(auditDeadline(own, '2026-01-31')).toBe('2026-03-14T23:59:59.999+01:00');
    expect(nextMeeting(own, '2026-03-01')?.date).toBe('2026-09-17');
    expect(getScheme(own.id, [own])).toBe(own);
  });

  it('the same definition as JSON gives the same result', () => {
    const built = getScheme('sebo');
    const fromJson = loadSchemeDefinition(JSON.stringify(built), 'sebo.json');
    expect(fromJson).toStrictEqual(built);
  });

  it('a wrong duration is named with its path and value', () => {
    const text = yamlText.replace('auditWithin: P6W', 'auditWithin: "4w?"');
    expect(problemsOf(text, 'yaml')).toStrictEqual(['periods.auditWithin: expected an ISO-8601 duration, got "4w?" (e.g. "P1M", "P2W", "P1Y")']);
  });

  it('every problem of a wrong file is listed by path, not only the first', () => {
    const text = yamlText
      .replace('kind: keurmerk', 'kind: label')
      .replace('auditWithin: P6W', 'auditWithin: 6 weeks')
      .replace('validityFirst: P3Y', 'validityFirst: P0Y3')
      .replace('dates: [2026-03-12, 2026-09-17]', 'dates: [2026-09-17, 2026-02-30]')
      .replace('  zzpMinUnpaidHours: 40\n', '')
      .replace('    maxAge: P6M', '    maxAge: P6M\n    colour: red');
    expect(problemsOf(text, 'yaml')).toStrictEqual([
      'kind: expected one of "keurmerk", "ambassadeurschap", "sroi", got "label"',
      'periods.auditWithin: expected an ISO-8601 duration, got "6 weeks" (e.g. "P1M", "P2W", "P1Y")',
      'periods.validityFirst: expected an ISO-8601 duration, got "P0Y3" (e.g. "P1M", "P2W", "P1Y")',
      'meetings.schedule.dates[1]: expected a date as YYYY-MM-DD, got "2026-02-30"',
      'documents[0]: unknown field "colour"',
      'assessment.zzpMinUnpaidHours: is required',
    ]);
  });

  it('consistency rules are checked too: a meeting step needs a calendar, an audit needs its periods', () => {
    const text = yamlText.replace(/meetings:\n( {2}.*\n)+/, '').replace('  reportWithin: P4W\n', '');
    expect(problemsOf(text, 'yaml')).toStrictEqual([
      'meetings: is required when procedure.membersMeeting is true',
      'periods.reportWithin: is required when procedure.audit is true',
    ]);
  });

  it('offsets in the wrong order and duplicate ids are refused', () => {
    const text = yamlText
      .replace('  renewalReminderBefore: P4M\n', '  renewalReminderBefore: P4M\n  renewalEscalationBefore: P5M\n')
      .replace('criteria:\n', 'criteria:\n  - id: "1"\n    title: Dubbel\n    assessedBy: Auditor\n');
    expect(problemsOf(text, 'yaml')).toStrictEqual([
      'criteria[1].id: duplicate id "1"',
      'periods.renewalEscalationBefore: must be shorter than renewalReminderBefore (the escalation follows the reminder)',
    ]);
  });

  it('an unknown assessment method, schedule kind or wrong number is named in plain words', () => {
    const text = yamlText
      .replace('method: sebo-checklist', 'method: vibes')
      .replace('kind: dates', 'kind: weekly')
      .replace('secondKeuringen: 1', 'secondKeuringen: 1.5');
    expect(problemsOf(text, 'yaml')).toStrictEqual([
      'procedure.secondKeuringen: must be a whole number',
      'meetings.schedule.kind: kind must be "rule" or "dates"',
      'assessment.method: method must be one of sebo-checklist, werkpakt-points, pso-ladder, members-approval, covenant, sroi-bouwblokken',
    ]);
    expect(problemsOf('"a scheme"', 'json')).toStrictEqual(['expected an object, got "a scheme"']);
    expect(problemsOf(yamlText.replace('kind: keurmerk', 'kind: keurmerk\nzone: Europe/Zoetermeer'), 'yaml')).toStrictEqual([
      'zone: expected an IANA time zone such as "Europe/Amsterdam", got "Europe/Zoetermeer"',
    ]);
  });

  it('meeting dates out of order are refused', () => {
    const text = yamlText.replace('dates: [2026-03-12, 2026-09-17]', 'dates: [2026-09-17, 2026-03-12]');
    expect(problemsOf(text, 'yaml')).toStrictEqual(['meetings.schedule.dates[1]: dates must be in ascending order without repeats']);
  });

  it('broken YAML or JSON syntax is refused as such', () => {
    expect(problemsOf('id: [unclosed', 'yaml')[0]).toMatch(/^not valid YAML: /);
    expect(problemsOf('{"id": ', 'json')[0]).toMatch(/^not valid JSON: /);
  });

  it('loadSchemeDefinition throws an InputError naming the file and every problem; the format follows the extension', () => {
    const text = yamlText.replace('auditWithin: P6W', 'auditWithin: "4w?"').replace('name: Keurmerk', 'name: ""\nx: Keurmerk');
    const err = thrownBy(() => loadSchemeDefinition(text, 'voorbeeldstad.yml'), InputError);
    expect(err.message.startsWith('invalid scheme definition voorbeeldstad.yml: ')).toBe(true);
    expect(err.problems.map((p) => p.path).join(',')).toBe('name,periods.auditWithin,');
    expect(formatOf('a.JSON')).toBe('json');
    expect(() => formatOf('scheme.toml')).toThrow(/expected a .json, .yaml or .yml file, got "scheme.toml"/);
  });
});
