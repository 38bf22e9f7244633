// One SROI obligation from award to final evaluation (seed 003, SROI-1..4): the obligation computed by
// the scheme at award (SROI-1) and lowered by the contractor's live keurmerk (the scheme's credit data);
// contact with the WSP within a week (SROI-3); the plan of approach valued block by block and approved
// within 6 weeks, extendable in writing to at most 12 (SROI-2, SROI-4); realisation per bouwblok with
// evidence, subcontractors, interim evaluations on their planned dates; the final evaluation after the
// contract end: fulfilled or the shortfall. A credited keurmerk that is suspended or lapses during the
// contract loses the credit, and the coordinator is told (periodic check: docs/decisions/sroi-keurmerk-credit.md).
// Each concern is a loop over the one state object; the main path continues as new, the loops resume.
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  addPeriod,
  contactDeadline,
  contractEnd,
  finalEvaluationDeadline,
  getScheme,
  holdingNotLive,
  interimDue,
  keurmerkCredit,
  msUntil,
  parseOrThrow,
  planApprovalDeadline,
  plannedValuePerUnit,
  schemeMunicipality,
  sroiActions,
  sroiObligation,
  sroiProgress,
  SroiCaseStartSchema,
  subtractPeriod,
  valuePlan,
  type KeurmerkCredit,
  type PlanLine,
  type SroiAction,
  type SroiActionName,
  type SroiCaseStart,
  type SroiObligation,
} from '../domain';
import type { KeurmerkActivities } from '../activities';
import { Case, coreStatus, ms, nowIso, nowMs, Refused, type CaseCore } from './case';
import { STAGES, statusQuery, type CaseStatus, type Party } from './definitions';
import { reminderPolicy } from './reminder-policy';
import {
  DEFAULT_SROI_REMINDERS,
  SROI_UPDATES,
  sroiStatusQuery,
  type SroiReminders,
  type SroiResult,
  type SroiStart,
  type SroiStatus,
} from './sroi-definitions';
import { SROI_AWARDED_AT, SROI_CONTRACT, SROI_CONTRACT_END, SROI_MUNICIPALITY, SROI_OBLIGATION, SROI_PEOPLE, SROI_PERCENT, SROI_REALISED } from './search-attributes';

const lookups = proxyActivities<Pick<KeurmerkActivities, 'sroiKeurmerkHoldings'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface SroiState extends CaseCore {
  start: SroiCaseStart;
  reminders: SroiReminders;
  baseObligation: SroiObligation;
  obligation: number;
  creditChecked: boolean;
  credit?: KeurmerkCredit & { lostAt?: string; lostReason?: string };
  contactAt?: string;
  planDeadline: string;
  planDeadlineExtended: boolean;
  plan?: { approvedAt: string; late: boolean; value: number; lines: PlanLine[]; interimEvaluations: string[]; finalEvaluationOn: string };
  planRefusals: { at: string; total: number; shortfall: number }[];
  realisations: { at: string; bouwblok: string; units: number; valuePerUnit?: number; people: number; evidence: string[]; description?: string; subcontractorKvk?: string }[];
  subcontractors: { at: string; name: string; kvkNumber: string; obligation: number }[];
  interims: { plannedOn: string; heldAt?: string; percent?: number; findings?: string }[];
  contractEnded: boolean;
  final?: { at: string; fulfilled: boolean; realised: number; shortfall: number; percent: number; findings: string };
  awardMailed: boolean;
}

const eur = (n: number) => Math.round(n * 100) / 100;

class SroiCase extends Case<SroiState> {
  progress() {
    return sroiProgress(this.scheme, this.state.obligation, this.state.realisations);
  }

