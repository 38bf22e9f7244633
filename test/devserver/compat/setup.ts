// What every compatibility scenario file sets up (issue 15): one server (the devserver, or an official
// one through test/helpers/server.ts), one worker on a task queue of its own with the compatibility
// workflows and activities, and the teardown of both. `useCompatServer` registers the jest hooks and
// returns an object whose fields are set once beforeAll has run.
import { afterAll, beforeAll } from '@jest/globals';
import { DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localEnv, timeSkippingEnv, uniqueTaskQueue } from '../../helpers/server';
import { compatActivities } from './activities';

export interface CompatServer {
  env: TestWorkflowEnvironment;
  worker: Worker;
  taskQueue: string;
}

export interface CompatServerOptions {
  /** `local`: the CLI dev server's place (createLocal); `time-skipping`: the test server's. */
  server: 'local' | 'time-skipping';
  taskQueuePrefix: string;
  /** Register test/devserver/compat/workflows.ts (default true). */
  workflows?: boolean;
  /** The worker's activities (default: compatActivities). */
  activities?: (env: TestWorkflowEnvironment) => object;
  nexusServices?: WorkerOptions['nexusServices'];
  /** Runs after the server started, before the worker is created (e.g. creating a Nexus endpoint). */
  prepare?: (env: TestWorkflowEnvironment, taskQueue: string) => Promise<void>;
  /** Runs after the worker stopped, before the server goes. */
  cleanup?: (env: TestWorkflowEnvironment) => Promise<void>;
}

export function useCompatServer(options: CompatServerOptions): CompatServer {
  const compat = { taskQueue: uniqueTaskQueue(options.taskQueuePrefix) } as CompatServer;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    compat.env = options.server === 'local' ? await localEnv() : await timeSkippingEnv();
    await options.prepare?.(compat.env, compat.taskQueue);
    compat.worker = await Worker.create({
      connection: compat.env.nativeConnection,
      namespace: compat.env.namespace ?? 'default',
      taskQueue: compat.taskQueue,
      ...(options.workflows === false ? {} : { workflowsPath: require.resolve('./workflows') }),
      activities: (options.activities ?? compatActivities)(compat.env),
      ...(options.nexusServices ? { nexusServices: options.nexusServices } : {}),
    });
    running = compat.worker.run();
  }, 120_000);

  afterAll(async () => {
    compat.worker?.shutdown();
    await running;
    if (compat.env) await options.cleanup?.(compat.env);
    await compat.env?.teardown();
  }, 120_000);

  return compat;
}

/** Reads until `ok` holds (at most 200 tries, 50 ms apart); returns the last value read either way. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let i = 0; i < 200 && !ok(value); i++) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
