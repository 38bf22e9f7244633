// One server and one worker per test file: the worker runs in the background for the whole file,
// so each test only pays for its own workflows. Works against the devserver or, with the variables
// of test/helpers/server.ts, against an official server.
import { Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localEnv, timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from './activities';

let runtimeInstalled = false;

export interface Suite {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  stop(): Promise<void>;
}

export async function startSuite(kind: 'local' | 'time-skipping'): Promise<Suite> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const env = kind === 'local' ? await localEnv() : await timeSkippingEnv();
  await registerSearchAttribute(env);
  const taskQueue = uniqueTaskQueue('conformance');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowsPath: require.resolve('./workflows'),
    activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** The suite's own Keyword attribute; re-adding it is harmless, a server without the API is tolerated. */
export const CASE_ATTRIBUTE = 'DevserverCase';

async function registerSearchAttribute(env: TestWorkflowEnvironment): Promise<void> {
  try {
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: { [CASE_ATTRIBUTE]: 2 /* INDEXED_VALUE_TYPE_KEYWORD */ },
    });
  } catch {
    // Already registered (real server) or no OperatorService (official time-skipping server).
  }
}

/** Event type names of a fetched history, e.g. 'ActivityTaskCompleted'. */
export function eventTypes(history: { events?: { eventType?: unknown }[] | null }): string[] {
  return (history.events ?? []).map((e) => {
    const name = String(
      typeof e.eventType === 'number' ? require('@temporalio/proto').temporal.api.enums.v1.EventType[e.eventType] : e.eventType,
    );
    return name
      .replace(/^EVENT_TYPE_/, '')
      .toLowerCase()
      .replace(/(^|_)([a-z])/g, (_: string, __: string, c: string) => c.toUpperCase());
  });
}