  /** The core attributes plus the coordinator's figures (no personal data: amounts, dates, municipality, contract reference). */
  override searchAttributes() {
    const s = this.state;
    const p = this.progress();
    return [
      ...super.searchAttributes(),
      { key: SROI_MUNICIPALITY, value: s.start.municipality },
      { key: SROI_CONTRACT, value: s.start.award.contractReference },
      { key: SROI_AWARDED_AT, value: new Date(ms(s.start.award.awardedAt)) },
      { key: SROI_CONTRACT_END, value: new Date(ms(contractEnd(this.scheme, s.start.contractEndsOn))) },
      { key: SROI_OBLIGATION, value: s.obligation },
      { key: SROI_REALISED, value: p.realised },
      { key: SROI_PERCENT, value: p.percent },
      { key: SROI_PEOPLE, value: p.peoplePlaced },
    ];
  }

  /** One email per reader: the contractor and the coordinator each get their own, with their own salutation. */
  tell(readers: ('contractor' | 'coordinator')[], notice: string, data: Record<string, unknown> = {}): void {
    for (const r of readers) {
      const party: Party = r === 'contractor' ? 'applicant' : 'accountmanager';
      this.mail([party], 'sroi-notice', { ...this.facts(), ...data, lezer: r }, { notice });
    }
  }

  facts(): Record<string, unknown> {
    const s = this.state;
    return {
      afzender: this.scheme.owner,
      schemeId: s.schemeId,
      contract: s.start.award.contractReference,
      gemeente: s.start.municipality,
      verplichting: s.obligation,
      gegundOp: s.start.award.awardedAt,
      contracteindeOp: s.start.contractEndsOn,
    };
  }
}

function initialState(input: SroiStart): SroiState {
  const start = parseOrThrow(SroiCaseStartSchema, input.case, 'SROI case');
  const scheme = getScheme(start.award.schemeId);
  if (scheme.kind !== 'sroi') throw new RangeError(`award.schemeId: "${scheme.id}" is not an SROI scheme`);
  const municipality = schemeMunicipality(scheme, start.municipality);
  if (!municipality) throw new RangeError(`municipality: "${start.municipality}" is not one of ${scheme.name}'s municipalities`);
  const a = start.award;
  const baseObligation = sroiObligation(scheme, { contractSum: a.contractSum, basis: a.basis, wageSum: a.wageSum });
  return {
    workflowId: workflowInfo().workflowId,
    schemeId: scheme.id,
    caseKind: 'sroi',
    stage: STAGES.CONTACT,
    company: { name: a.contractor.name, kvkNumber: a.contractor.kvkNumber },
    contact: a.contractor.contact,
    accountmanager: a.accountmanager,
    accountmanagerCode: start.coordinatorCode,
    policy: reminderPolicy(),
    history: [],
    open: [],
    outbox: [],
    continueAsNewAfterEvents: input.continueAsNewAfterEvents,
    start: { ...start, municipality },
    reminders: { ...DEFAULT_SROI_REMINDERS, ...input.reminders },
    baseObligation,
    obligation: baseObligation.kind === 'amount' ? baseObligation.amount : 0,
    creditChecked: false,
    planDeadline: planApprovalDeadline(scheme, a.awardedAt),
    planDeadlineExtended: false,
    planRefusals: [],
    realisations: [],
    subcontractors: [],
    interims: [],
    contractEnded: false,
    awardMailed: false,
  };
}

export function sroiStatus(c: SroiCase): SroiStatus {
  const s = c.state;
  const a = s.start.award;
  return {
    workflowId: s.workflowId,
    schemeId: s.schemeId,
    caseKind: 'sroi',
    stage: s.stage,
    contractReference: a.contractReference,
    municipality: s.start.municipality,
    companyName: s.company.name,
    kvkNumber: s.company.kvkNumber,
    coordinatorCode: s.accountmanagerCode,
    awardedAt: a.awardedAt,
    contractEndsOn: s.start.contractEndsOn,
    contractSum: a.contractSum,
    contractSumIsEstimate: a.contractSumIsEstimate,
    baseObligation: s.baseObligation,
    obligation: s.obligation,
    credit: s.credit,
    contactAt: s.contactAt,
    contactLate: s.contactAt ? ms(s.contactAt) > ms(contactDeadline(c.scheme, a.awardedAt)) : undefined,
    planDeadline: s.planDeadline,
    planDeadlineExtended: s.planDeadlineExtended,
    plan: s.plan,
    planRefusals: s.planRefusals,
    progress: c.progress(),
    realisations: s.realisations.map(({ at, bouwblok, units, people, evidence, subcontractorKvk }) => ({ at, bouwblok, units, people, evidence, subcontractorKvk })),
    subcontractors: s.subcontractors.map(({ name, kvkNumber, obligation }) => ({ name, kvkNumber, obligation })),
    interims: s.interims.map(({ plannedOn, heldAt, percent }) => ({ plannedOn, heldAt, percent })),
    final: s.final && { at: s.final.at, fulfilled: s.final.fulfilled, realised: s.final.realised, shortfall: s.final.shortfall, percent: s.final.percent },
    openDeadlines: s.open.map(({ action, party, dueAt, ruleId }) => ({ action, party, dueAt, ruleId })),
    emailsPending: s.outbox.length,
    history: s.history,
  };
}

