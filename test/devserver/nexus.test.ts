// Nexus through the devserver as Temporal documents it: an endpoint created with the OperatorService
// (and read back, listed, deleted), a workflow calling a synchronous operation (NexusOperationScheduled
// → NexusOperationCompleted) and an asynchronous one backed by a workflow (NexusOperationStarted, then
// completed through the handler workflow's completion callback), and cancelling a started operation
// (NexusOperationCancelRequested → CancelRequestCompleted → NexusOperationCanceled, the handler's
// workflow cancelled). The handlers run in an ordinary TypeScript worker (nexusServices). Runs against
// an official server with TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS (test/helpers/server.ts).
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { shoutHandler } from './compat/nexus-handlers';
import { eventually, useCompatServer } from './compat/setup';
import { eventTypes } from './suite';

describe('devserver compatibility: Nexus', () => {
  const endpoint = `compat-${randomUUID().slice(0, 8)}`;
  let endpointId = '';
  const compat = useCompatServer({
    server: 'local',
    taskQueuePrefix: 'nexus',
    nexusServices: [shoutHandler],
    async prepare(env, taskQueue) {
      const created = await env.connection.operatorService.createNexusEndpoint({
        spec: { name: endpoint, target: { worker: { namespace: env.namespace ?? 'default', taskQueue } } },
      });
      endpointId = created.endpoint!.id!;
    },
    async cleanup(env) {
      await env.connection.operatorService.deleteNexusEndpoint({ id: endpointId, version: 1 as any }).catch(() => undefined);
    },
  });

  const run = (type: string, args: unknown[]) => compat.env.client.workflow.start(type, { args, taskQueue: compat.taskQueue, workflowId: `${type}-${randomUUID()}` });

  it('creates an endpoint that can be read back by id and found in the list; a second one of the same name is refused', async () => {
    const { endpoint: got } = await compat.env.connection.operatorService.getNexusEndpoint({ id: endpointId });
    expect(got?.spec?.name).toBe(endpoint);
    expect(got?.spec?.target?.worker?.taskQueue).toBe(compat.taskQueue);
    expect(Number(got?.version)).toBe(1);
    const { endpoints } = await compat.env.connection.operatorService.listNexusEndpoints({ name: endpoint });
    expect(endpoints?.map((e) => e.id)).toEqual([endpointId]);
    await expect(
      compat.env.connection.operatorService.createNexusEndpoint({ spec: { name: endpoint, target: { worker: { namespace: compat.env.namespace ?? 'default', taskQueue: compat.taskQueue } } } }),
    ).rejects.toMatchObject({ code: 6 /* ALREADY_EXISTS */ });
  }, 120_000);

  it('calls a synchronous operation from a workflow: Scheduled then Completed, no Started', async () => {
    const handle = await run('callShout', [endpoint, 'shoutNow', 'hallo']);
    expect(await handle.result()).toBe('HALLO!');
    const types = eventTypes(await handle.fetchHistory()).filter((t) => t.startsWith('NexusOperation'));
    expect(types).toEqual(['NexusOperationScheduled', 'NexusOperationCompleted']);
  }, 120_000);

  it('calls an asynchronous operation backed by a workflow: Started with a token, completed when that workflow completes', async () => {
    const handle = await run('callShout', [endpoint, 'shoutLater', 'later']);
    expect(await handle.result()).toBe('LATER!');
    const history = await handle.fetchHistory();
    expect(eventTypes(history).filter((t) => t.startsWith('NexusOperation'))).toEqual(['NexusOperationScheduled', 'NexusOperationStarted', 'NexusOperationCompleted']);
    const started = history.events!.find((e) => e.nexusOperationStartedEventAttributes)!.nexusOperationStartedEventAttributes!;
    expect(started.operationToken).toBeTruthy();
  }, 120_000);

  it('cancels a started asynchronous operation: the handler workflow is cancelled and so is the operation', async () => {
    const key = randomUUID();
    const handle = await run('cancelShout', [endpoint, key]);
    expect(await handle.result()).toEqual({ started: true, outcome: 'cancelled' });
    const types = eventTypes(await handle.fetchHistory()).filter((t) => t.startsWith('NexusOperation'));
    expect(types).toEqual(['NexusOperationScheduled', 'NexusOperationStarted', 'NexusOperationCancelRequested', 'NexusOperationCancelRequestCompleted', 'NexusOperationCanceled']);
    const target = compat.env.client.workflow.getHandle(`wait-for-cancel-${key}`);
    const description = await eventually(() => target.describe(), (d) => d.status.name !== 'RUNNING');
    expect(description.status.name).toBe('CANCELLED');
  }, 120_000);

  it('fails the workflow task of a workflow that names an endpoint that does not exist', async () => {
    const handle = await run('callShout', [`missing-${randomUUID().slice(0, 8)}`, 'shoutNow', 'x']);
    const history = await eventually(() => handle.fetchHistory(), (h) => eventTypes(h).includes('WorkflowTaskFailed'));
    const failed = history.events!.find((e) => e.workflowTaskFailedEventAttributes)!.workflowTaskFailedEventAttributes!;
    expect(failed.failure?.message).toMatch(/endpoint .* not found/);
    await handle.terminate('test finished');
  }, 120_000);
});
