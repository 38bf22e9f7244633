// A case that cannot run must end at once with the reason, not start and then fail its workflow task
// for ever (which would also hold the company's workflow id): an unsupported scheme or a malformed
// reminder override is a non-retryable failure of the workflow itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { startKeurmerkEnv, type KeurmerkTestEnv } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication, startApplication } from '../helpers/sebo-fixtures';

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(
    () => assert.fail('the case should have failed'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof WorkflowFailedError, `expected WorkflowFailedError, got ${err}`);
  assert.ok(err.cause instanceof ApplicationFailure, `expected an ApplicationFailure cause, got ${err.cause}`);
  return err.cause;
}

describe('application input the workflow cannot run', { timeout: 120_000 }, () => {
  let t: KeurmerkTestEnv;
  before(async () => {
    t = await startKeurmerkEnv();
  });
  after(async () => {
    await t?.stop();
  });

  it('an application for a scheme without a workflow (werkpakt) fails at once, naming the schemes that run', async () => {
    const kvk = nextKvk();
    const handle = await startApplication(t, { ...seboApplication(kvk, await t.now()), schemeId: 'werkpakt' });
    const failure = await failureOf(handle.result());
    assert.equal(failure.type, 'UnsupportedScheme');
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /werkpakt.*no workflow yet.*sebo, sebo-ambassadeur/);
  });

  it('a malformed reminder override fails at once with the field and what was expected', async () => {
    const kvk = nextKvk();
    const handle = await startApplication(t, seboApplication(kvk, await t.now()), { reminders: { remindBefore: '3 days' } });
    const failure = await failureOf(handle.result());
    assert.equal(failure.type, 'InvalidReminderPolicy');
    assert.match(failure.message, /reminders\.remindBefore: expected an ISO-8601 duration.*"3 days"/);
  });
});
