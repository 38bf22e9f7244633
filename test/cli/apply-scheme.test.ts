// `keurmerk apply` refuses a scheme that is in the catalogue but has no keurmerk procedure (SROI), before it connects:
// the server address below is closed, so reaching it would give a connection error instead.
import { describe, expect, it } from '@jest/globals';
import { runBuilt } from './support';
import { freePorts } from '../helpers/ports';

describe('keurmerk apply --scheme', () => {
  it('refuses sroi-amersfoort (an SROI scheme, no keurmerk procedure) with exit 1, naming the schemes that run, without contacting Temporal', async () => {
    const [closedPort] = await freePorts(1);
    const result = await runBuilt({ ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}` }, [
      'apply', '--scheme', 'sroi-amersfoort', '--kvk', '12345678', '--company', 'Bouwbedrijf Twente', '--contact', 'Eva Smit',
      '--email', 'eva@bouwtwente.example', '--accountmanager', 'wsp-030', '--establishment', 'Enschede', '--active-since', '2015-01-01',
    ]);
    // result.stderr
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--scheme: sroi-amersfoort is in the catalogue but has no workflow yet; applications run for sebo, sebo-ambassadeur, werkpakt, mvs, pso/);
    expect(result.stderr).not.toMatch(/cannot reach/);
  });
});
