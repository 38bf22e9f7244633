// A keurmerk holder from grant to lapse: SEBO-T10 certificate, SEBO-T11 yearly conversation, SEBO-T12
// re-keuring (a renewal keuring from SEBO-T3 on; validity extended when granted in time), SEBO-T13 lapse,
// SEBO-R1 criteria changes, SEBO-R2 suspension, SEBO-R3 withdrawal, SEBO-R6 register (stage). Each
// concern is a small loop over the shared state; only the main loop continues as new, so any loop can
// be cut off at any await and resume from the state in the next run.
import { condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  getScheme,
  checkDocuments,
  extensionRefusal,
  holderSecondKeuringRefusal,
  lastValidDay,
  renewalStartRefusal,
  secondKeuringAllowed,
  type SubmittedDocument,
  conversationsDue,
  deadline,
  msUntil,
  renewalSchedule,
  subtractPeriod,
  suspensionLimit,
  validity as validityOf,
} from '../../domain';
import {
  criteriaNotified,
  holderContactQuery,
  REGISTER_STAGES,
  STAGES,
  statusQuery,
  type CaseClock,
  type CaseStatus,
  type CriteriaNotice,
  type HistoryEntry,
  type ReminderPolicy,
  type Stage,
} from '../definitions';
import { Case, coreStatus, ms, nowIso, nowMs, Refused } from '../case';
import { DONE, keuringFacts, keuringStatus, newKeuring, onAction, refuseIf, registerKeuringActions, runKeuring, type KeuringHost } from './keuring';
import { reminderPolicy } from '../reminder-policy';

export interface HolderState extends KeuringHost {
  validity: { validFrom: string; expiresAt: string; certificateNumber: string };
  activeSince: string;
  /** SEBO-T10: the certificate of the current validity has been emailed. */
  certificateSent: boolean;
  /** SEBO-T11: due dates of the yearly conversations already held. */
  conversationsHeld: string[];
  conversationOpen?: string;
  /** SEBO-T12: the renewal for the validity ending at `forExpiry`; SEBO-T8: its one second keuring after a rejection. */
  renewal?: {
    forExpiry: string;
    startedAt?: string;
    outcome?: 'granted' | 'rejected';
    /** Criteria 3.1/4.1: what the last report of this renewal found not met. */
    unmetCriteria?: string[];
    documents?: SubmittedDocument[];
    secondKeuringenUsed?: number;
    secondRequestedAt?: string;
    secondOutcome?: 'granted' | 'rejected';
  };
  /** SEBO-T13 / reglement 2c: the keurmerk lapsed at this expiry while a keuring was still in progress. */
  lapsedAt?: string;
  suspension?: { from: string; until: string; extended: boolean; reason: string; requestedByHolder: boolean };
  criteria: { version: string; pending?: CriteriaNotice & { objected: boolean } };
  ended?: { stage: Stage; reason: string };
  /** SEBO-T13: the expiry for which the last warning went out. */
  lapseWarnedFor?: string;
}

/** How a holder starts: from a grant (the application continues as new) or imported (an existing holder). */
export interface HolderInput {
  grant?: {
    schemeId: string;
    company: { name: string; kvkNumber: string };
    contact: { name: string; email: string };
    accountmanager?: { name: string; email: string };
    accountmanagerCode: string;
    policy?: ReminderPolicy;
    decidedAt: string;
    certificateNumber?: string;
    activeSince: string;
    history?: HistoryEntry[];
    /** An imported holder's current validity (instead of a new one from decidedAt). */
    validity?: { validFrom: string; expiresAt: string };
    criteriaVersion?: string;
    continueAsNewAfterEvents?: number;
  };
  state?: HolderState;
}

export type HolderResult = { outcome: 'lapsed' | 'withdrawn'; reason: string; at: string };

function certificateNumberFor(schemeId: string, kvk: string, validFrom: string): string {
  return `${schemeId.toUpperCase()}-${kvk}-${validFrom.slice(0, 10).replace(/-/g, '')}`;
}

