// Workflows the conformance suite drives through the devserver (or any server given by env vars):
// one small workflow per server feature.
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  executeChild,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from './activities';

const { greet, flaky, slow, failing } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '50ms', backoffCoefficient: 2, maximumAttempts: 5 },
});
const { greet: greetLocal } = proxyLocalActivities<typeof activities>({ startToCloseTimeout: '10s' });

export async function echo(value: string): Promise<string> {
  return value;
}

export async function sleeper(ms: number): Promise<number> {
  const start = Date.now();
  await sleep(ms);
  return Date.now() - start;
}

export async function greeter(name: string): Promise<string> {
  return await greet(name);
}

export async function localGreeter(name: string): Promise<string> {
  return await greetLocal(name);
}

export async function retrying(failTimes: number): Promise<number> {
  return await flaky(failTimes);
}

export async function failingActivity(): Promise<void> {
  await failing();
}

export async function cancellableActivity(): Promise<string> {
  try {
    await CancellationScope.cancellable(async () => {
      const p = slow(60_000);
      await sleep(100);
      CancellationScope.current().cancel();
      await p;
    });
    return 'not cancelled';
  } catch (err) {
    return isCancellation(err) ? 'cancelled' : `other: ${String(err)}`;
  }
}

export const addSignal = defineSignal<[number]>('add');
export const finishSignal = defineSignal('finish');
export const totalQuery = defineQuery<number>('total');
export const setTotalUpdate = defineUpdate<number, [number]>('setTotal');

/** Counter driven by signals, updates (negative values refused by the validator) and queries. */
export async function counter(): Promise<number> {
  let total = 0;
  let finished = false;
  setHandler(addSignal, (n) => {
    total += n;
  });
  setHandler(finishSignal, () => {
    finished = true;
  });
  setHandler(totalQuery, () => total);
  setHandler(
    setTotalUpdate,
    (n) => {
      total = n;
      return total;
    },
    {
      validator: (n) => {
        if (n < 0) throw new Error(`total must not be negative, got ${n}`);
      },
    },
  );
  await condition(() => finished);
  return total;
}

export async function failer(message: string): Promise<void> {
  throw ApplicationFailure.nonRetryable(message, 'Failer');
}

export async function searchable(status: string): Promise<string> {
  upsertSearchAttributes({ DevserverCase: [status] });
  upsertMemo({ note: `status ${status}` });
  await sleep(10);
  return status;
}

export async function patchedWorkflow(): Promise<string> {
  return patched('v2') ? 'v2' : 'v1';
}

export async function continuer(n: number): Promise<number> {
  if (n > 0) await continueAsNew<typeof continuer>(n - 1);
  return workflowInfo().continuedFromExecutionRunId ? n : -1;
}

export async function parent(name: string): Promise<string> {
  return await executeChild(greeter, { args: [name], workflowId: `${workflowInfo().workflowId}-child` });
}

export async function signaller(targetId: string): Promise<void> {
  await getExternalWorkflowHandle(targetId).signal(addSignal, 5);
}

export async function waitForCancel(): Promise<string> {
  try {
    await sleep('1 day');
    return 'slept';
  } catch (err) {
    if (isCancellation(err)) return 'cancelled';
    throw err;
  }
}

export const stopUpdate = defineUpdate<number, []>('stop');
export const remindersQuery = defineQuery<number>('reminders');

/** A long-lived case in miniature: a yearly reminder activity until an update stops it. */
export async function yearlyReminder(caseId: string): Promise<number> {
  let reminders = 0;
  let stopped = false;
  upsertSearchAttributes({ DevserverCase: [caseId] });
  setHandler(remindersQuery, () => reminders);
  setHandler(stopUpdate, () => {
    stopped = true;
    return reminders;
  });
  while (!stopped) {
    if (await condition(() => stopped, '365 days')) break;
    await greet(`reminder ${reminders + 1} for ${caseId}`);
    reminders++;
  }
  return reminders;
}

const { flaky: flakyHourly } = proxyActivities<typeof activities>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1 hour', backoffCoefficient: 1, maximumAttempts: 3 },
});

export async function retryingHourly(failTimes: number): Promise<number> {
  return await flakyHourly(failTimes);
}

export async function sleepThenGreet(ms: number, name: string): Promise<string> {
  await sleep(ms);
  return await greet(name);
}

export async function heartbeatTimeout(): Promise<number> {
  const { stallsOnce } = proxyActivities<typeof activities>({
    startToCloseTimeout: '10s',
    heartbeatTimeout: '300ms',
    retry: { initialInterval: '10ms', maximumAttempts: 3 },
  });
  return await stallsOnce(1500);
}

/** Runs an activity with the given timeouts and no retries; reports the timeout type it failed with. */
export async function activityTimeout(
  timeouts: { startToCloseTimeout?: string; scheduleToCloseTimeout?: string; scheduleToStartTimeout?: string },
  taskQueue?: string,
): Promise<string> {
  const { sleepFor } = proxyActivities<typeof activities>({ ...timeouts, taskQueue, retry: { maximumAttempts: 1 } } as any);
  try {
    await sleepFor(2000);
    return 'no timeout';
  } catch (err: any) {
    return String(err?.cause?.timeoutType ?? err?.cause?.name ?? err);
  }
}

export async function parentOfSleeper(childId: string): Promise<void> {
  await executeChild(waitForCancel, { workflowId: childId });
}

export async function canceller(targetId: string): Promise<void> {
  await getExternalWorkflowHandle(targetId).cancel();
}

/** Fails its first attempt; the workflow retry policy starts a second run that succeeds. */
export async function succeedsOnRetry(): Promise<number> {
  const { attempt } = workflowInfo();
  if (attempt === 1) throw ApplicationFailure.retryable('first attempt fails', 'Flaky');
  return attempt;
}

export const crashSignal = defineSignal('crash');

/** A bug in workflow code (a plain Error, not a failure) fails the workflow task, not the workflow. */
export async function crashOnSignal(): Promise<void> {
  setHandler(crashSignal, () => {
    throw new TypeError('workflow code bug');
  });
  await condition(() => false);
}

/** Starts a child; reports how the child ended or why it could not start. */
export async function parentReporting(childType: string, childId: string, args: unknown[]): Promise<string> {
  try {
    return `completed: ${await executeChild(childType, { workflowId: childId, args })}`;
  } catch (err: any) {
    return `${err?.name}: ${err?.cause?.message ?? err?.message}`;
  }
}

/** One activity that takes `ms` of real time (time skipping must hold still meanwhile). */
export async function slowActivity(ms: number): Promise<void> {
  await slow(ms);
}

/** Returns a string of `size` characters (issue 16: a result over the blob size limit). */
export async function bigResult(size: number): Promise<string> {
  return 'x'.repeat(size);
}

/** Schedules an activity whose input is `size` characters (issue 16: an input over the blob size limit). */
export async function bigActivityInput(size: number): Promise<string> {
  return await greet('x'.repeat(size));
}

const { bigString } = proxyActivities<typeof activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '50ms', maximumAttempts: 3 },
});

/** Runs bigString(size); reports how the activity ended: its length, or the failure's cause and attempts. */
export async function bigActivityResult(size: number): Promise<string> {
  try {
    return `completed ${(await bigString(size)).length}`;
  } catch (err) {
    const cause = (err as { cause?: { message?: string; name?: string } }).cause;
    return `failed: ${cause?.name}: ${cause?.message}`;
  }
}