export async function sroiObligationCase(input: SroiStart & { state?: SroiState }): Promise<SroiResult> {
  const state = input.state ?? initialState(input);
  const c = new SroiCase(state);
  c.continueAsNewFn = (s) => continueAsNew<typeof sroiObligationCase>({ case: s.start, state: s });
  setHandler(sroiStatusQuery, () => sroiStatus(c));
  setHandler(statusQuery, () => ({ ...coreStatus(state), inRegister: false }) as CaseStatus);
  registerSroiActions(c);

  c.publish();
  c.beside(c.runMailer());
  return c.endsOnCancel(async () => {
    await awardStep(c);
    c.beside(contactLoop(c));
    c.beside(creditWatch(c));
    return mainPath(c);
  });
}

/** SROI-1 and the keurmerk credit: the obligation at award, lowered by the best live keurmerk on the award date. */
async function awardStep(c: SroiCase): Promise<void> {
  const s = c.state;
  const a = s.start.award;
  if (!s.creditChecked) {
    const holdings = s.baseObligation.kind === 'amount' ? await lookups.sroiKeurmerkHoldings({ kvkNumber: a.contractor.kvkNumber }) : [];
    const credit = keurmerkCredit(c.scheme, s.baseObligation, holdings, a.awardedAt);
    s.creditChecked = true;
    if (s.baseObligation.kind === 'amount') {
      c.record(`awarded ${a.contractReference} (${s.start.municipality}): obligation € ${s.baseObligation.amount} (${s.baseObligation.basis})`, 'SROI-1', a.by, a.awardedAt);
    } else {
      c.record(`awarded ${a.contractReference} (${s.start.municipality}): contract sum below the threshold, a social activity is asked`, 'SROI-1', a.by, a.awardedAt);
    }
    if (credit) {
      s.credit = credit;
      s.obligation = eur(s.obligation - credit.amount);
      c.record(`keurmerk credit ${credit.schemeId} (${credit.workflowId}): ${Math.round(credit.share * 100)} % = € ${credit.amount}; obligation now € ${s.obligation}`, 'SROI-1');
    }
    c.publish();
  }
  if (!s.awardMailed) {
    s.awardMailed = true;
    const data = {
      basis: s.baseObligation.kind === 'amount' ? s.baseObligation.basis : 'social-activity',
      basisbedrag: a.basis === 'wage-sum' ? a.wageSum : a.contractSum,
      opdrachtsom: a.contractSum,
      geschat: a.contractSumIsEstimate,
      verplichtingVoorKorting: s.baseObligation.kind === 'amount' ? s.baseObligation.amount : undefined,
      korting: s.credit && { keurmerk: schemeLabel(s.credit.schemeId), aandeel: s.credit.share, bedrag: s.credit.amount },
      contactTermijn: contactDeadline(c.scheme, a.awardedAt),
      planTermijn: s.planDeadline,
      planTermijnMax: planApprovalDeadline(c.scheme, a.awardedAt, true),
    };
    c.tell(['contractor', 'coordinator'], 'sroi-awarded', data);
  }
}

