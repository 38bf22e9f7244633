// The three ways the devserver is started, and the arguments sdk-core passes to it.
import { describe, expect, it } from '@jest/globals';
import { parseArgs, UsageError } from '../../devserver/src/cli';
import { thrownBy } from '../helpers/thrown';

describe('devserver command line', () => {
  it('reads the exact start-dev arguments of TestWorkflowEnvironment.createLocal, ignoring unknown flags', () => {
    const opts = parseArgs([
      'server', 'start-dev', '--port', '41234', '--namespace', 'default', '--ip', '127.0.0.1',
      '--log-format', 'pretty', '--log-level', 'warn',
      '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
      '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
      '--headless', '--db-filename', '/tmp/x.db', '--search-attribute', 'KeurmerkStage=Keyword',
    ]);
    expect(opts.mode).toBe('start-dev');
    expect(opts.port).toBe(41234);
    expect(opts.ip).toBe('127.0.0.1');
    expect(opts.namespaces).toStrictEqual(['default']);
    expect(opts.headless).toBe(true);
    expect(opts.dbFilename).toBe('/tmp/x.db');
    expect(opts.searchAttributes).toStrictEqual({ KeurmerkStage: 'Keyword' });
  });

  it('takes a leading port as the time-skipping test server form', () => {
    const opts = parseArgs(['40001', '--search-attribute=Case=Keyword']);
    expect(opts.mode).toBe('time-skipping');
    expect(opts.port).toBe(40001);
    expect(opts.headless).toBe(true);
    expect(opts.searchAttributes).toStrictEqual({ Case: 'Keyword' });
  });

  it('defaults standalone to 127.0.0.1:7233 with the UI, and always has the default namespace', () => {
    const opts = parseArgs(['--namespace', 'keurmerk']);
    expect(opts.mode).toBe('standalone');
    expect(opts.port).toBe(7233);
    expect(opts.headless).toBe(false);
    expect(opts.uiPort).toBeUndefined();
    expect(opts.namespaces).toStrictEqual(['keurmerk', 'default']);
  });

  it('refuses a bad port or attribute with the flag it concerns', () => {
    expect(thrownBy(() => parseArgs(['--port', 'seventy']), UsageError).message).toMatch(/--port expects a port number/);
    expect(() => parseArgs(['--search-attribute', 'NoType'])).toThrow(/--search-attribute expects Name=Type/);
    expect(() => parseArgs(['--ui-port'])).toThrow(/--ui-port expects a value/);
    expect(() => parseArgs(['--prot', '7233'])).toThrow(/unknown option --prot/);
    expect(parseArgs(['--log-level', 'warn']).port).toBe(7233);
  });
});
