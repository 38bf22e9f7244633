// The municipality's own scheme definitions (KEURMERK_SCHEME_FILES), read and validated when the worker
// starts: a wrong file stops the start with every problem named by path (domain/load.ts). The worker's
// activities use them (a members' meeting of a loaded scheme); a case carries its own definition.
import { readFileSync } from 'node:fs';
import { loadSchemeDefinition, type SchemeDefinition } from '../domain';
import { ConfigError } from './config';

export function loadSchemeFiles(files: readonly string[]): SchemeDefinition[] {
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(`KEURMERK_SCHEME_FILES: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    try {
      return loadSchemeDefinition(text, file);
    } catch (err) {
      throw new ConfigError(`KEURMERK_SCHEME_FILES: ${(err as Error).message}`);
    }
  });
}
