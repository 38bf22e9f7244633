// Encryption through the real SDK on the devserver: a Worker and a Client with the keurmerk data
// converter run a case; the history as the server stores it (fetched WITHOUT the codec) holds no
// plaintext of the applicant's data (SEBO-R5), while the Client with the codec reads the right result
// and failure messages. Cases started before encryption was switched on keep working.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, Worker, makeTelemetryFilterString, DefaultLogger } from '@temporalio/worker';
import { dataConverterFor } from '../../codec/data-converter';
import { generateKey } from '../../codec/keys';
import { localEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from './fixtures/activities';
import type { Aanvraag } from './fixtures/workflows';

const aanvraag: Aanvraag = { kvk: '87654321', bedrijf: 'Schildersbedrijf Jansen', email: 'p.jansen@schilders-jansen.example' };
const SECRETS = [aanvraag.email, aanvraag.bedrijf, 'p.jansen'];

function storedBytes(history: temporal.api.history.v1.IHistory): string {
  return Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
}

describe('encryption codec through the SDK', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let codecClient: Client;
  let plainClient: Client;
  const taskQueue = uniqueTaskQueue('codec');
  const dataConverter = dataConverterFor(`k2:${generateKey()},k1:${generateKey()}`);

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }) } } });
    env = await localEnv();
    codecClient = new Client({ connection: env.connection, dataConverter });
    plainClient = new Client({ connection: env.connection });
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/workflows'),
      activities,
      dataConverter,
    });
    running = worker.run();
  });

  afterAll(async () => {
    if (worker) {
      worker.shutdown();
      await running;
    }
    await env?.teardown();
  });

  it('stores no plaintext of the input, activity data or result; the codec client reads the result', async () => {
    const workflowId = `codec-confirm-${taskQueue}`;
    const result = await codecClient.workflow.execute('confirmApplication', { args: [aanvraag], taskQueue, workflowId });
    expect(result).toBe('Bevestiging aan p.jansen@schilders-jansen.example: aanvraag van Schildersbedrijf Jansen (KvK 87654321) ontvangen');

    const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();
    const stored = storedBytes(history);
    // no secret of the case is in the stored history
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    // Not vacuous: input, activity input, activity result and workflow result are all there, encrypted by k2.
    expect(stored.split('binary/encrypted').length - 1).toBe(4);
    expect(stored).toContain('k2');

    await expect(plainClient.workflow.getHandle(workflowId).result()).rejects.toThrow(/binary\/encrypted/);
  });

  it('encrypts failure messages too; the codec client reads them', async () => {
    const workflowId = `codec-unreachable-${taskQueue}`;
    const err = await codecClient.workflow.execute('unreachableApplicant', { args: [aanvraag], taskQueue, workflowId }).then(
      () => {
        throw new Error('the workflow succeeded');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause!.message).toBe('no reply from p.jansen@schilders-jansen.example');

    const history = await plainClient.workflow.getHandle(workflowId).fetchHistory();
    const stored = storedBytes(history);
    // no secret of the case is in the stored history
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    const activityFailed = history.events?.find((e) => e.activityTaskFailedEventAttributes);
    expect(activityFailed?.activityTaskFailedEventAttributes?.failure?.message).toBe('Encoded failure');
  });

  it('runs a case started without encryption (pass-through of plain payloads)', async () => {
    const workflowId = `codec-legacy-${taskQueue}`;
    await plainClient.workflow.start('confirmApplication', { args: [aanvraag], taskQueue, workflowId });
    const result = await codecClient.workflow.getHandle(workflowId).result();
    expect(result).toMatch(/^Bevestiging aan p\.jansen@schilders-jansen\.example/);
    const stored = storedBytes(await plainClient.workflow.getHandle(workflowId).fetchHistory());
    // the plain input stays readable as it was written
    expect(stored).toContain(aanvraag.email);
    // what the encrypting worker wrote is encrypted
    expect(stored).toContain('binary/encrypted');
  });
});
