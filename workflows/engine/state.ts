// The state of one engine case (one plain object that survives continue-as-new): the definition it
// runs (fixed at start, with its version and hash), the application, where the procedure is, and
// once granted the holder's validity and concerns. Nothing here names a scheme.
import type { Actor, Anchor, Application, Meeting, SchemeDefinition, SubmittedDocument } from '../../domain';
import type { CaseCore } from '../case';
import type { CriteriaNotice, Party, Stage } from '../definitions';

/** One pass through the steps: the application, a second keuring, or a renewal of a holder. */
export interface RunState {
  purpose: 'application' | 'renewal';
  stepId: string;
  /** The instants the steps' deadlines count from. */
  anchors: Partial<Record<Anchor, string>>;
  /** Set by the step's action; the loop reads it, applies the outcome and clears it. */
  done?: { outcome?: string; at: string };
  meeting?: Meeting;
  /** On the agenda of `meeting` (registered with the members' meeting). */
  registered?: boolean;
  /** When the members' meeting was told (its agenda must still have been open then). */
  listedAt?: string;
  /** A second keuring after a rejection (of an application or a holder's renewal). */
  round?: 'second';
  documents: SubmittedDocument[];
  documentsComplete: boolean;
  shortcomings?: string;
  supplementsUntil?: string;
  supplements: string[];
  advice?: 'positive' | 'negative';
  disagreement: boolean;
  bothSidesHeard: boolean;
  decision?: { outcome: 'granted' | 'rejected'; at: string; by?: string; reason?: string; certificateNumber?: string; level?: string };
  integrity?: { outcome: string; at: string; notes?: string };
  covenantSignedAt?: string;
  /** For the status query: when the case was forwarded to the auditor, who audits, what was found. */
  forwardedAt?: string;
  auditor?: string;
  findings?: string;
  unmetCriteria?: string[];
  meetingOutcome?: 'approved' | 'rejected' | 'deferred';
  /** The reason the meeting gave for a rejection or deferral (told to the applicant). */
  meetingReason?: string;
}

export interface HolderPart {
  validity: { validFrom: string; expiresAt: string; certificateNumber: string };
  certificateSent: boolean;
  conversationsHeld: string[];
  conversationOpen?: string;
  renewal?: {
    forExpiry: string;
    startedAt?: string;
    outcome?: 'granted' | 'rejected';
    /** The second keuring after a rejected renewal (flow.holder.renewal.secondKeuring). */
    secondKeuringenUsed?: number;
    secondRequestedAt?: string;
    secondOutcome?: 'granted' | 'rejected';
  };
  /** The keurmerk lapsed at this expiry while a renewal went on (flow.holder.lapse.renewalContinues). */
  lapsedAt?: string;
  suspension?: { from: string; until: string; extended: boolean; reason: string; requestedByHolder: boolean };
  criteria: { version: string; pending?: CriteriaNotice & { objected: boolean } };
  ended?: { stage: Stage; reason: string; rule?: string };
  lapseWarnedFor?: string;
  /** Benefits with an end (label → when it ends), and those whose end was told. */
  benefits: { label: string; endsAt: string; told: boolean }[];
  /** Placements reported (programme goals). */
  placements: { count: number; at: string; description?: string }[];
}

export interface EngineState extends CaseCore {
  definition: SchemeDefinition;
  definitionHash: string;
  application?: Application;
  activeSince: string;
  run?: RunState;
  /** The last run that ended (its keuring stays visible in `status`). */
  lastRun?: RunState;
  intakeAt?: string;
  rejectionsUsed: number;
  secondKeuringRequestedAt?: string;
  waitingUntil?: string;
  /** The assessment of the application (points, level) shown to the one who decides. */
  assessment?: Record<string, unknown>;
  /** The level granted (a ladder scheme). */
  level?: string;
  /** When a level that can be had only once was held. */
  onceLevelsHeld: { level: string; from: string; until?: string }[];
  holder?: HolderPart;
  /** Stage the case ends in (application: not eligible, rejected at the meeting, closed). */
  closed?: { stage: Stage; outcome: string };
}

/** Actor of the definition → party of a case (who receives what). */
export function partyOf(actor: Actor): Party {
  switch (actor) {
    case 'employer':
      return 'applicant';
    case 'holders-meeting':
      return 'holders';
    default:
      return actor;
  }
}

export function partiesOf(actors: readonly Actor[]): Party[] {
  return [...new Set(actors.map(partyOf))];
}