function schemeLabel(id: string): string {
  try {
    return getScheme(id).name;
  } catch {
    return id;
  }
}

/**
 * A deadline with a reminder `lead` before it and an escalation after it, repeated every
 * `escalateEvery`, each to the contractor and the coordinator in an email of their own. Never decides:
 * the case keeps waiting. `due()` may move (an extension). Returns when `done()`.
 */
async function deadlineWait(
  c: SroiCase,
  step: { action: string; ruleId: string; lead: string; due: () => string; readers?: ('contractor' | 'coordinator')[] },
  done: () => boolean,
  opts: { mayContinueAsNew?: boolean } = {},
): Promise<void> {
  const s = c.state;
  const readers = step.readers ?? ['contractor', 'coordinator'];
  const resumed = !!c.findOpen(step.action);
  const entry = c.open({ action: step.action, party: 'applicant', dueAt: step.due(), ruleId: step.ruleId });
  // A period shorter than the lead gets no reminder: the opening email is the reminder.
  if (!resumed) entry.reminded = ms(subtractPeriod(entry.dueAt, step.lead)) <= ms(entry.openedAt);
  while (!done()) {
    if (entry.dueAt !== step.due()) {
      entry.dueAt = step.due();
      entry.reminded = ms(subtractPeriod(entry.dueAt, step.lead)) <= nowMs();
      entry.lastEscalationAt = undefined;
      c.publish();
    }
    const now = nowMs();
    const due = ms(entry.dueAt);
    const remindAt = ms(subtractPeriod(entry.dueAt, step.lead));
    let wakeAt: number;
    if (now <= due) {
      if (!entry.reminded && now >= remindAt) {
        entry.reminded = true;
        c.record(`reminder: ${step.action} due ${entry.dueAt}`, step.ruleId);
        c.tell(readers, 'sroi-reminder', { stap: step.action, termijn: entry.dueAt });
        continue;
      }
      wakeAt = entry.reminded ? due + 1 : remindAt;
    } else {
      const next = entry.lastEscalationAt ? ms(addPeriod(entry.lastEscalationAt, s.reminders.escalateEvery)) : due;
      if (now >= next) {
        entry.escalations += 1;
        entry.lastEscalationAt = nowIso();
        c.record(`escalation ${entry.escalations}: ${step.action} was due ${entry.dueAt}`, step.ruleId);
        c.tell(readers, 'sroi-escalation', { stap: step.action, termijn: entry.dueAt, keer: entry.escalations });
        continue;
      }
      wakeAt = next;
    }
    const dueBefore = step.due();
    await condition(() => done() || step.due() !== dueBefore || (!!opts.mayContinueAsNew && c.historyIsLong()), Math.max(1, wakeAt - now));
    if (opts.mayContinueAsNew && !done() && c.historyIsLong()) await c.continueAsNewNow();
  }
  c.close(step.action);
}

/** SROI-3: the contractor contacts the WSP within a week of the award. */
async function contactLoop(c: SroiCase): Promise<void> {
  const s = c.state;
  const dueAt = contactDeadline(c.scheme, s.start.award.awardedAt);
  await deadlineWait(c, { action: 'sroiContactRecorded', ruleId: 'SROI-3', lead: s.reminders.contactBefore, due: () => dueAt }, () => !!s.contactAt || !!s.final);
}

/** The credited keurmerk is checked every `keurmerkCheckEvery`; a suspension or lapse costs the credit. */
async function creditWatch(c: SroiCase): Promise<void> {
  const s = c.state;
  for (;;) {
    const credit = s.credit;
    if (!credit || credit.lostAt || s.final) return;
    await condition(() => !!s.final, Math.max(1, msUntil(addPeriod(nowIso(), s.reminders.keurmerkCheckEvery), nowMs())));
    if (s.final) return;
    const holdings = await c.activity(() => lookups.sroiKeurmerkHoldings({ kvkNumber: s.company.kvkNumber }));
    const now = nowIso();
    const h = holdings.find((x) => x.workflowId === credit.workflowId);
    const why = h ? holdingNotLive(h, now) : `the ${credit.schemeId} keurmerk case has ended`;
    if (!why || s.final) continue;
    credit.lostAt = now;
    credit.lostReason = why;
    s.obligation = s.baseObligation.kind === 'amount' ? s.baseObligation.amount : s.obligation;
    c.record(`keurmerk credit lost: ${why}; obligation back to € ${s.obligation}`, 'SROI-1', undefined, now);
    c.tell(['coordinator', 'contractor'], 'sroi-credit-lost', { reden: why, korting: credit.amount, keurmerk: schemeLabel(credit.schemeId) });
    c.publish();
    return;
  }
}

