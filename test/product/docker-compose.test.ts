// Docker cannot run here, so the production stack is checked as a file: its names must agree with the
// application's own configuration schema and search-attribute list (one source of truth each).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../worker/config';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '../../workflows/search-attributes';

const compose = parse(readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8'));
const services: Record<string, any> = compose.services;


describe('docker-compose.yml (production stack)', () => {
  it('has every service of the production stack', () => {
    for (const name of ['postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'mailpit', 'worker']) {
      assert.ok(services[name], `service ${name} is missing`);
    }
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      assert.match(service.image, /^[\w./-]+:[\w.-]+$/, `${name} image is not pinned: ${service.image}`);
      assert.doesNotMatch(service.image, /:latest$/, `${name} uses :latest`);
    }
  });

  it('starts in order through health checks', () => {
    assert.equal(services.temporal.depends_on.postgresql.condition, 'service_healthy');
    assert.equal(services['temporal-search-attributes'].depends_on.temporal.condition, 'service_healthy');
    assert.equal(services.worker.depends_on.temporal.condition, 'service_healthy');
    assert.equal(services.worker.depends_on['temporal-search-attributes'].condition, 'service_completed_successfully');
    assert.equal(services.worker.depends_on.mailpit.condition, 'service_healthy');
    for (const name of ['postgresql', 'temporal', 'mailpit']) assert.ok(services[name].healthcheck, `${name} has no healthcheck`);
  });

  it("gives the worker only settings the application's configuration schema knows, and valid ones", () => {
    const env: Record<string, string> = services.worker.environment;
    const known = Object.keys(configSchema.shape);
    for (const key of Object.keys(env)) assert.ok(known.includes(key), `worker setting ${key} is not in worker/config.ts`);
    const parsed = configSchema.safeParse(env);
    assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
  });

  it('points the worker at the services of the stack', () => {
    const env = services.worker.environment;
    const [temporalHost, temporalPort] = env.TEMPORAL_ADDRESS.split(':');
    assert.ok(services[temporalHost], `TEMPORAL_ADDRESS names no service: ${temporalHost}`);
    assert.ok(services.temporal.ports.includes(`${temporalPort}:${temporalPort}`));
    const smtp = new URL(env.SMTP_URL);
    assert.ok(services[smtp.hostname], `SMTP_URL names no service: ${smtp.hostname}`);
    assert.ok(services.mailpit.ports.some((p: string) => p.endsWith(`:${smtp.port}`)), 'SMTP port not exposed by mailpit');
    assert.equal(services['temporal-ui'].environment.TEMPORAL_ADDRESS, env.TEMPORAL_ADDRESS);
  });

  it('registers exactly the search attributes of workflows/search-attributes.ts with their types', () => {
    const script: string = [services['temporal-search-attributes'].command].flat().join(' ');
    const listed = new Map([...script.matchAll(/\b(Keurmerk\w+)=(\w+)/g)].map((m) => [m[1], m[2]]));
    const expected = new Map(ALL_SEARCH_ATTRIBUTES.map((k) => searchAttributeFlag(k).split('=') as [string, string]));
    assert.deepEqual(Object.fromEntries(listed), Object.fromEntries(expected));
  });
});
