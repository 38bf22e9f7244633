// Placeholder until the HTTP API lands: the Temporal HTTP API (/api/v1/...) and the UI's static files
// on the devserver's UI port. main.ts calls startHttpApi unless --headless is given.
import type { Handlers } from '../errors';

export interface HttpApiOptions {
  handlers: Handlers;
  host: string;
  port: number;
  /** Namespace shown as the UI's default. */
  namespace: string;
  /** Folder of the built UI (static files); when missing only the API is served. */
  staticDir?: string;
}

export async function startHttpApi(_opts: HttpApiOptions): Promise<{ port: number; close(): Promise<void> }> {
  return { port: 0, close: async () => {} };
}
