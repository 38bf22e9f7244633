// One digest of escalations per accountmanager (issue 13; docs/decisions/escalation-digest.md). A case
// whose step is overdue no longer mails its accountmanager itself: it adds the escalation to this
// workflow (signal `digestChanged`, sent by an activity with signalWithStart, so the digest exists when
// needed), and takes it off again when the step is done or the case ends. Each working day at the
// policy's time (default 08:00 Europe/Amsterdam) one email lists every escalation that came due since
// the last digest; nothing pending, no email. The email goes through the sent-ledger like every other
// (exactly once on retry). The workflow id is the accountmanager's code: no name or address in ids.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { digestChanged, digestQuery, type DigestItem, type DigestStatus } from './definitions';
import { acts } from './activity-api';
import { ms, nowIso, nowMs, undeliverable as undeliverableEmail } from './case';
import { nextDigestAt } from './reminder-policy';

export interface DigestInput {
  accountmanagerCode: string;
  /** Escalations not yet in a digest (carried over continue-as-new). */
  pending?: DigestItem[];
  digestsSent?: number;
  lastDigestAt?: string;
  /** Continue as new after this many history events (default 2,000; lower in tests). */
  continueAsNewAfterEvents?: number;
}

const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 2_000;

const key = (i: { workflowId: string; action: string }) => `${i.workflowId}\u0000${i.action}`;

export async function accountmanagerDigest(input: DigestInput): Promise<void> {
  const pending = new Map<string, DigestItem>((input.pending ?? []).map((i) => [key(i), i]));
  let digestsSent = input.digestsSent ?? 0;
  let lastDigestAt = input.lastDigestAt;
  let undeliverable = 0;
  /** Counts the changes to `pending`, so a wait for the digest time wakes when one arrives. */
  let changes = 0;

  setHandler(digestChanged, (change) => {
    changes += 1;
    if ('add' in change) {
      pending.set(key(change.add), change.add);
      return;
    }
    for (const [k, item] of [...pending]) {
      if (item.workflowId === change.remove.workflowId && (!change.remove.action || item.action === change.remove.action)) pending.delete(k);
    }
  });
  setHandler(digestQuery, (): DigestStatus => ({
    accountmanagerCode: input.accountmanagerCode,
    pending: [...pending.values()].map(({ workflowId, action, dueAt, escalation, escalatedAt }) => ({ workflowId, action, dueAt, escalation, escalatedAt })),
    nextDigestAt: pending.size ? dueDigest(pending, lastDigestAt) : undefined,
    digestsSent,
    lastDigestAt,
    undeliverable,
  }));

  const historyIsLong = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > (input.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW);
  };

  for (;;) {
    // Nothing pending: no timer at all, the workflow waits for the next escalation.
    await condition(() => pending.size > 0 || historyIsLong());
    if (pending.size === 0) break;
    // The digest is due at the first digest time after the earliest pending escalation; an item added or
    // removed meanwhile recomputes it (an earlier digest time of another case's policy counts too).
    const seen = changes;
    const due = ms(dueDigest(pending, lastDigestAt));
    if (nowMs() < due) {
      await condition(() => changes !== seen, due - nowMs());
      if (nowMs() < due) continue;
    }
    const batch = [...pending.values()];
    // One email per address: an item goes only to the address its own case gave (a code shared by two
    // addresses never shows one person's cases to the other).
    const byAddress = new Map<string, DigestItem[]>();
    for (const item of batch) byAddress.set(item.accountmanager.email, [...(byAddress.get(item.accountmanager.email) ?? []), item]);
    const date = nowIso();
    for (const items of byAddress.values()) {
      try {
        const result = await acts.sendDigest({ accountmanagerCode: input.accountmanagerCode, items, date });
        if (result.sent) digestsSent += 1;
      } catch (err) {
        // An address the mail server refuses for good: retrying cannot help; the cases' steps stay open
        // and their statuses show them (counted in the digest query).
        if (!undeliverableEmail(err)) throw err;
        undeliverable += 1;
      }
    }
    lastDigestAt = date;
    // Sent: off the list, unless the case sent a newer escalation of the same step meanwhile.
    for (const item of batch) if (pending.get(key(item)) === item) pending.delete(key(item));
    if (historyIsLong()) break;
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof accountmanagerDigest>({
    accountmanagerCode: input.accountmanagerCode,
    pending: [...pending.values()],
    digestsSent,
    lastDigestAt,
    ...(input.continueAsNewAfterEvents ? { continueAsNewAfterEvents: input.continueAsNewAfterEvents } : {}),
  });
}

/**
 * The earliest digest time among the pending escalations: each at its case's time, after its own
 * escalation and after the last digest (an item that arrives while a digest is being sent waits for
 * the next one, never a second email the same morning).
 */
function dueDigest(pending: Map<string, DigestItem>, lastDigestAt: string | undefined): string {
  const after = (i: DigestItem) => (lastDigestAt && ms(lastDigestAt) > ms(i.escalatedAt) ? lastDigestAt : i.escalatedAt);
  return [...pending.values()].map((i) => nextDigestAt(after(i), i.digestAt)).sort((a, b) => ms(a) - ms(b))[0]!;
}
