// Where every workflow test gets its Temporal server. By default the project's own devserver is
// launched exactly where the official binaries would be; environment variables swap in a real one:
//   TEMPORAL_TEST_SERVER_PATH  official time-skipping test server executable (for createTimeSkipping)
//   TEMPORAL_CLI_PATH          official `temporal` CLI (its `server start-dev`, for createLocal)
//   TEMPORAL_ADDRESS           an already running server (createFromExistingServer; no time skipping)
import { resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';

export const DEVSERVER_BIN = resolve(__dirname, '../../devserver/bin/keurmerk-devserver.js');

export function timeSkippingEnv(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH ?? DEVSERVER_BIN },
      extraArgs,
    },
  });
}

export function localEnv(
  opts: { searchAttributes?: SearchAttributeKey<SearchAttributeType>[]; dbFilename?: string } = {},
): Promise<TestWorkflowEnvironment> {
  if (process.env.TEMPORAL_ADDRESS) {
    return TestWorkflowEnvironment.createFromExistingServer({
      address: process.env.TEMPORAL_ADDRESS,
      namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    });
  }
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH ?? DEVSERVER_BIN },
      searchAttributes: opts.searchAttributes,
      dbFilename: opts.dbFilename,
    },
  });
}

/** A task queue no other test shares, so tests in one server never steal each other's tasks. */
export function uniqueTaskQueue(prefix = 'test'): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}
