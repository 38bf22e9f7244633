// Finding a case: one workflow per scheme and KvK number (workflows/definitions.ts caseWorkflowId).
import { readFileSync } from 'node:fs';
import type { WorkflowHandle } from '@temporalio/client';
import { builtInSchemeInputs, getScheme } from '../domain/catalogue';
import { loadSchemeDefinition } from '../domain/load';
import type { SchemeDefinition } from '../domain/scheme';
import { ApplicationSchema } from '../domain/inputs/application';
import { parseWith } from '../domain/problems';
import { caseWorkflowId } from '../workflows/definitions';
import { InvalidInput, UsageError } from './failures';
import type { Session } from './session';

const kvkNumberSchema = ApplicationSchema.shape.company.shape.kvkNumber;

/** A KvK number as typed on the command line, checked with the application's own rule. */
export function checkedKvk(kvk: string, name = '<kvk>'): string {
  const parsed = parseWith(kvkNumberSchema, kvk.trim());
  if (!parsed.ok) throw new InvalidInput(parsed.problems.map((p) => `${name}: ${p.message}, got "${kvk}"`));
  return parsed.value;
}

/** The municipality's own scheme definitions (KEURMERK_SCHEME_FILES), read as the worker reads them. */
function extraSchemes(files: readonly string[]): SchemeDefinition[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`KEURMERK_SCHEME_FILES: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    try {
      return loadSchemeDefinition(text, file);
    } catch (err) {
      // A wrong file is a wrong setting (exit 2), named by its path and every problem, as the worker says it.
      throw new UsageError(`KEURMERK_SCHEME_FILES: ${(err as Error).message}`);
    }
  });
}

let known: SchemeDefinition[] = [];

/** The loaded definitions (KEURMERK_SCHEME_FILES), read once per command; a wrong file stops the command. */
export function loadedSchemes(session: Session): SchemeDefinition[] {
  known = extraSchemes(session.config.KEURMERK_SCHEME_FILES);
  return known;
}

/** The definition a new case of `schemeId` runs: a loaded file wins over the built-in one of the same id. */
export function schemeDefinition(session: Session, schemeId: string): SchemeDefinition {
  return getScheme(schemeId, loadedSchemes(session));
}

/**
 * A scheme's id and name, as getScheme would give them, without validating a built-in definition
 * (a loaded one is validated as it is read): checking a --scheme or naming a scheme in a message needs
 * no more, and validating the definition cost a `keurmerk status` tens of milliseconds (issue 14). The
 * built-in definitions are validated by their tests, and by getScheme where a command uses one.
 */
function schemeLabel(schemeId: string): { id: string; name: string } {
  const found = known.find((s) => s.id === schemeId) ?? builtInSchemeInputs.find((s) => s.id === schemeId);
  return found ? { id: found.id, name: found.name.trim() } : getScheme(schemeId, known);
}

/** A scheme id the system knows: built in, or from KEURMERK_SCHEME_FILES. */
export function checkedScheme(session: Session, schemeId: string): string {
  known = extraSchemes(session.config.KEURMERK_SCHEME_FILES);
  try {
    return schemeLabel(schemeId).id;
  } catch (err) {
    throw new InvalidInput([`--scheme: ${(err as Error).message}`]);
  }
}

/** The municipality's schemes read by the last checkedScheme (built-in ones are always known). */
export function knownSchemes(): SchemeDefinition[] {
  return known;
}

/** The scheme's public name (e.g. SEBO-Keurmerk), for messages and the register. */
export function schemeName(schemeId: string): string {
  try {
    return schemeLabel(schemeId).name;
  } catch {
    return schemeId;
  }
}

export async function caseHandle(session: Session, schemeId: string, kvk: string): Promise<WorkflowHandle> {
  session.failure.scheme = schemeId;
  session.failure.kvk = kvk;
  const client = await session.client();
  return client.workflow.getHandle(caseWorkflowId(schemeId, kvk));
}