function initialState(input: NonNullable<HolderInput['grant']>, workflowId: string, c: { scheme: (id: string) => Case<HolderState>['scheme'] }): HolderState {
  const scheme = c.scheme(input.schemeId);
  const v = input.validity ?? validityOf(scheme, { decidedAt: input.decidedAt, renewal: false });
  return {
    workflowId,
    schemeId: input.schemeId,
    caseKind: 'holder',
    stage: STAGES.REGISTERED,
    company: input.company,
    contact: input.contact,
    accountmanager: input.accountmanager,
    accountmanagerCode: input.accountmanagerCode,
    policy: input.policy ?? reminderPolicy(),
    history: input.history ?? [],
    open: [],
    outbox: [],
    validity: { ...v, certificateNumber: input.certificateNumber ?? certificateNumberFor(input.schemeId, input.company.kvkNumber, v.validFrom) },
    activeSince: input.activeSince,
    certificateSent: false,
    conversationsHeld: [],
    criteria: { version: input.criteriaVersion ?? 'current' },
    continueAsNewAfterEvents: input.continueAsNewAfterEvents,
  };
}

export function holderStatus(s: HolderState): CaseStatus {
  const zone = getScheme(s.schemeId).zone;
  return {
    ...coreStatus(s),
    // SEBO-T10/T13: the last day it may be used, the one date every reader sees as "geldig tot en met".
    validity: { ...s.validity, validThrough: lastValidDay(s.validity.expiresAt, zone) },
    suspension: s.suspension && { from: s.suspension.from, until: s.suspension.until, extended: s.suspension.extended },
    criteria: s.criteria,
    renewalStep: s.keuring && s.keuring.step !== DONE ? s.keuring.step : undefined,
    keuring: s.keuring && keuringStatus(getScheme(s.schemeId), s.keuring),
    clocks: holderClocks(s),
    inRegister: REGISTER_STAGES.includes(s.stage),
    // SEBO-R2, SEBO-R6: the public register lists current holders, and suspended ones as suspended.
    listedAs: REGISTER_STAGES.includes(s.stage) ? 'holder' : s.stage === STAGES.SUSPENDED ? 'suspended' : undefined,
    unmetCriteria: s.keuring?.unmetCriteria ?? s.renewal?.unmetCriteria,
    ...(s.lapsedAt ? { lapsedAt: s.lapsedAt } : {}),
  };
}

/**
 * The holder's running clocks (SEBO-T11, T12, T13, R1, R2) with their dates, so `status` can show them
 * and say when a refused action becomes possible. Read-only: computed from the state for the query.
 */
export function holderClocks(s: HolderState): CaseClock[] {
  if (s.ended) return [];
  const scheme = getScheme(s.schemeId);
  const now = nowMs();
  const clocks: CaseClock[] = [];
  const due = conversationsDue(scheme, s.validity).find((d) => !s.conversationsHeld.includes(d));
  if (due) clocks.push({ what: 'yearly SEBO conversation due', at: due, ruleId: 'SEBO-T11', action: 'yearlyConversationHeld' });
  if (scheme.periods.renewalReminderBefore && !(s.renewal?.forExpiry === s.validity.expiresAt && s.renewal.startedAt)) {
    const { remindAt, escalateAt } = renewalSchedule(scheme, s.validity.expiresAt);
    if (scheme.procedure.audit) {
      clocks.push({ what: 're-keuring opens', at: remindAt, ruleId: 'SEBO-T12', action: 'renewalStarted' });
      if (escalateAt) clocks.push({ what: 're-keuring must have started', at: escalateAt, ruleId: 'SEBO-T12', action: 'renewalStarted' });
    } else {
      clocks.push({ what: 'holder told to apply anew', at: remindAt, ruleId: 'SEBO-A1' });
    }
  }
  clocks.push({ what: 'keurmerk expires unless renewed', at: s.validity.expiresAt, ruleId: 'SEBO-T13' });
  if (s.suspension) clocks.push({ what: 'suspension ends', at: s.suspension.until, ruleId: 'SEBO-R2', action: 'liftSuspension' });
  const p = s.criteria.pending;
  if (p) {
    clocks.push({ what: `criteria ${p.criteriaVersion} bind${p.objected ? '' : ' (objection possible until then)'}`, at: p.bindingFrom, ruleId: 'SEBO-R1', ...(p.objected ? {} : { action: 'holderObjects' }) });
    if (p.objected) clocks.push({ what: `old criteria end (objected to ${p.criteriaVersion}); apply anew`, at: p.oldCriteriaUntil, ruleId: 'SEBO-R1' });
  }
  return clocks.filter((c) => ms(c.at) >= now || c.ruleId === 'SEBO-T13').sort((a, b) => ms(a.at) - ms(b.at));
}

