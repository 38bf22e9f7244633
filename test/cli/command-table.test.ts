// Every human action has its command, and every field of its domain schema an option: the command
// line cannot fall behind the workflows' Updates (workflows/definitions.ts UPDATES).
import { describe, expect, it } from '@jest/globals';
import type { z } from 'zod';
import { seboActions } from '../../domain/inputs/sebo-actions';
import { UPDATES } from '../../workflows/definitions';
import { ACTION_COMMANDS } from '../../client/commands/actions';
import { buildProgram } from '../../client/program';
import { Session } from '../../client/session';
import { inputFromOptions, schemaFields } from '../../client/schema-options';
import { problemLine } from '../../client/validate';

describe('command table', () => {
  it('has exactly one command per Update of the workflows', () => {
    expect(ACTION_COMMANDS.map((c) => c.action).sort()).toStrictEqual(Object.keys(UPDATES).sort());
    expect(new Set(ACTION_COMMANDS.map((c) => c.command)).size).toBe(ACTION_COMMANDS.length);
  });

  it('gives every scalar field of each action schema an option of the command', () => {
    const program = buildProgram(new Session({ out: () => {}, err: () => {} }, {}));
    for (const spec of ACTION_COMMANDS) {
      const command = program.commands.find((c) => c.name() === spec.command);
      expect(command).toBeDefined();
      const flags = command!.options.map((o) => o.long);
      const schema = seboActions[spec.action] as unknown as z.ZodObject;
      for (const field of Object.keys(schema.shape)) {
        const expected = field === 'documents' ? '--document' : `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
        const nested = flags.some((f) => f?.startsWith(`${expected}-`));
        // The command's name is in the compared object, so a failure says which command lacks the flag.
        expect({ command: spec.command, flag: expected, present: flags.includes(expected) || nested }).toEqual({ command: spec.command, flag: expected, present: true });
      }
    }
  });
});

describe('options from a schema', () => {
  const fields = schemaFields(seboActions.reportAndAdvice as unknown as z.ZodObject);

  it('flattens nested objects, lists and choices', () => {
    expect(fields.map((f) => [f.flag, f.kind, f.required])).toStrictEqual([
        ['--at', 'text', true],
        ['--by', 'text', false],
        ['--advice', 'choice', true],
        ['--unmet-criteria', 'list', false],
        ['--disagreement-auditor-view', 'text', false],
        ['--disagreement-applicant-view', 'text', false],
      ]);
  });

  it('builds the input from option values, on top of a --file', () => {
    const input = inputFromOptions(fields, { advice: 'negative', disagreementAuditorView: 'criterium 3.1' }, { at: '2026-03-01', unmetCriteria: ['3.1'] });
    expect(input).toStrictEqual({ at: '2026-03-01', unmetCriteria: ['3.1'], advice: 'negative', disagreement: { auditorView: 'criterium 3.1' } });
  });

  it('names a problem after the option, or the file field when the file gave the value', () => {
    const source = { fields, values: { advice: 'maybe' }, file: 'report.yaml' };
    expect(problemLine({ path: 'advice', message: 'advice must be "positive" or "negative"' }, source)).toBe('--advice: advice must be "positive" or "negative", got "maybe"');
    expect(problemLine({ path: 'at', message: 'expected a date' }, source)).toBe('report.yaml: at: expected a date');
  });
});
