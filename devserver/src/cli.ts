// Command-line forms of the server:
//   keurmerk-devserver [--port 7233] [--ip 127.0.0.1] [--namespace default] [--db-filename F]
//                      [--search-attribute Name=Type]... [--ui-port N] [--headless]
//   keurmerk-devserver server start-dev --port P ...   (what TestWorkflowEnvironment.createLocal passes)
//   keurmerk-devserver <port> [...]                    (createTimeSkipping: time-skipping test server)
// Flags the official CLI knows but this server does not need (--log-*, --dynamic-config-value, ...)
// are accepted and ignored.

export interface ServerOptions {
  mode: 'standalone' | 'start-dev' | 'time-skipping';
  port: number;
  ip: string;
  namespaces: string[];
  dbFilename?: string;
  searchAttributes: Record<string, string>;
  uiPort?: number;
  headless: boolean;
}

export class UsageError extends Error {}

/** Options of `temporal server start-dev` this server accepts and ignores. */
const OFFICIAL_FLAGS_WITH_VALUE = new Set([
  '--log-format',
  '--log-level',
  '--log-config',
  '--dynamic-config-value',
  '--http-port',
  '--metrics-port',
  '--ui-ip',
  '--ui-asset-path',
  '--ui-codec-endpoint',
  '--sqlite-pragma',
  '--config',
  '--env',
  '--color',
]);

function port(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} expects a port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

export function parseArgs(argv: string[]): ServerOptions {
  let args = [...argv];
  const opts: ServerOptions = {
    mode: 'standalone',
    port: 7233,
    ip: '127.0.0.1',
    namespaces: [],
    searchAttributes: {},
    headless: false,
  };
  if (args[0] && /^\d+$/.test(args[0])) {
    opts.mode = 'time-skipping';
    opts.port = port(args[0], 'port');
    opts.headless = true;
    args = args.slice(1);
  } else if (args[0] === 'server' && args[1] === 'start-dev') {
    opts.mode = 'start-dev';
    args = args.slice(2);
  }
  for (let i = 0; i < args.length; i++) {
    let flag = args[i];
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const takeValue = () => {
      if (value !== undefined) return value;
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${flag} expects a value`);
      return next;
    };
    switch (flag) {
      case '--port':
      case '-p':
        opts.port = port(takeValue(), flag);
        break;
      case '--ip':
        opts.ip = takeValue();
        break;
      case '--namespace':
      case '-n':
        opts.namespaces.push(takeValue());
        break;
      case '--db-filename':
      case '-f':
        opts.dbFilename = takeValue();
        break;
      case '--search-attribute': {
        const spec = takeValue();
        const at = spec.indexOf('=');
        if (at <= 0) throw new UsageError(`--search-attribute expects Name=Type, got ${JSON.stringify(spec)}`);
        opts.searchAttributes[spec.slice(0, at)] = spec.slice(at + 1);
        break;
      }
      case '--ui-port':
        opts.uiPort = port(takeValue(), flag);
        break;
      case '--headless':
        opts.headless = true;
        break;
      case '-h':
      case '--help':
        throw new UsageError('usage');
      default:
        if (!flag.startsWith('-')) throw new UsageError(`unexpected argument ${JSON.stringify(flag)}`);
        // Launched by the SDK: flags of the official CLI (--log-level warn, --dynamic-config-value k=v,
        // and whatever a later SDK adds) are skipped with their value. By hand: a typo is refused.
        if (opts.mode === 'standalone' && !OFFICIAL_FLAGS_WITH_VALUE.has(flag)) {
          throw new UsageError(`unknown option ${flag}`);
        }
        if (value === undefined && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) i++;
    }
  }
  // Like the official dev server, `default` always exists; the first --namespace is the UI's default.
  if (!opts.namespaces.includes('default')) opts.namespaces.push('default');
  return opts;
}

export const USAGE = `usage: keurmerk-devserver [--port 7233] [--ip 127.0.0.1] [--namespace default] [--db-filename FILE]
                          [--search-attribute Name=Type]... [--ui-port N] [--headless]
       keurmerk-devserver server start-dev [same flags]
       keurmerk-devserver PORT            (time-skipping test server)`;
