// The accountmanager's digest of escalations (docs/decisions/escalation-digest.md): a case adds or
// removes an escalation (signalWithStart: a workflow cannot start another with a signal itself), and the
// digest workflow sends one email listing the escalations of cases that are still running, through the
// sent-ledger (one idempotency key per digest activity: a retry never sends it twice).
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { accountmanagerDigestWorkflowId, digestChanged, WORKFLOW_TYPES, type DigestChange, type DigestItem } from '../workflows/definitions';
import type { DigestInput } from '../workflows/accountmanager-digest';
import { currentIdempotencyKey, deliverEmail, type EmailDeps } from './email/send-email';

export function createDigestActivities(deps: EmailDeps & { client: Client }) {
  return {
    /** Adds an escalation to the accountmanager's digest (starting it when needed), or takes a step off it. */
    async signalDigest(input: { accountmanagerCode: string; change: DigestChange }): Promise<void> {
      const workflowId = accountmanagerDigestWorkflowId(input.accountmanagerCode);
      if ('remove' in input.change) {
        try {
          await deps.client.workflow.getHandle(workflowId).signal(digestChanged, input.change);
        } catch (err) {
          // No digest running: nothing to take off.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
        return;
      }
      const args: [DigestInput] = [{ accountmanagerCode: input.accountmanagerCode }];
      await deps.client.workflow.signalWithStart(WORKFLOW_TYPES.accountmanagerDigest, {
        workflowId,
        taskQueue: Context.current().info.taskQueue,
        args,
        signal: digestChanged,
        signalArgs: [input.change],
      });
    },

    /**
     * Sends one digest: the escalations of the cases that are still running (a case that ended since,
     * cancelled or terminated included, is left out). Nothing left: no email.
     */
    async sendDigest(input: { accountmanagerCode: string; items: DigestItem[]; date: string }): Promise<{ sent: boolean; ended: string[] }> {
      const ended: string[] = [];
      for (const id of new Set(input.items.map((i) => i.workflowId))) {
        try {
          const d = await deps.client.workflow.getHandle(id).describe();
          if (d.status.name !== 'RUNNING') ended.push(id);
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
          ended.push(id);
        }
      }
      const items = input.items.filter((i) => !ended.includes(i.workflowId));
      if (items.length === 0) return { sent: false, ended };
      const am = items[0]!.accountmanager;
      await deliverEmail(
        deps,
        {
          template: 'escalation-digest',
          to: [am.email],
          date: input.date,
          data: { aanhef: am.name, lezer: 'accountmanager', zaken: items, regels: [...new Set(items.map((i) => i.ruleId).filter((r): r is string => !!r))] },
        },
        currentIdempotencyKey(),
      );
      return { sent: true, ended };
    },
  };
}
