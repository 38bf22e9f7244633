// The three ways the devserver is started, and the arguments sdk-core passes to it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../devserver/src/cli';

describe('devserver command line', () => {
  it('reads the exact start-dev arguments of TestWorkflowEnvironment.createLocal, ignoring unknown flags', () => {
    const opts = parseArgs([
      'server', 'start-dev', '--port', '41234', '--namespace', 'default', '--ip', '127.0.0.1',
      '--log-format', 'pretty', '--log-level', 'warn',
      '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
      '--dynamic-config-value', 'frontend.enableUpdateWorkflowExecution=true',
      '--headless', '--db-filename', '/tmp/x.db', '--search-attribute', 'KeurmerkStage=Keyword',
    ]);
    assert.equal(opts.mode, 'start-dev');
    assert.equal(opts.port, 41234);
    assert.equal(opts.ip, '127.0.0.1');
    assert.deepEqual(opts.namespaces, ['default']);
    assert.equal(opts.headless, true);
    assert.equal(opts.dbFilename, '/tmp/x.db');
    assert.deepEqual(opts.searchAttributes, { KeurmerkStage: 'Keyword' });
  });

  it('takes a leading port as the time-skipping test server form', () => {
    const opts = parseArgs(['40001', '--search-attribute=Case=Keyword']);
    assert.equal(opts.mode, 'time-skipping');
    assert.equal(opts.port, 40001);
    assert.equal(opts.headless, true);
    assert.deepEqual(opts.searchAttributes, { Case: 'Keyword' });
  });

  it('defaults standalone to 127.0.0.1:7233 with the UI, and always has the default namespace', () => {
    const opts = parseArgs(['--namespace', 'keurmerk']);
    assert.equal(opts.mode, 'standalone');
    assert.equal(opts.port, 7233);
    assert.equal(opts.headless, false);
    assert.equal(opts.uiPort, undefined);
    assert.deepEqual(opts.namespaces, ['keurmerk', 'default']);
  });

  it('refuses a bad port or attribute with the flag it concerns', () => {
    assert.throws(() => parseArgs(['--port', 'seventy']), (e: unknown) => e instanceof UsageError && /--port expects a port number/.test(e.message));
    assert.throws(() => parseArgs(['--search-attribute', 'NoType']), /--search-attribute expects Name=Type/);
    assert.throws(() => parseArgs(['--ui-port']), /--ui-port expects a value/);
    assert.throws(() => parseArgs(['--prot', '7233']), /unknown option --prot/);
    assert.equal(parseArgs(['--log-level', 'warn']).port, 7233);
  });
});
