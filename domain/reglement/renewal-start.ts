// SEBO-T12: "Drie maanden voor de verloopdatum van het keurmerk dient het herkeuringsonderzoek te zijn
// gestart." Three months before expiry is the latest start, not the earliest: a holder (or the CI) may
// start the re-keuring earlier, at any time while the keurmerk is valid. SEBO-T8 applies to a holder too
// ("Keurmerkaanvrager/-houder"): after a rejected re-keuring, one second keuring.
import type { SchemeDefinition } from '../scheme';
import { type DateInput, toDateTime } from '../time';

/** Why the re-keuring cannot start now, or undefined. */
export function renewalStartRefusal(
  scheme: SchemeDefinition,
  r: { expiresAt: DateInput; at: DateInput; startedForThisExpiry: boolean },
): string | undefined {
  // A definition with a procedure (flow) has a renewal when its holder phase names the step it restarts at.
  const hasRenewal = scheme.flow ? !!scheme.flow.holder.renewal?.restartAt : scheme.procedure.audit;
  if (!hasRenewal) return `renewalStarted: the ${scheme.name} has no re-keuring; apply anew before it ends`;
  if (r.startedForThisExpiry) return 'renewalStarted: the re-keuring has already started';
  if (toDateTime(r.at).toMillis() >= toDateTime(r.expiresAt).toMillis()) {
    return `renewalStarted: the keurmerk expired at ${String(r.expiresAt)}; apply anew`;
  }
  return undefined;
}

/** SEBO-T8 for a holder: why a second keuring after a rejected re-keuring cannot be requested, or undefined. */
export function holderSecondKeuringRefusal(
  scheme: SchemeDefinition,
  r: { renewalRejected: boolean; secondKeuringenUsed: number; keuringInProgress: boolean },
): string | undefined {
  if (r.keuringInProgress) return 'secondKeuringRequested: a keuring is in progress; a second keuring follows only a rejection';
  if (!r.renewalRejected) return 'secondKeuringRequested: there is no rejected re-keuring to follow (SEBO-T8)';
  if (r.secondKeuringenUsed >= scheme.procedure.secondKeuringen) {
    return scheme.procedure.secondKeuringen === 0
      ? `secondKeuringRequested: the ${scheme.name} has no second keuring`
      : 'SEBO-T8: the second keuring has already been used';
  }
  return undefined;
}