async function mainPath(c: SroiCase): Promise<SroiResult> {
  const s = c.state;
  // SROI-4: the plan approved within the (extended) term.
  if (!s.plan) {
    c.setStage(STAGES.PLAN);
    await deadlineWait(c, { action: 'sroiPlanAssessed', ruleId: 'SROI-4', lead: s.reminders.planBefore, due: () => s.planDeadline }, () => !!s.plan, { mayContinueAsNew: true });
  }
  if (!s.contractEnded) {
    c.setStage(STAGES.REALISATION);
    c.beside(interimLoop(c));
    const end = contractEnd(c.scheme, s.start.contractEndsOn);
    while (nowMs() < ms(end)) {
      await condition(() => c.historyIsLong(), Math.max(1, msUntil(end, nowMs())));
      if (c.historyIsLong()) await c.continueAsNewNow();
    }
    s.contractEnded = true;
    c.record(`contract ended ${s.start.contractEndsOn}: final evaluation due`, 'SROI-3');
    const p = c.progress();
    c.tell(['contractor', 'coordinator'], 'sroi-final-due', { termijn: finalEvaluationDeadline(c.scheme, s.start.contractEndsOn), gerealiseerd: p.realised, procent: p.percent, tekort: p.shortfall });
  }
  if (!s.final) {
    c.setStage(STAGES.FINAL_EVALUATION);
    await deadlineWait(
      c,
      { action: 'sroiFinalEvaluation', ruleId: 'SROI-3', lead: s.reminders.finalBefore, due: () => finalEvaluationDeadline(c.scheme, s.start.contractEndsOn) },
      () => !!s.final,
      { mayContinueAsNew: true },
    );
  }
  for (const o of [...s.open]) c.close(o.action);
  const f = s.final!;
  c.setStage(f.fulfilled ? STAGES.FULFILLED : STAGES.SHORTFALL);
  await condition(() => s.outbox.length === 0);
  return { outcome: f.fulfilled ? 'fulfilled' : 'shortfall', obligation: s.obligation, realised: f.realised, shortfall: f.shortfall };
}

/** SROI-3: each planned interim evaluation, with a reminder before its date and an escalation after it. */
async function interimLoop(c: SroiCase): Promise<void> {
  const s = c.state;
  for (;;) {
    const next = s.interims.find((i) => !i.heldAt);
    if (!next || s.final) return;
    await deadlineWait(
      c,
      { action: `sroiInterimEvaluation ${next.plannedOn}`, ruleId: 'SROI-3', lead: s.reminders.interimBefore, due: () => interimDue(c.scheme, next.plannedOn) },
      () => !!next.heldAt || !!s.final,
    );
  }
}

// ---- the human actions

function onSroiAction<N extends SroiActionName>(c: SroiCase, name: N, guard: (v: SroiAction<N>) => void, apply: (v: SroiAction<N>) => string): void {
  const parse = (input: unknown) => parseOrThrow(sroiActions[name], input, name) as SroiAction<N>;
  setHandler(
    SROI_UPDATES[name] as never,
    ((input: unknown) => {
      const v = parse(input);
      guard(v);
      const message = apply(v);
      return { stage: c.state.stage, message };
    }) as never,
    { validator: ((input: unknown) => guard(parse(input))) as never },
  );
}

const euro = (n: number) => `€ ${n.toFixed(2)}`;