export async function keurmerkHolder(input: HolderInput): Promise<HolderResult> {
  const state = input.state ?? initialState(input.grant!, workflowInfo().workflowId, { scheme: getScheme });
  const c = new Case(state);
  c.continueAsNewFn = (s) => continueAsNew<typeof keurmerkHolder>({ state: s });
  c.noticeFacts = () => ({
    ...keuringFacts(c),
    geldigVanaf: state.validity.validFrom,
    geldigTot: state.validity.expiresAt,
    certificaatnummer: state.validity.certificateNumber,
  });

  setHandler(statusQuery, () => holderStatus(state));
  setHandler(holderContactQuery, () => ({ companyName: state.company.name, email: state.contact.email, name: state.contact.name }));
  setHandler(criteriaNotified, (notice) => {
    if (state.ended || state.criteria.version === notice.criteriaVersion || state.criteria.pending?.criteriaVersion === notice.criteriaVersion) return;
    state.criteria.pending = { ...notice, objected: false };
    c.record(`new criteria ${notice.criteriaVersion} notified; binding from ${notice.bindingFrom}`, 'SEBO-R1', undefined, notice.noticeAt);
  });
  registerHolderActions(c);
  registerKeuringActions(c, () => c.publish());

  c.publish();
  c.beside(c.runMailer());
  if (!state.certificateSent) sendCertificate(c, false);

  c.beside(expiryLoop(c));
  c.beside(renewalLoop(c));
  c.beside(conversationLoop(c));
  c.beside(suspensionLoop(c));
  c.beside(criteriaLoop(c));

  return c.endsOnCancel(() => untilEnded(c));
}

/** The main path: continue as new when the history is long; close the case when a loop ended it. */
async function untilEnded(c: Case<HolderState>): Promise<HolderResult> {
  const state = c.state;
  await condition(() => !!state.ended || c.historyIsLong());
  if (!state.ended) return c.continueAsNewNow();
  for (const o of [...state.open]) c.close(o.action);
  c.setStage(state.ended.stage);
  await condition(() => state.outbox.length === 0);
  return { outcome: state.ended.stage === STAGES.WITHDRAWN ? 'withdrawn' : 'lapsed', reason: state.ended.reason, at: nowIso() };
}

/** REGISTERED or RENEWAL, unless suspended or ended. */
function registerStage(s: HolderState): Stage {
  if (s.ended) return s.ended.stage;
  if (s.lapsedAt) return STAGES.LAPSED;
  if (s.suspension) return STAGES.SUSPENDED;
  return s.keuring && s.keuring.step !== DONE ? STAGES.RENEWAL : STAGES.REGISTERED;
}

function end(c: Case<HolderState>, stage: Stage, reason: string): void {
  if (c.state.ended) return;
  c.state.ended = { stage, reason };
  c.record(reason, stage === STAGES.WITHDRAWN ? 'SEBO-R3' : 'SEBO-T13');
}

