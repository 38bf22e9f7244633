// What the `status` query of an engine case answers: the core fields, where the procedure is, the
// keuring in progress or last decided (dates, what was recorded, what is missing), the holder's clocks
// with their dates and rule ids (from the definition), the assessment and level. Read-only.
import { checkDocuments, conversationsDue, lastValidDay, renewalSchedule } from '../../domain';
import { REGISTER_STAGES, STAGES, type CaseClock, type CaseStatus, type KeuringStatus, type Stage } from '../definitions';
import { coreStatus, ms, nowIso, nowMs } from '../case';
import type { Engine } from './engine';
import type { RunState } from './state';

function keuringOf(e: Engine, run: RunState, decided: boolean): KeuringStatus | undefined {
  if (!run.forwardedAt && !run.decision) return undefined;
  const step = run.stepId ? e.step(run.stepId) : undefined;
  return {
    round: run.round ?? (run.purpose === 'renewal' ? 'renewal' : e.state.rejectionsUsed > 0 ? 'second' : 'first'),
    step: (decided ? 'DONE' : (step?.stage ?? 'DONE')) as Stage,
    forwardedAt: run.forwardedAt ?? run.anchors.application ?? '',
    documentsReceived: run.documents.map((d) => ({ id: d.id, receivedAt: d.receivedAt, ...(d.issuedOn ? { issuedOn: d.issuedOn } : {}) })),
    documentsMissing: decided || !step?.documents ? [] : checkDocuments(e.scheme, run.documents, nowIso()).map((f) => f.message),
    auditAt: run.anchors['audit-appointment'],
    auditor: run.auditor,
    auditDoneAt: run.anchors['audit-done'],
    shortcomings: run.shortcomings as KeuringStatus['shortcomings'],
    findings: run.findings,
    supplementsUntil: run.supplementsUntil,
    supplements: run.supplements,
    reportAt: run.anchors.report,
    advice: run.advice,
    unmetCriteria: run.unmetCriteria,
    disagreement: run.disagreement,
    bothSidesHeard: run.bothSidesHeard,
    outcome: run.decision?.outcome,
    decidedAt: run.decision?.at,
    reason: run.decision?.reason,
  };
}

/** The holder's running clocks with their dates, rule ids from the definition's holder phase. */
function clocksOf(e: Engine): CaseClock[] {
  const s = e.state;
  const hp = s.holder;
  if (!hp || hp.ended) return [];
  const parts = e.flow.holder;
  const clocks: CaseClock[] = [];
  if (parts.conversation) {
    const due = conversationsDue(e.scheme, hp.validity).find((d) => !hp.conversationsHeld.includes(d));
    if (due) clocks.push({ what: `${parts.conversation.label} due`, at: due, ruleId: parts.conversation.rule ?? '', action: 'yearlyConversationHeld' });
  }
  if (parts.renewal && e.scheme.periods.renewalReminderBefore && !(hp.renewal?.forExpiry === hp.validity.expiresAt && hp.renewal.startedAt)) {
    const { remindAt, escalateAt } = renewalSchedule(e.scheme, hp.validity.expiresAt);
    if (parts.renewal.restartAt) {
      clocks.push({ what: `${parts.renewal.label} opens`, at: remindAt, ruleId: parts.renewal.rule ?? '', action: 'renewalStarted' });
      if (escalateAt) clocks.push({ what: `${parts.renewal.label} must have started`, at: escalateAt, ruleId: parts.renewal.rule ?? '', action: 'renewalStarted' });
    } else {
      clocks.push({ what: 'holder told to apply anew', at: remindAt, ruleId: parts.renewal.rule ?? '' });
    }
  }
  const lapseRule = parts.lapse.rule ?? '';
  clocks.push({ what: 'keurmerk expires unless renewed', at: hp.validity.expiresAt, ruleId: lapseRule });
  if (hp.suspension) clocks.push({ what: 'suspension ends', at: hp.suspension.until, ruleId: parts.suspension?.rule ?? '', action: 'liftSuspension' });
  for (const b of hp.benefits) if (!b.told) clocks.push({ what: `${b.label} ends`, at: b.endsAt, ruleId: e.scheme.benefits.find((x) => x.label === b.label)?.rule ?? '' });
  const p = hp.criteria.pending;
  const rule = parts.criteriaChange?.rule ?? '';
  if (p) {
    clocks.push({ what: `criteria ${p.criteriaVersion} bind${p.objected ? '' : ' (objection possible until then)'}`, at: p.bindingFrom, ruleId: rule, ...(p.objected ? {} : { action: 'holderObjects' }) });
    if (p.objected) clocks.push({ what: `old criteria end (objected to ${p.criteriaVersion}); apply anew`, at: p.oldCriteriaUntil, ruleId: rule });
  }
  const now = nowMs();
  return clocks.filter((c) => ms(c.at) >= now || c.at === hp.validity.expiresAt).sort((a, b) => ms(a.at) - ms(b.at));
}

export function caseStatus(e: Engine): CaseStatus {
  const s = e.state;
  const hp = s.holder;
  const run = s.run;
  const shown = run ?? s.lastRun;
  const meetingRun = run?.meeting ? run : s.lastRun?.meeting ? s.lastRun : undefined;
  return {
    ...coreStatus(s),
    definitionVersion: s.definition.version,
    definitionHash: s.definitionHash,
    step: run?.stepId,
    ...(shown ? { keuring: keuringOf(e, shown, !run) } : {}),
    ...(s.intakeAt ? { intakeAt: s.intakeAt } : {}),
    ...(meetingRun?.meeting ? { meeting: { date: meetingRun.meeting.date, startsAt: meetingRun.meeting.startsAt, outcome: meetingRun.meetingOutcome } } : {}),
    secondKeuringenUsed: s.rejectionsUsed,
    waitingUntil: s.waitingUntil,
    ...(s.assessment ? { assessment: s.assessment } : {}),
    ...(s.level ? { level: s.level } : {}),
    ...(s.onceLevelsHeld.length ? { onceLevelsHeld: s.onceLevelsHeld } : {}),
    ...(hp
      ? {
          // The last day it may be used: what "geldig tot en met" says everywhere (certificate, emails, register).
          validity: { ...hp.validity, validThrough: lastValidDay(hp.validity.expiresAt, e.scheme.zone) },
          ...(hp.lapsedAt ? { lapsedAt: hp.lapsedAt } : {}),
          suspension: hp.suspension && { from: hp.suspension.from, until: hp.suspension.until, extended: hp.suspension.extended },
          criteria: hp.criteria,
          renewalStep: run ? e.step(run.stepId).stage : undefined,
          clocks: clocksOf(e),
          benefits: hp.benefits,
          placements: hp.placements.reduce((n, p) => n + p.count, 0),
        }
      : {}),
    // What the last report found not met (criterion ids of the scheme, in its order).
    ...(shown?.unmetCriteria ? { unmetCriteria: shown.unmetCriteria } : {}),
    ...(shown?.integrity ? { integrity: shown.integrity } : {}),
    ...(shown?.covenantSignedAt ? { covenantSignedAt: shown.covenantSignedAt } : {}),
    inRegister: s.caseKind === 'holder' && REGISTER_STAGES.includes(s.stage),
    // The public register lists current holders, and suspended ones as suspended.
    listedAs:
      s.caseKind !== 'holder'
        ? undefined
        : REGISTER_STAGES.includes(s.stage)
          ? 'holder'
          : s.stage === STAGES.SUSPENDED && e.flow.holder.register.listsSuspended
            ? 'suspended'
            : undefined,
  } as CaseStatus;
}