function registerSroiActions(c: SroiCase): void {
  const s = c.state;
  const open = (action: string) => {
    if (s.final) throw new Refused(`${action}: the final evaluation has been recorded (${s.stage}); the case is closed`);
  };

  onSroiAction(
    c,
    'sroiContactRecorded',
    () => {
      open('sroiContactRecorded');
      if (s.contactAt) throw new Refused(`sroiContactRecorded: contact was already recorded on ${s.contactAt}`);
    },
    (v) => {
      s.contactAt = v.at;
      const dueAt = contactDeadline(c.scheme, s.start.award.awardedAt);
      const late = ms(v.at) > ms(dueAt);
      c.record(`contractor contacted the WSP${late ? ` (late: was due ${dueAt})` : ''}${v.notes ? `: ${v.notes}` : ''}`, 'SROI-3', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-contact', { op: v.at, termijn: dueAt, telaat: late, planTermijn: s.planDeadline });
      return late ? `contact recorded, after the deadline ${dueAt}` : 'contact recorded within the week';
    },
  );

  onSroiAction(
    c,
    'sroiPlanAssessed',
    (v) => {
      open('sroiPlanAssessed');
      if (s.plan) throw new Refused(`sroiPlanAssessed: the plan was already approved on ${s.plan.approvedAt}`);
      if (ms(v.at) < ms(s.start.award.awardedAt)) throw new Refused(`sroiPlanAssessed.at: ${v.at} is before the award ${s.start.award.awardedAt}`);
      for (const [i, d] of v.interimEvaluations.entries()) {
        if (d >= s.start.contractEndsOn) throw new Refused(`sroiPlanAssessed.interimEvaluations[${i}]: ${d} is not before the contract end ${s.start.contractEndsOn}`);
        if (ms(interimDue(c.scheme, d)) < ms(v.at)) throw new Refused(`sroiPlanAssessed.interimEvaluations[${i}]: ${d} has already passed`);
      }
      if (v.finalEvaluationOn && v.finalEvaluationOn < s.start.contractEndsOn) {
        throw new Refused(`sroiPlanAssessed.finalEvaluationOn: ${v.finalEvaluationOn} is before the contract end ${s.start.contractEndsOn}`);
      }
      const problems = valuePlan(c.scheme, s.obligation, v).problems;
      if (problems.length) throw new Refused(`sroiPlanAssessed: ${problems.join('; ')}`);
    },
    (v) => {
      const valuation = valuePlan(c.scheme, s.obligation, v);
      const socialActivityOnly = s.baseObligation.kind === 'social-activity';
      const covered = socialActivityOnly ? v.lines.some((l) => l.bouwblok === 'social-activity') : valuation.covered;
      const lines = valuation.lines.map((l) => ({ bouwblok: l.bouwblok, waarde: l.value, eenheden: l.units, afgetopt: l.capped }));
      if (!covered) {
        s.planRefusals.push({ at: v.at, total: valuation.total, shortfall: valuation.shortfall });
        const why = socialActivityOnly ? 'a small contract needs a social activity in the plan' : `the blocks are worth € ${valuation.total}, € ${valuation.shortfall} short of € ${s.obligation}`;
        c.record(`plan refused: ${why}`, 'SROI-2', v.by, v.at);
        c.tell(['contractor', 'coordinator'], 'sroi-plan-refused', { regels: lines, waarde: valuation.total, tekort: valuation.shortfall, planTermijn: s.planDeadline, maatschappelijk: socialActivityOnly });
        return `plan refused: ${why}`;
      }
      if (v.contractSum !== undefined) s.start.award.contractSum = v.contractSum;
      if (v.contractSumIsEstimate !== undefined) s.start.award.contractSumIsEstimate = v.contractSumIsEstimate;
      if (socialActivityOnly) s.obligation = valuation.total;
      const late = ms(v.at) > ms(s.planDeadline);
      const finalOn = v.finalEvaluationOn ?? s.start.contractEndsOn;
      s.plan = { approvedAt: v.at, late, value: valuation.total, lines: v.lines, interimEvaluations: v.interimEvaluations, finalEvaluationOn: finalOn };
      s.interims = v.interimEvaluations.map((d) => ({ plannedOn: d }));
      c.record(`plan approved: worth ${euro(valuation.total)} against ${euro(s.obligation)}${late ? ` (after the term ${s.planDeadline})` : ''}`, 'SROI-4', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-plan-approved', {
        regels: lines,
        waarde: valuation.total,
        tussenevaluaties: v.interimEvaluations,
        eindevaluatie: finalOn,
        telaat: late,
        planTermijn: s.planDeadline,
      });
      c.publish();
      return `plan approved (${euro(valuation.total)} for an obligation of ${euro(s.obligation)})${late ? `, after the term ${s.planDeadline}` : ''}`;
    },
  );

  onSroiAction(
    c,
    'sroiPlanTermExtended',
    (v) => {
      open('sroiPlanTermExtended');
      if (s.plan) throw new Refused('sroiPlanTermExtended: the plan is already approved');
      const max = planApprovalDeadline(c.scheme, s.start.award.awardedAt, true);
      if (ms(v.until) > ms(max)) {
        throw new Refused(`SROI-4: the approval term can be extended to at most ${c.scheme.periods.planApprovalExtendedMax} after the award: until ${max} at the latest, not ${v.until}`);
      }
      if (ms(v.until) <= ms(s.planDeadline)) throw new Refused(`sroiPlanTermExtended.until: ${v.until} is not after the current term ${s.planDeadline}`);
    },
    (v) => {
      const before = s.planDeadline;
      s.planDeadline = v.until;
      s.planDeadlineExtended = true;
      c.record(`plan approval term extended in writing from ${before} to ${v.until}: ${v.reason}`, 'SROI-4', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-plan-extended', { was: before, planTermijn: v.until, reden: v.reason, planTermijnMax: planApprovalDeadline(c.scheme, s.start.award.awardedAt, true) });
      c.publish();
      return `plan approval term extended to ${v.until}`;
    },
  );

  onSroiAction(
    c,
    'sroiRealisationRecorded',
    (v) => {
      open('sroiRealisationRecorded');
      if (!s.plan) throw new Refused('sroiRealisationRecorded: the plan of approach is not approved yet (SROI-4); realisation is recorded against the approved plan');
      const block = c.scheme.assessment.method === 'sroi-bouwblokken' ? c.scheme.assessment.bouwblokken.find((b) => b.id === v.bouwblok) : undefined;
      if (!block) throw new Refused(`sroiRealisationRecorded.bouwblok: unknown bouwblok "${v.bouwblok}"`);
      if (block.valuePerUnit === undefined && plannedValuePerUnit(s.plan, v.bouwblok) === undefined) {
        throw new Refused(`sroiRealisationRecorded.bouwblok: "${v.bouwblok}" has no value set beforehand in the approved plan`);
      }
      if (v.subcontractorKvk && !s.subcontractors.some((x) => x.kvkNumber === v.subcontractorKvk)) {
        throw new Refused(`sroiRealisationRecorded.subcontractorKvk: no subcontractor with KvK ${v.subcontractorKvk} is recorded; record it first (sroiSubcontractorRecorded)`);
      }
    },
    (v) => {
      const before = c.progress();
      s.realisations.push({
        at: v.at,
        bouwblok: v.bouwblok,
        units: v.units,
        valuePerUnit: plannedValuePerUnit(s.plan, v.bouwblok),
        people: v.people,
        evidence: v.evidence,
        description: v.description,
        subcontractorKvk: v.subcontractorKvk,
      });
      const p = c.progress();
      const counted = eur(p.realised - before.realised);
      c.record(`realised ${v.units} × ${v.bouwblok} = ${euro(counted)} (evidence: ${v.evidence.join(', ')}); ${p.percent} % of the obligation`, 'SROI-2', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-realisation', { bouwblok: v.bouwblok, eenheden: v.units, waarde: counted, bewijs: v.evidence, gerealiseerd: p.realised, procent: p.percent, tekort: p.shortfall, mensen: v.people });
      c.publish();
      return `realisation recorded: ${euro(counted)}; ${euro(p.realised)} of ${euro(s.obligation)} (${p.percent} %)`;
    },
  );

  onSroiAction(
    c,
    'sroiSubcontractorRecorded',
    (v) => {
      open('sroiSubcontractorRecorded');
      if (v.kvkNumber === s.company.kvkNumber) throw new Refused('sroiSubcontractorRecorded.kvkNumber: that is the contractor itself');
      if (s.subcontractors.some((x) => x.kvkNumber === v.kvkNumber)) throw new Refused(`sroiSubcontractorRecorded.kvkNumber: subcontractor ${v.kvkNumber} is already recorded`);
    },
    (v) => {
      s.subcontractors.push({ at: v.at, name: v.name, kvkNumber: v.kvkNumber, obligation: v.obligation });
      c.record(`subcontractor ${v.name} (KvK ${v.kvkNumber}) carries € ${v.obligation} of the obligation`, 'SROI-2', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-subcontractor', { onderaannemer: v.name, onderaannemerKvk: v.kvkNumber, deel: v.obligation });
      return `subcontractor ${v.name} recorded with € ${v.obligation}`;
    },
  );

  onSroiAction(
    c,
    'sroiInterimEvaluation',
    (v) => {
      open('sroiInterimEvaluation');
      const i = s.interims.find((x) => x.plannedOn === v.plannedOn);
      if (!i) throw new Refused(`sroiInterimEvaluation.plannedOn: no interim evaluation is planned on ${v.plannedOn}${s.interims.length ? ` (planned: ${s.interims.map((x) => x.plannedOn).join(', ')})` : ''}`);
      if (i.heldAt) throw new Refused(`sroiInterimEvaluation: the evaluation of ${v.plannedOn} was recorded on ${i.heldAt}`);
    },
    (v) => {
      const i = s.interims.find((x) => x.plannedOn === v.plannedOn)!;
      const p = c.progress();
      i.heldAt = v.at;
      i.percent = p.percent;
      i.findings = v.findings;
      c.record(`interim evaluation of ${v.plannedOn}: ${p.percent} % realised (${euro(p.realised)}); evidence ${v.evidence.join(', ')}`, 'SROI-3', v.by, v.at);
      c.tell(['contractor', 'coordinator'], 'sroi-interim', { gepland: v.plannedOn, bevindingen: v.findings, gerealiseerd: p.realised, procent: p.percent, tekort: p.shortfall });
      return `interim evaluation recorded: ${p.percent} % realised`;
    },
  );

  onSroiAction(
    c,
    'sroiFinalEvaluation',
    () => {
      open('sroiFinalEvaluation');
      if (!s.plan) throw new Refused('sroiFinalEvaluation: no plan of approach was approved (SROI-4)');
      if (!s.contractEnded) throw new Refused(`sroiFinalEvaluation: the contract runs until ${s.start.contractEndsOn}; the final evaluation follows its end`);
    },
    (v) => {
      const p = c.progress();
      const fulfilled = p.shortfall === 0;
      s.final = { at: v.at, fulfilled, realised: p.realised, shortfall: p.shortfall, percent: p.percent, findings: v.findings };
      c.record(fulfilled ? `final evaluation: fulfilled (${euro(p.realised)} of ${euro(s.obligation)})` : `final evaluation: shortfall ${euro(p.shortfall)} (${euro(p.realised)} of ${euro(s.obligation)})`, 'SROI-3', v.by, v.at);
      c.tell(['contractor', 'coordinator'], fulfilled ? 'sroi-fulfilled' : 'sroi-shortfall', { gerealiseerd: p.realised, procent: p.percent, tekort: p.shortfall, mensen: p.peoplePlaced, bevindingen: v.findings });
      return fulfilled ? 'final evaluation: the obligation is fulfilled' : `final evaluation: shortfall of ${euro(p.shortfall)}`;
    },
  );
}

