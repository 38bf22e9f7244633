// Activities that reach every holder: the members' meeting agenda (SEBO-T2), the notice of another
// holder's suspension or withdrawal (SEBO-R2, R3) and a criteria change (SEBO-R1). The holders are
// found through visibility (the same query as the public register, SEBO-R6), their contact through
// each holder's query, so no address is ever stored in a search attribute. One email per holder,
// each with its own idempotency key, so a retry after a partial run sends only the missing ones.
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { criteriaNotified, holderContactQuery, registerQuery, type CriteriaNotice } from '../workflows/definitions';
import { ApplicationFailure } from '@temporalio/common';
import { currentIdempotencyKey, deliverEmail, EMAIL_UNDELIVERABLE, type EmailDeps, type EmailRequest } from './email/send-email';

export type HolderEmail = Omit<EmailRequest, 'to' | 'cc' | 'idempotencySuffix'>;

export interface HolderDeps extends EmailDeps {
  client: Client;
}

async function holderIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

/** Every holder with a running case of the scheme, suspended ones included (they are still bound by criteria). */
function allHoldersQuery(schemeId: string): string {
  return `KeurmerkCaseKind = 'holder' AND KeurmerkScheme = '${schemeId}' AND ExecutionStatus = 'Running'`;
}

export function createHolderActivities(deps: HolderDeps) {
  /** One email per holder; a holder whose address the SMTP server refuses for good is skipped and reported, never retried. */
  async function emailEach(ids: string[], email: HolderEmail): Promise<{ sent: number; undeliverable: string[] }> {
    let sent = 0;
    const undeliverable: string[] = [];
    for (const id of ids) {
      Context.current().heartbeat(id);
      const contact = await deps.client.workflow.getHandle(id).query(holderContactQuery);
      try {
        const result = await deliverEmail(deps, { ...email, to: [contact.email] }, currentIdempotencyKey(id));
        if (!result.alreadySent) sent++;
        if (result.rejected?.length) undeliverable.push(id);
      } catch (err) {
        if (!(err instanceof ApplicationFailure && err.type === EMAIL_UNDELIVERABLE)) throw err;
        undeliverable.push(id);
      }
    }
    return { sent, undeliverable };
  }

  return {
    /** Email every holder in the public register (except the case that caused it). */
    async mailHolders(
      input: { schemeId: string; exceptWorkflowId?: string; email: HolderEmail },
    ): Promise<{ holders: number; sent: number; undeliverable?: string[] }> {
      const ids = (await holderIds(deps.client, registerQuery(input.schemeId))).filter((id) => id !== input.exceptWorkflowId);
      const { sent, undeliverable } = await emailEach(ids, input.email);
      return { holders: ids.length, sent, ...(undeliverable.length ? { undeliverable } : {}) };
    },

    /** SEBO-R1: tell every holder in writing and signal its case with the dates. */
    async announceCriteria(input: { notice: CriteriaNotice; email: HolderEmail }): Promise<{ holders: number; undeliverable?: string[] }> {
      const ids = await holderIds(deps.client, allHoldersQuery(input.notice.schemeId));
      const { undeliverable } = await emailEach(ids, input.email);
      // A signal repeated by a retry is harmless: the holder ignores a version it already knows.
      for (const id of ids) await deps.client.workflow.getHandle(id).signal(criteriaNotified, input.notice);
      return { holders: ids.length, ...(undeliverable.length ? { undeliverable } : {}) };
    },
  };
}
