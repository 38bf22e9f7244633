// Docker cannot run here, so the production stack is checked as a file: its names must agree with the
// application's own configuration schema and search-attribute list (one source of truth each).
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { configSchema } from '../../worker/config';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '../../workflows/search-attributes';

const compose = parse(readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8'));
const services: Record<string, any> = compose.services;


describe('docker-compose.yml (production stack)', () => {
  it('has every service of the production stack', () => {
    const missing = ['postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'mailpit', 'worker'].filter((name) => !services[name]);
    expect(missing).toStrictEqual([]);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build) continue;
      // The service's name is in the compared object, so a failure says which image is not pinned.
      expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:[\w.-]+$/) });
      expect({ name, image: service.image }).not.toEqual({ name, image: expect.stringMatching(/:latest$/) });
    }
  });

  it('starts in order through health checks', () => {
    expect(services.temporal.depends_on.postgresql.condition).toBe('service_healthy');
    expect(services['temporal-search-attributes'].depends_on.temporal.condition).toBe('service_healthy');
    expect(services.worker.depends_on.temporal.condition).toBe('service_healthy');
    expect(services.worker.depends_on['temporal-search-attributes'].condition).toBe('service_completed_successfully');
    expect(services.worker.depends_on.mailpit.condition).toBe('service_healthy');
    // the services without a healthcheck
    expect(['postgresql', 'temporal', 'mailpit'].filter((name) => !services[name].healthcheck)).toStrictEqual([]);
  });

  it("gives the worker only settings the application's configuration schema knows, and valid ones", () => {
    const env: Record<string, string> = services.worker.environment;
    const known = Object.keys(configSchema.shape);
    // worker settings that are not in worker/config.ts
    expect(Object.keys(env).filter((key) => !known.includes(key))).toStrictEqual([]);
    const parsed = configSchema.safeParse(env);
    // parsed.success ? '' : parsed.error.message
    expect(parsed.error?.issues).toBeUndefined(); // a failure lists what the schema refused
    expect(parsed.success).toBe(true);
  });

  it('points the worker at the services of the stack', () => {
    const env = services.worker.environment;
    const [temporalHost, temporalPort] = env.TEMPORAL_ADDRESS.split(':');
    // TEMPORAL_ADDRESS names a service
    expect(services[temporalHost]).toBeTruthy();
    expect(services.temporal.ports).toContain(`${temporalPort}:${temporalPort}`);
    const smtp = new URL(env.SMTP_URL);
    // SMTP_URL names a service
    expect(services[smtp.hostname]).toBeTruthy();
    // SMTP port not exposed by mailpit
    expect(services.mailpit.ports.some((p: string) => p.endsWith(`:${smtp.port}`))).toBeTruthy();
    expect(services['temporal-ui'].environment.TEMPORAL_ADDRESS).toBe(env.TEMPORAL_ADDRESS);
  });

  it('gives every worker replica the one email ledger in the stack\'s PostgreSQL (issue 16)', () => {
    const ledger = new URL(services.worker.environment.KEURMERK_LEDGER_URL);
    expect(ledger.protocol).toBe('postgres:');
    // it names the PostgreSQL service, with that service's own user and password, and a database of its own
    expect(services[ledger.hostname].image).toMatch(/^postgres:/);
    expect(ledger.username).toBe(services.postgresql.environment.POSTGRES_USER);
    expect(ledger.password).toBe(services.postgresql.environment.POSTGRES_PASSWORD);
    expect(ledger.pathname).toBe('/keurmerk');
    expect(services.worker.depends_on.postgresql.condition).toBe('service_healthy');
  });

  it('registers exactly the search attributes of workflows/search-attributes.ts with their types', () => {
    const script: string = [services['temporal-search-attributes'].command].flat().join(' ');
    const listed = new Map([...script.matchAll(/\b(Keurmerk\w+)=(\w+)/g)].map((m) => [m[1], m[2]]));
    const expected = new Map(ALL_SEARCH_ATTRIBUTES.map((k) => searchAttributeFlag(k).split('=') as [string, string]));
    expect(Object.fromEntries(listed)).toStrictEqual(Object.fromEntries(expected));
  });
});