/** SEBO-T10: the certificate (PDF) to the holder; the CI is told the validity in the same email. */
function sendCertificate(c: Case<HolderState>, renewal: boolean): void {
  const s = c.state;
  s.certificateSent = true;
  // SEBO-T10/T13: "geldig tot en met" the last valid day (the day before the lapse), on paper and in the email.
  const validThrough = lastValidDay(s.validity.expiresAt, c.scheme.zone);
  const data = { geldigVanaf: s.validity.validFrom, geldigTot: validThrough, vervaltOp: s.validity.expiresAt };
  const certificate = c.scheme.procedure.certificate
    ? {
        certificateNumber: s.validity.certificateNumber,
        schemeName: c.scheme.name,
        companyName: s.company.name,
        kvkNumber: s.company.kvkNumber,
        validFrom: s.validity.validFrom,
        validUntil: s.validity.expiresAt,
        issuedAt: nowIso(),
      }
    : undefined;
  c.record(`valid from ${s.validity.validFrom} through ${validThrough} (lapses at ${s.validity.expiresAt})`, 'SEBO-T10');
  const parties = c.scheme.procedure.audit ? (['applicant', 'certifying-institution'] as const) : (['applicant', 'accountmanager'] as const);
  c.notice([...parties], renewal ? 'validity-extended' : c.scheme.kind === 'ambassadeurschap' ? 'ambassador-approved' : 'certificate', data, { certificate });
}

/** Sleeps until `at` or until `wake()` is true; true when woken early. */
async function until(at: string, wake: () => boolean): Promise<boolean> {
  return condition(wake, Math.max(1, msUntil(at, nowMs())));
}

/** SEBO-T13: at expiry the certificate lapses unless a renewal moved the expiry. */
async function expiryLoop(c: Case<HolderState>): Promise<void> {
  const s = c.state;
  for (;;) {
    const expiresAt = s.validity.expiresAt;
    // Decided synchronously: an extra await on the old path would reorder its timer commands.
    if (patched('sebo-t13-lapse-warning')) {
      await lapseWarning(c, expiresAt);
      if (s.ended) return;
      if (s.validity.expiresAt !== expiresAt) continue;
    }
    const woken = await until(expiresAt, () => !!s.ended || s.validity.expiresAt !== expiresAt);
    if (s.ended) return;
    if (!woken && nowMs() >= ms(expiresAt)) {
      const keuringRunning = !!s.keuring && s.keuring.step !== DONE;
      c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'lapsed', { geldigTot: expiresAt, ...(keuringRunning ? { keuringLoopt: true } : {}) });
      // Reglement 2c: the right ends with the validity, but a keuring in progress (a re-keuring or its
      // second keuring, SEBO-T8) goes on; a grant then starts a new validity. Patched: older runs ended here.
      if (keuringRunning && patched('sebo-t13-lapse-during-keuring')) {
        s.lapsedAt = expiresAt;
        c.record(`lapsed at expiry ${expiresAt}; the keuring in progress continues, a grant starts a new validity`, 'SEBO-T13');
        c.setStage(registerStage(s));
        await condition(() => !!s.ended || s.validity.expiresAt !== expiresAt);
        if (s.ended) return;
        continue;
      }
      end(c, STAGES.LAPSED, `lapsed at expiry ${expiresAt} (not renewed)`);
      return;
    }
  }
}

/**
 * SEBO-T13, added after the first holders were running (hence patched(): their histories replay
 * without it): a last warning `remindBefore` ahead of a lapse that no renewal has prevented.
 */
async function lapseWarning(c: Case<HolderState>, expiresAt: string): Promise<void> {
  const s = c.state;
  const warnAt = subtractPeriod(expiresAt, s.policy.remindBefore);
  if (s.lapseWarnedFor === expiresAt || ms(warnAt) <= nowMs()) return;
  const woken = await until(warnAt, () => !!s.ended || s.validity.expiresAt !== expiresAt);
  if (woken) return;
  s.lapseWarnedFor = expiresAt;
  c.record(`lapse warning: the keurmerk lapses at ${expiresAt} unless renewed`, 'SEBO-T13');
  c.notice(['applicant', 'accountmanager'], 'lapse-warning', { geldigTot: expiresAt });
}

