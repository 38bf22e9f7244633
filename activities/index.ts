// Every activity of the keurmerk worker, built from its dependencies (SMTP transport, sent-ledger,
// Temporal client), so tests inject their own. Workflows import only the type.
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import { ApplicationFailure } from '@temporalio/common';
import {
  currentIdempotencyKey,
  deliverEmail,
  EMAIL_UNDELIVERABLE,
  emailRequestSchema,
  type EmailDeps,
  type EmailRequest,
  type EmailResult,
  type UndeliverableDetails,
} from './email/send-email';
import { createHolderActivities } from './holders';
import { createMeetingActivities } from './meetings';
import { createSroiActivities } from './sroi';
import { createEarlierCaseActivities } from './earlier-cases';
import { createDigestActivities } from './digest';

/** Addresses of the parties that are an organisation, not a case's person (from worker/config.ts). */
export interface RoleAddresses {
  'certifying-institution': string;
  municipality: string;
}

export interface ActivityDeps extends EmailDeps {
  client: Client;
  roles: RoleAddresses;
}

const roleToken = z.enum(['role:certifying-institution', 'role:municipality']);
export type Recipient = string;

export function createActivities(deps: ActivityDeps) {
  const resolve = (to: Recipient[]) =>
    [...new Set(to.map((r) => (roleToken.safeParse(r).success ? deps.roles[r.slice('role:'.length) as keyof RoleAddresses] : r)))];
  return {
    /** One email, exactly once (see email/send-email.ts). Recipients may be role tokens (role:municipality). */
    async sendEmail(input: EmailRequest): Promise<EmailResult> {
      const req = { ...input, to: resolve(input.to), cc: resolve(input.cc ?? []) };
      const checked = emailRequestSchema.safeParse(req);
      // A request that is wrong now is wrong on every retry: fail at once, so the case goes on without it.
      if (!checked.success) {
        const reason = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500);
        throw ApplicationFailure.create({
          type: EMAIL_UNDELIVERABLE,
          nonRetryable: true,
          // What is wrong, without the value itself (an address is personal data, and this message is logged).
          message: `this email cannot be sent: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message.replace(/,? got .*$/s, '')}`).join('; ')}`,
          details: [{ reason, rejected: [...req.to, ...req.cc].map((address) => ({ address: address.slice(0, 254), reason })) } satisfies UndeliverableDetails],
        });
      }
      return deliverEmail(deps, req, currentIdempotencyKey(input.idempotencySuffix));
    },
    ...createHolderActivities(deps),
    ...createMeetingActivities(deps),
    ...createSroiActivities(deps),
    ...createEarlierCaseActivities(deps),
    ...createDigestActivities(deps),
  };
}

export type KeurmerkActivities = ReturnType<typeof createActivities>;
