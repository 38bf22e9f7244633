// A case that cannot run must end at once with the reason, not start and then fail its workflow task
// for ever (which would also hold the company's workflow id): an unsupported scheme or a malformed
// reminder override is a non-retryable failure of the workflow itself.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startKeurmerkEnv, type KeurmerkTestEnv } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication, startApplication } from '../helpers/sebo-fixtures';

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => {
      throw new Error('the case should have failed');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const cause = (err as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('application input the workflow cannot run', () => {

  jest.setTimeout(120_000);
  let t: KeurmerkTestEnv;
  beforeAll(async () => {
    t = await startKeurmerkEnv();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('an application for a scheme without a keurmerk procedure (sroi-amersfoort) fails at once, naming the schemes that run', async () => {
    const kvk = nextKvk();
    const handle = await startApplication(t, { ...seboApplication(kvk, await t.now()), schemeId: 'sroi-amersfoort' });
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('UnsupportedScheme');
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toMatch(/sroi-amersfoort.*no workflow yet.*sebo, sebo-ambassadeur, werkpakt, mvs, pso/);
  });

  it('a malformed reminder override fails at once with the field and what was expected', async () => {
    const kvk = nextKvk();
    const handle = await startApplication(t, seboApplication(kvk, await t.now()), { reminders: { remindBefore: '3 days' } });
    const failure = await failureOf(handle.result());
    expect(failure.type).toBe('InvalidReminderPolicy');
    expect(failure.message).toMatch(/reminders\.remindBefore: expected an ISO-8601 duration.*"3 days"/);
  });
});