/** SEBO-T12: remind holder + CI before expiry, escalate if not started; a granted renewal extends the validity. */
async function renewalLoop(c: Case<HolderState>): Promise<void> {
  const s = c.state;
  if (!c.scheme.periods.renewalReminderBefore) return;
  for (;;) {
    const expiresAt = s.validity.expiresAt;
    const { remindAt, escalateAt } = renewalSchedule(c.scheme, expiresAt);
    // SEBO-T12: the holder (or the CI) may start the re-keuring before the reminder is due.
    const startedEarly = () => s.renewal?.forExpiry === expiresAt;
    if (!s.renewal || s.renewal.forExpiry !== expiresAt) {
      await until(remindAt, () => !!s.ended || s.validity.expiresAt !== expiresAt || startedEarly());
      if (s.ended) return;
      if (s.validity.expiresAt !== expiresAt) continue;
    }
    if (!s.renewal || s.renewal.forExpiry !== expiresAt) {
      s.renewal = { forExpiry: expiresAt };
      if (!c.scheme.procedure.audit) {
        // SEBO-A1 has no re-keuring: the holder is told when it ends and may apply anew.
        c.notice(['applicant', 'accountmanager'], 'renewal-reapply', { geldigTot: expiresAt });
        await condition(() => !!s.ended);
        return;
      }
      c.record(`re-keuring due: must have started by ${escalateAt ?? expiresAt}`, 'SEBO-T12');
      c.notice(['applicant', 'certifying-institution'], 'rekeuring-due', { geldigTot: expiresAt, termijn: escalateAt ?? expiresAt });
    }
    const renewal = s.renewal;
    if (!renewal.startedAt) {
      await c.waitFor(
        { action: 'renewalStarted', party: 'certifying-institution', dueAt: escalateAt ?? expiresAt, ruleId: 'SEBO-T12' },
        () => !!renewal.startedAt || !!s.ended,
      );
      if (s.ended) return;
    }
    if (!renewal.outcome) {
      const outcome = await runKeuring(c, false);
      renewal.outcome = outcome;
      renewal.unmetCriteria = s.keuring!.unmetCriteria;
      renewal.documents = s.keuring!.documents;
      if (outcome === 'granted') {
        renewed(c, expiresAt);
      } else {
        // SEBO-T8: a holder too may use one second keuring (patched: older runs only waited for the lapse).
        const second = patched('sebo-t8-holder-second-keuring') && secondKeuringAllowed(c.scheme, renewal.secondKeuringenUsed ?? 0);
        c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'renewal-rejected', { geldigTot: expiresAt, ...(second ? { tweedeKeuring: true } : {}) });
        if (second) c.record(`re-keuring rejected: one second keuring may be requested; the keurmerk may be used until ${expiresAt} and no longer (reglement 2c)`, 'SEBO-T8');
      }
      s.keuring = undefined;
      c.setStage(registerStage(s));
    }
    const secondDue = () => renewal.outcome === 'rejected' && !!renewal.secondRequestedAt && !renewal.secondOutcome;
    await condition(() => !!s.ended || s.validity.expiresAt !== expiresAt || secondDue());
    if (s.ended) return;
    if (secondDue()) {
      // SEBO-T8: the second keuring resumes at SEBO-T3; it may outlast the validity (expiryLoop).
      const outcome = await runKeuring(c, false);
      renewal.secondOutcome = outcome;
      renewal.unmetCriteria = s.keuring!.unmetCriteria;
      if (outcome === 'granted') {
        renewed(c, expiresAt);
      } else {
        c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'renewal-rejected', { geldigTot: expiresAt, tweedeAfgewezen: true });
        if (s.lapsedAt) end(c, STAGES.LAPSED, `second keuring rejected after the keurmerk lapsed at ${s.lapsedAt}`);
      }
      s.keuring = undefined;
      c.setStage(registerStage(s));
    }
  }
}

/** SEBO-T10/T12: a granted (re-)keuring: the validity continues from the old expiry, or from the decision day after a lapse. */
function renewed(c: Case<HolderState>, expiresAt: string): void {
  const s = c.state;
  const v = validityOf(c.scheme, { decidedAt: s.keuring!.decidedAt!, renewal: true, previousExpiresAt: expiresAt });
  s.validity = { ...v, certificateNumber: s.keuring!.certificateNumber ?? certificateNumberFor(s.schemeId, s.company.kvkNumber, v.validFrom) };
  s.conversationsHeld = [];
  s.lapsedAt = undefined;
  sendCertificate(c, true);
}

/** SEBO-T11: the yearly SEBO conversation with the accountmanager. */
async function conversationLoop(c: Case<HolderState>): Promise<void> {
  const s = c.state;
  for (;;) {
    const expiresAt = s.validity.expiresAt;
    const due = conversationsDue(c.scheme, s.validity).find((d) => !s.conversationsHeld.includes(d));
    if (!due) {
      await condition(() => !!s.ended || s.validity.expiresAt !== expiresAt);
      if (s.ended) return;
      continue;
    }
    await until(due, () => !!s.ended || s.validity.expiresAt !== expiresAt);
    if (s.ended) return;
    if (s.validity.expiresAt !== expiresAt) continue;
    if (s.conversationOpen !== due) {
      s.conversationOpen = due;
      c.notice(['applicant', 'accountmanager'], 'sebo-conversation', { termijn: deadline(due, s.policy.conversationWithin), regel: 'SEBO-T11' });
    }
    await c.waitFor(
      { action: 'yearlyConversationHeld', party: 'accountmanager', dueAt: deadline(due, s.policy.conversationWithin), ruleId: 'SEBO-T11' },
      () => s.conversationsHeld.includes(due) || !!s.ended,
    );
    if (s.ended) return;
  }
}

/** SEBO-R2: past the suspension's end the municipality is asked (repeatedly) to lift or withdraw. */
async function suspensionLoop(c: Case<HolderState>): Promise<void> {
  const s = c.state;
  for (;;) {
    await condition(() => !!s.ended || !!s.suspension);
    if (s.ended) return;
    const suspension = s.suspension!;
    await c.waitFor(
      { action: 'liftSuspension', party: 'municipality', dueAt: suspension.until, ruleId: 'SEBO-R2' },
      () => s.suspension !== suspension || !!s.ended,
    );
  }
}

/** SEBO-R1: new criteria bind after the transition; an objector keeps the old ones until notice + 1 year, then must apply anew. */
async function criteriaLoop(c: Case<HolderState>): Promise<void> {
  const s = c.state;
  for (;;) {
    await condition(() => !!s.ended || !!s.criteria.pending);
    if (s.ended) return;
    const p = s.criteria.pending!;
    await until(p.bindingFrom, () => !!s.ended);
    if (s.ended) return;
    if (!p.objected) {
      s.criteria = { version: p.criteriaVersion };
      c.record(`criteria ${p.criteriaVersion} now bind`, 'SEBO-R1');
      continue;
    }
    await until(p.oldCriteriaUntil, () => !!s.ended);
    if (s.ended) return;
    c.notice(['applicant', 'accountmanager'], 'criteria-reapply', { versie: p.criteriaVersion, oudeCriteriaTot: p.oldCriteriaUntil });
    end(c, STAGES.LAPSED, `old criteria ended ${p.oldCriteriaUntil} after objecting to ${p.criteriaVersion}: must apply anew`);
    return;
  }
}

function registerHolderActions(c: Case<HolderState>): void {
  const s = c.state;
  const active = (action: string) => {
    if (s.ended) throw new Refused(`${action}: the keurmerk has ended (${s.ended.stage})`);
  };

  // SEBO-T8 for a holder: after a rejected re-keuring, once, when the causes are removed.
  onAction(
    c,
    'secondKeuringRequested',
    () => {
      active('secondKeuringRequested');
      const r = s.renewal?.forExpiry === s.validity.expiresAt ? s.renewal : undefined;
      refuseIf(
        holderSecondKeuringRefusal(c.scheme, {
          renewalRejected: r?.outcome === 'rejected',
          secondKeuringenUsed: r?.secondKeuringenUsed ?? 0,
          keuringInProgress: !!s.keuring && s.keuring.step !== DONE,
        }),
      );
    },
    (v) => {
      const r = s.renewal!;
      r.secondKeuringenUsed = (r.secondKeuringenUsed ?? 0) + 1;
      r.secondRequestedAt = v.at;
      const documents = r.documents ?? [];
      s.keuring = newKeuring('second', documents);
      s.keuring.documentsComplete = documents.length > 0 && checkDocuments(c.scheme, documents, s.keuring.forwardedAt).length === 0;
      c.record(`second keuring requested: ${v.causesRemoved}`, 'SEBO-T8', v.by, v.at);
      c.notice(['certifying-institution', 'applicant', 'accountmanager'], 'forwarded-to-ci', { termijn: deadline(s.keuring.forwardedAt, c.scheme.periods.auditWithin ?? 'P1M') });
      c.setStage(registerStage(s));
      return 'second keuring: the procedure resumes at SEBO-T3';
    },
  );

  onAction(
    c,
    'suspend',
    (v) => {
      active('suspend');
      if (s.suspension) throw new Refused(`suspend: already suspended until ${s.suspension.until}`);
      const limit = suspensionLimit(c.scheme, v.at);
      if (ms(v.until) > ms(limit)) throw new Refused(`SEBO-R2: a suspension lasts at most ${c.scheme.periods.suspensionMax}: until ${limit} at the latest, not ${v.until}`);
      if (ms(v.until) <= ms(v.at)) throw new Refused(`suspend.until: ${v.until} must be after ${v.at}`);
    },
    (v) => {
      s.suspension = { from: v.at, until: v.until, extended: false, reason: v.reason, requestedByHolder: v.requestedByHolder };
      c.record(`suspended until ${v.until}${v.requestedByHolder ? ' at the holder\'s request' : ''}: ${v.reason}`, 'SEBO-R2', v.by, v.at);
      c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'suspended', { tot: v.until, reden: v.reason, opEigenVerzoek: v.requestedByHolder, regel: 'SEBO-R2' });
      c.notice(['holders'], 'holder-informed', { over: s.company.name, wat: `geschorst tot ${v.until.slice(0, 10)}`, soort: 'geschorst', tot: v.until, regel: 'SEBO-R2' });
      c.setStage(registerStage(s));
      return `suspended until ${v.until}; the public register lists it as suspended meanwhile (SEBO-R2, SEBO-R6)`;
    },
  );

  onAction(
    c,
    'extendSuspension',
    (v) => {
      active('extendSuspension');
      if (!s.suspension) throw new Refused('extendSuspension: the keurmerk is not suspended');
      if (s.suspension.extended || c.scheme.procedure.suspensionExtensions < 1) throw new Refused('SEBO-R2: a suspension can be extended only once');
      const limit = suspensionLimit(c.scheme, s.suspension.from, true);
      if (ms(v.until) > ms(limit)) throw new Refused(`SEBO-R2: extended at most by ${c.scheme.periods.suspensionExtensionMax}: until ${limit} at the latest, not ${v.until}`);
      if (ms(v.until) <= ms(s.suspension.until)) throw new Refused(`extendSuspension.until: ${v.until} is not after the current end ${s.suspension.until}`);
    },
    (v) => {
      s.suspension = { ...s.suspension!, until: v.until, extended: true };
      const open = c.findOpen('liftSuspension');
      if (open) {
        open.dueAt = v.until;
        open.reminded = false;
        c.publish();
      }
      c.record(`suspension extended until ${v.until}: ${v.reason}`, 'SEBO-R2', v.by, v.at);
      c.notice(['applicant', 'accountmanager'], 'suspension-extended', { tot: v.until, reden: v.reason, regel: 'SEBO-R2' });
      return `suspension extended until ${v.until}`;
    },
    // SEBO-R2: at most 6 months on top of the CURRENT end (not start + 12 months).
    (v) => refuseIf(extensionRefusal(c.scheme, { currentUntil: s.suspension!.until, until: v.until, extensionsUsed: s.suspension!.extended ? 1 : 0 })),
  );

  onAction(
    c,
    'liftSuspension',
    () => {
      active('liftSuspension');
      if (!s.suspension) throw new Refused('liftSuspension: the keurmerk is not suspended');
    },
    (v) => {
      s.suspension = undefined;
      c.record(`suspension lifted${v.reason ? `: ${v.reason}` : ''}`, 'SEBO-R2', v.by, v.at);
      c.notice(['applicant', 'accountmanager'], 'suspension-lifted', { ...(v.reason ? { reden: v.reason } : {}), regel: 'SEBO-R2' });
      c.setStage(registerStage(s));
      return 'suspension lifted; listed as a current holder again (SEBO-R6)';
    },
  );

  onAction(
    c,
    'withdraw',
    () => active('withdraw'),
    (v) => {
      c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'withdrawn', { grond: v.ground, toelichting: v.explanation, regel: 'SEBO-R3' });
      c.notice(['holders'], 'holder-informed', { over: s.company.name, wat: 'keurmerk ingetrokken', soort: 'ingetrokken', regel: 'SEBO-R3' });
      end(c, STAGES.WITHDRAWN, `withdrawn (${v.ground}): ${v.explanation}`);
      s.history[s.history.length - 1].by = v.by;
      return 'withdrawn; the case ends';
    },
  );

  onAction(
    c,
    'holderObjects',
    (v) => {
      active('holderObjects');
      const p = s.criteria.pending;
      if (!p || p.criteriaVersion !== v.criteriaVersion) throw new Refused(`holderObjects.criteriaVersion: no pending criteria change "${v.criteriaVersion}" for this holder`);
      if (p.objected) throw new Refused('holderObjects: the objection is already recorded');
      if (ms(v.at) >= ms(p.bindingFrom)) throw new Refused(`SEBO-R1: criteria ${p.criteriaVersion} bind since ${p.bindingFrom}; an objection must come before`);
    },
    (v) => {
      s.criteria.pending!.objected = true;
      c.record(`objects to criteria ${v.criteriaVersion}: old criteria until ${s.criteria.pending!.oldCriteriaUntil}`, 'SEBO-R1', v.by, v.at);
      return `old criteria apply until ${s.criteria.pending!.oldCriteriaUntil}; then apply anew`;
    },
  );

  onAction(
    c,
    'yearlyConversationHeld',
    () => {
      active('yearlyConversationHeld');
      if (!s.conversationOpen || s.conversationsHeld.includes(s.conversationOpen)) throw new Refused('yearlyConversationHeld: no SEBO conversation is due now (SEBO-T11)');
    },
    (v) => {
      s.conversationsHeld.push(s.conversationOpen!);
      c.record('yearly SEBO conversation held', 'SEBO-T11', v.by, v.at);
      return 'SEBO conversation recorded';
    },
  );

  onAction(
    c,
    'renewalStarted',
    () => {
      active('renewalStarted');
      // SEBO-T12: "three months before expiry" is the latest start; earlier is allowed.
      const forThis = s.renewal?.forExpiry === s.validity.expiresAt ? s.renewal : undefined;
      refuseIf(renewalStartRefusal(c.scheme, { expiresAt: s.validity.expiresAt, at: nowIso(), startedForThisExpiry: !!forThis?.startedAt }));
    },
    (v) => {
      if (!s.renewal || s.renewal.forExpiry !== s.validity.expiresAt) s.renewal = { forExpiry: s.validity.expiresAt };
      s.renewal.startedAt = v.at;
      s.keuring = newKeuring('renewal');
      c.record('re-keuring started: the procedure follows SEBO-T3 onwards', 'SEBO-T12', v.by, v.at);
      c.notice(['certifying-institution', 'applicant', 'accountmanager'], 'forwarded-to-ci', { termijn: deadline(s.keuring.forwardedAt, c.scheme.periods.auditWithin ?? 'P1M') });
      c.setStage(registerStage(s));
      return 're-keuring started';
    },
  );
}
