// The holder phase of an engine case, as the definition's `flow.holder` describes it: the certificate,
// the yearly conversation, the renewal (a new run through the steps from `restartAt`), the lapse with
// its warning, suspension, withdrawal, a criteria change with its transition, benefits that end, and
// placements counted for the programme goals. Each concern is a small loop over the shared state; only
// the main path continues as new, so any loop may be cut off at an await and resume from the state.
import { condition } from '@temporalio/workflow';
import {
  conversationsDue,
  deadline,
  extensionRefusal,
  lastValidDay,
  msUntil,
  renewalStartRefusal,
  secondKeuringAllowed,
  renewalSchedule,
  subtractPeriod,
  suspensionRefusal,
  validity as validityOf,
  addPeriod,
} from '../../domain';
import { criteriaNotified, holderContactQuery, REGISTER_STAGES, STAGES, type Stage } from '../definitions';
import { ms, nowIso, nowMs, Refused } from '../case';
import { setHandler } from '@temporalio/workflow';
import type { Engine } from './engine';
import { on, provisionalLevel, refuseIf } from './actions';
import { partyOf, type EngineState, type HolderPart } from './state';

export function certificateNumberFor(schemeId: string, kvk: string, validFrom: string): string {
  return `${schemeId.toUpperCase()}-${kvk}-${validFrom.slice(0, 10).replace(/-/g, '')}`;
}

/** The holder part at a grant (or for an imported holder). */
export function newHolderPart(
  e: Engine,
  g: { decidedAt: string; certificateNumber?: string; validity?: { validFrom: string; expiresAt: string }; criteriaVersion?: string },
): HolderPart {
  const v = g.validity ?? validityOf(e.scheme, { decidedAt: g.decidedAt, renewal: false });
  const benefits = e.scheme.benefits
    .filter((b) => b.lasts)
    .map((b) => ({ label: b.label, endsAt: addPeriod(v.validFrom, b.lasts!, e.scheme.zone), told: false }));
  return {
    validity: { ...v, certificateNumber: g.certificateNumber ?? certificateNumberFor(e.state.schemeId, e.state.company.kvkNumber, v.validFrom) },
    certificateSent: false,
    conversationsHeld: [],
    criteria: { version: g.criteriaVersion ?? 'current' },
    benefits,
    placements: [],
  };
}

function h(e: Engine): HolderPart {
  return e.state.holder!;
}

/** REGISTERED or RENEWAL, unless suspended or ended. */
export function registerStage(s: EngineState): Stage {
  const holder = s.holder!;
  if (holder.ended) return holder.ended.stage;
  if (holder.lapsedAt) return STAGES.LAPSED;
  if (holder.suspension) return STAGES.SUSPENDED;
  return s.run ? STAGES.RENEWAL : STAGES.REGISTERED;
}

function end(e: Engine, stage: Stage, reason: string, rule: string | undefined): void {
  const holder = h(e);
  if (holder.ended) return;
  holder.ended = { stage, reason, ...(rule ? { rule } : {}) };
  e.c.record(reason, rule);
}

/** The certificate (PDF when the scheme issues one) and the validity to those the definition names. */
export function sendCertificate(e: Engine, renewal: boolean): void {
  const s = e.state;
  const holder = h(e);
  const part = e.flow.holder.certificate;
  holder.certificateSent = true;
  const certificate = e.scheme.procedure.certificate
    ? {
        certificateNumber: holder.validity.certificateNumber,
        schemeName: e.scheme.name + (s.level ? ` (${s.level})` : ''),
        companyName: s.company.name,
        kvkNumber: s.company.kvkNumber,
        validFrom: holder.validity.validFrom,
        validUntil: holder.validity.expiresAt,
        issuedAt: nowIso(),
      }
    : undefined;
  // "Geldig tot en met" is the last valid day (the day before the lapse), on paper and in the email.
  const validThrough = lastValidDay(holder.validity.expiresAt, e.scheme.zone);
  e.c.record(`valid from ${holder.validity.validFrom} through ${validThrough} (lapses at ${holder.validity.expiresAt})${s.level ? ` at level ${s.level}` : ''}`, part.rule);
  const mail = renewal ? { ...part.mail, notice: part.renewedNotice } : part.mail;
  e.send(
    mail,
    { regel: part.rule, geldigTot: validThrough, vervaltOp: holder.validity.expiresAt, voordelen: e.scheme.benefits.map((b) => b.label), eindeVoordelen: holder.benefits },
    { certificate: { certificate, ...(part.toolkit ? { toolkit: true } : {}) } },
  );
}

/** Sleeps until `at` or until `wake()` is true; true when woken early. */
async function until(at: string, wake: () => boolean): Promise<boolean> {
  return condition(wake, Math.max(1, msUntil(at, nowMs())));
}

export function startHolderLoops(e: Engine): void {
  const c = e.c;
  c.beside(expiryLoop(e));
  c.beside(renewalLoop(e));
  if (e.flow.holder.conversation) c.beside(conversationLoop(e));
  if (e.flow.holder.suspension) c.beside(suspensionLoop(e));
  if (e.flow.holder.criteriaChange) c.beside(criteriaLoop(e));
  c.beside(benefitsLoop(e));
}

/** Lapse at expiry unless a renewal moved it; a last warning ahead of it when the definition asks. */
async function expiryLoop(e: Engine): Promise<void> {
  const holder = h(e);
  const lapse = e.flow.holder.lapse;
  for (;;) {
    const expiresAt = holder.validity.expiresAt;
    if (lapse.warning) {
      const warnAt = subtractPeriod(expiresAt, e.state.policy.remindBefore);
      if (holder.lapseWarnedFor !== expiresAt && ms(warnAt) > nowMs()) {
        const woken = await until(warnAt, () => !!holder.ended || holder.validity.expiresAt !== expiresAt);
        if (holder.ended) return;
        if (holder.validity.expiresAt !== expiresAt) continue;
        if (!woken) {
          holder.lapseWarnedFor = expiresAt;
          c(e).record(`lapse warning: lapses at ${expiresAt} unless renewed`, lapse.rule);
          e.send(lapse.warningMail, { regel: lapse.rule });
        }
      }
    }
    const woken = await until(expiresAt, () => !!holder.ended || holder.validity.expiresAt !== expiresAt);
    if (holder.ended) return;
    if (!woken && nowMs() >= ms(expiresAt)) {
      // The right ends with the validity; a renewal in progress goes on when the definition says so.
      const continues = !!lapse.renewalContinues && !!e.state.run;
      e.send(lapse.mail, { geldigTot: expiresAt, regel: lapse.rule, ...(continues ? { keuringLoopt: true } : {}) });
      if (continues) {
        holder.lapsedAt = expiresAt;
        c(e).record(`lapsed at expiry ${expiresAt}; the ${e.flow.holder.renewal?.label ?? 'renewal'} in progress continues, a grant starts a new validity`, lapse.rule);
        c(e).setStage(registerStage(e.state));
        await condition(() => !!holder.ended || holder.validity.expiresAt !== expiresAt);
        if (holder.ended) return;
        continue;
      }
      end(e, STAGES.LAPSED, `lapsed at expiry ${expiresAt} (not renewed)`, lapse.rule);
      return;
    }
  }
}

const c = (e: Engine) => e.c;

/**
 * Renewal: reminder before expiry, escalation if not started (it may start earlier); a renewal is a new
 * run from `restartAt`. A rejected renewal may use one second keuring (renewal.secondKeuring), which may
 * outlast the validity (expiryLoop, lapse.renewalContinues).
 */
async function renewalLoop(e: Engine): Promise<void> {
  const s = e.state;
  const holder = h(e);
  const part = e.flow.holder.renewal;
  if (!part || !e.scheme.periods.renewalReminderBefore) return;
  for (;;) {
    const expiresAt = holder.validity.expiresAt;
    const { remindAt, escalateAt } = renewalSchedule(e.scheme, expiresAt);
    const startedEarly = () => holder.renewal?.forExpiry === expiresAt;
    if (!holder.renewal || holder.renewal.forExpiry !== expiresAt) {
      await until(remindAt, () => !!holder.ended || holder.validity.expiresAt !== expiresAt || startedEarly());
      if (holder.ended) return;
      if (holder.validity.expiresAt !== expiresAt) continue;
    }
    if (!holder.renewal || holder.renewal.forExpiry !== expiresAt) {
      holder.renewal = { forExpiry: expiresAt };
      if (!part.restartAt) {
        // No renewal procedure: the holder is told when it ends and may apply anew.
        e.send(part.mail, { geldigTot: expiresAt, regel: part.rule });
        await condition(() => !!holder.ended);
        return;
      }
      e.c.record(`${part.label} due: must have started by ${escalateAt ?? expiresAt}`, part.rule);
      e.send(part.mail, { geldigTot: expiresAt, termijn: escalateAt ?? expiresAt, regel: part.rule });
    }
    const renewal = holder.renewal;
    if (!renewal.startedAt) {
      await e.c.waitFor(
        { action: 'renewalStarted', party: partyOf(part.actor), dueAt: escalateAt ?? expiresAt, ruleId: part.rule ?? 'renewal' },
        () => !!renewal.startedAt || !!holder.ended,
        { data: { geldigTot: expiresAt } },
      );
      if (holder.ended) return;
    }
    if (!renewal.outcome && s.run) {
      const granted = await finishRun(e, expiresAt);
      renewal.outcome = granted ? 'granted' : 'rejected';
      if (!granted) {
        const second = !!part.secondKeuring && !!e.flow.rejection.second && secondKeuringAllowed(e.scheme, renewal.secondKeuringenUsed ?? 0);
        e.send(part.rejectedMail, { geldigTot: expiresAt, regel: part.rule, ...(second ? { tweedeKeuring: true } : {}) });
        if (second) {
          e.c.record(`${part.label} rejected: one second keuring may be requested; the keurmerk may be used until ${expiresAt} and no longer`, e.flow.rejection.second!.rule);
        } else if (holder.lapsedAt) {
          end(e, STAGES.LAPSED, `${part.label} rejected after the keurmerk lapsed at ${holder.lapsedAt}`, e.flow.holder.lapse.rule);
        }
      }
      e.c.setStage(registerStage(s));
    } else if (!renewal.outcome) {
      renewal.outcome = 'rejected';
    }
    const secondDue = () => renewal.outcome === 'rejected' && !!renewal.secondRequestedAt && !renewal.secondOutcome && !!s.run;
    await condition(() => !!holder.ended || holder.validity.expiresAt !== expiresAt || secondDue());
    if (holder.ended) return;
    if (secondDue()) {
      const granted = await finishRun(e, expiresAt);
      renewal.secondOutcome = granted ? 'granted' : 'rejected';
      if (!granted) {
        e.send(part.rejectedMail, { geldigTot: expiresAt, regel: e.flow.rejection.second?.rule ?? part.rule, tweedeAfgewezen: true });
        if (holder.lapsedAt) end(e, STAGES.LAPSED, `second keuring rejected after the keurmerk lapsed at ${holder.lapsedAt}`, e.flow.holder.lapse.rule);
      }
      e.c.setStage(registerStage(s));
    }
  }
}

/**
 * Runs the renewal's steps to their decision; a grant gives the new validity (from the old expiry when
 * decided in time, else from the decision day) and the certificate. True when granted.
 */
async function finishRun(e: Engine, expiresAt: string): Promise<boolean> {
  const s = e.state;
  const holder = h(e);
  const result = await e.runSteps({ mayContinueAsNew: false });
  const run = s.run!;
  s.lastRun = run;
  s.run = undefined;
  if (result.kind !== 'granted') return false;
  const decidedAt = run.decision?.at ?? nowIso();
  const v = validityOf(e.scheme, { decidedAt, renewal: true, previousExpiresAt: expiresAt });
  if (run.decision?.level) grantLevel(e, run.decision.level, v.validFrom, v.expiresAt);
  holder.validity = { ...v, certificateNumber: run.decision?.certificateNumber ?? certificateNumberFor(s.schemeId, s.company.kvkNumber, v.validFrom) };
  holder.conversationsHeld = [];
  holder.lapsedAt = undefined;
  sendCertificate(e, true);
  return true;
}

/** A ladder level granted: the level, and when a once-only level was held. */
export function grantLevel(e: Engine, level: string, from: string, until: string): void {
  const s = e.state;
  s.level = level;
  const a = e.scheme.assessment;
  if (a.method === 'pso-ladder' && level === a.entryLevel && !s.onceLevelsHeld.some((x) => x.level === level)) {
    s.onceLevelsHeld.push({ level, from, until });
  }
}

/** The yearly conversation with the accountmanager (periods.conversationEvery). */
async function conversationLoop(e: Engine): Promise<void> {
  const s = e.state;
  const holder = h(e);
  const part = e.flow.holder.conversation!;
  for (;;) {
    const expiresAt = holder.validity.expiresAt;
    const due = conversationsDue(e.scheme, holder.validity).find((d) => !holder.conversationsHeld.includes(d));
    if (!due) {
      await condition(() => !!holder.ended || holder.validity.expiresAt !== expiresAt);
      if (holder.ended) return;
      continue;
    }
    await until(due, () => !!holder.ended || holder.validity.expiresAt !== expiresAt);
    if (holder.ended) return;
    if (holder.validity.expiresAt !== expiresAt) continue;
    const by = deadline(due, s.policy.conversationWithin);
    if (holder.conversationOpen !== due) {
      holder.conversationOpen = due;
      e.send(part.mail, { termijn: by, regel: part.rule });
    }
    await e.c.waitFor(
      { action: 'yearlyConversationHeld', party: partyOf(part.actor), dueAt: by, ruleId: part.rule ?? 'conversation' },
      () => holder.conversationsHeld.includes(due) || !!holder.ended,
    );
    if (holder.ended) return;
  }
}

/** Past the suspension's end the one who decides is asked (repeatedly) to lift or withdraw. */
async function suspensionLoop(e: Engine): Promise<void> {
  const holder = h(e);
  const part = e.flow.holder.suspension!;
  for (;;) {
    await condition(() => !!holder.ended || !!holder.suspension);
    if (holder.ended) return;
    const suspension = holder.suspension!;
    await e.c.waitFor(
      { action: 'liftSuspension', party: partyOf(part.actor), dueAt: suspension.until, ruleId: part.rule ?? 'suspension' },
      () => holder.suspension !== suspension || !!holder.ended,
    );
  }
}

/** New criteria bind after the transition; an objector keeps the old ones until notice + opt-out, then must apply anew. */
async function criteriaLoop(e: Engine): Promise<void> {
  const holder = h(e);
  const rule = e.flow.holder.criteriaChange!.rule;
  for (;;) {
    await condition(() => !!holder.ended || !!holder.criteria.pending);
    if (holder.ended) return;
    const p = holder.criteria.pending!;
    await until(p.bindingFrom, () => !!holder.ended);
    if (holder.ended) return;
    if (!p.objected) {
      holder.criteria = { version: p.criteriaVersion };
      e.c.record(`criteria ${p.criteriaVersion} now bind`, rule);
      continue;
    }
    await until(p.oldCriteriaUntil, () => !!holder.ended);
    if (holder.ended) return;
    e.c.notice(['applicant', 'accountmanager'], 'criteria-reapply', { ...e.facts(), versie: p.criteriaVersion, oudeCriteriaTot: p.oldCriteriaUntil, regel: rule });
    end(e, STAGES.LAPSED, `old criteria ended ${p.oldCriteriaUntil} after objecting to ${p.criteriaVersion}: must apply anew`, rule);
    return;
  }
}

/** Benefits that last a fixed time (a year of free membership): the holder is told when one ends. */
async function benefitsLoop(e: Engine): Promise<void> {
  const holder = h(e);
  for (;;) {
    const next = holder.benefits.filter((b) => !b.told).sort((a, b) => ms(a.endsAt) - ms(b.endsAt))[0];
    if (!next) return;
    await until(next.endsAt, () => !!holder.ended);
    if (holder.ended) return;
    next.told = true;
    const rule = e.scheme.benefits.find((b) => b.label === next.label)?.rule;
    e.c.record(`benefit ended: ${next.label}`, rule);
    e.c.notice(['applicant', 'accountmanager'], 'benefit-ended', { ...e.facts(), voordeel: next.label, eindigtOp: next.endsAt, ...(rule ? { regel: rule } : {}) });
  }
}

export function registerHolderActions(e: Engine): void {
  const s = e.state;
  const c = e.c;
  const parts = e.flow.holder;
  const holder = () => {
    if (!s.holder) throw new Refused(`this action belongs to a holder; the case is at ${s.stage}`);
    return s.holder;
  };
  const active = (action: string) => {
    const hp = holder();
    if (hp.ended) throw new Refused(`${action}: the keurmerk has ended (${hp.ended.stage})`);
    return hp;
  };

  setHandler(holderContactQuery, () => ({ companyName: s.company.name, email: s.contact.email, name: s.contact.name }));
  setHandler(criteriaNotified, (notice) => {
    const hp = s.holder;
    if (!hp || !parts.criteriaChange || hp.ended || hp.criteria.version === notice.criteriaVersion || hp.criteria.pending?.criteriaVersion === notice.criteriaVersion) return;
    hp.criteria.pending = { ...notice, objected: false };
    c.record(`new criteria ${notice.criteriaVersion} notified; binding from ${notice.bindingFrom}`, parts.criteriaChange.rule, undefined, notice.noticeAt);
  });

  const suspensionRule = parts.suspension?.rule ?? 'suspension';
  on(e, 'suspend', {
    guard: (v) => {
      const hp = active('suspend');
      if (hp.suspension) throw new Refused(`suspend: already suspended until ${hp.suspension.until}`);
      const why = suspensionRefusal(e.scheme, { suspendedAt: v.at, until: v.until, extending: false, extensionsUsed: 0 });
      if (why) throw new Refused(`${suspensionRule}: ${why}`);
    },
    apply: (v) => {
      const hp = holder();
      hp.suspension = { from: v.at, until: v.until, extended: false, reason: v.reason, requestedByHolder: v.requestedByHolder };
      c.record(`suspended until ${v.until}${v.requestedByHolder ? " at the holder's request" : ''}: ${v.reason}`, suspensionRule, v.by, v.at);
      e.c.notice(['applicant', 'accountmanager', ...(e.scheme.procedure.audit ? (['certifying-institution'] as const) : [])], 'suspended', { ...e.facts(), tot: v.until, reden: v.reason, opEigenVerzoek: v.requestedByHolder, regel: suspensionRule });
      if (parts.suspension?.informHolders) c.notice(['holders'], 'holder-informed', { over: s.company.name, wat: `geschorst tot ${v.until.slice(0, 10)}`, soort: 'geschorst', tot: v.until, regel: suspensionRule });
      c.setStage(registerStage(s));
      const rules = [parts.suspension?.rule, parts.register.rule].filter(Boolean).join(', ');
      const listed = parts.register.listsSuspended ? 'the public register lists it as suspended meanwhile' : 'not in the public register meanwhile';
      return `suspended until ${v.until}; ${listed}${rules ? ` (${rules})` : ''}`;
    },
  });

  on(e, 'extendSuspension', {
    guard: (v) => {
      const hp = active('extendSuspension');
      if (!hp.suspension) throw new Refused('extendSuspension: the keurmerk is not suspended');
      const why = suspensionRefusal(e.scheme, { suspendedAt: hp.suspension.from, until: v.until, extending: true, extensionsUsed: hp.suspension.extended ? 1 : 0 });
      if (why) throw new Refused(`${suspensionRule}: ${why}`);
      if (ms(v.until) <= ms(hp.suspension.until)) throw new Refused(`extendSuspension.until: ${v.until} is not after the current end ${hp.suspension.until}`);
    },
    // The extension adds at most suspensionExtensionMax to the CURRENT end (not to the start).
    rules: (v) => {
      const hp = holder();
      refuseIf(extensionRefusal(e.scheme, { currentUntil: hp.suspension!.until, until: v.until, extensionsUsed: hp.suspension!.extended ? 1 : 0 }));
    },
    apply: (v) => {
      const hp = holder();
      hp.suspension = { ...hp.suspension!, until: v.until, extended: true };
      const open = c.findOpen('liftSuspension');
      if (open) {
        open.dueAt = v.until;
        open.reminded = false;
        c.publish();
      }
      c.record(`suspension extended until ${v.until}: ${v.reason}`, suspensionRule, v.by, v.at);
      c.notice(['applicant', 'accountmanager'], 'suspension-extended', { ...e.facts(), tot: v.until, reden: v.reason, regel: suspensionRule });
      return `suspension extended until ${v.until}`;
    },
  });

  on(e, 'liftSuspension', {
    guard: () => {
      const hp = active('liftSuspension');
      if (!hp.suspension) throw new Refused('liftSuspension: the keurmerk is not suspended');
    },
    apply: (v) => {
      const hp = holder();
      hp.suspension = undefined;
      c.record(`suspension lifted${v.reason ? `: ${v.reason}` : ''}`, suspensionRule, v.by, v.at);
      c.notice(['applicant', 'accountmanager'], 'suspension-lifted', { ...e.facts(), regel: suspensionRule });
      c.setStage(registerStage(s));
      return `suspension lifted; back in the public register${parts.register.rule ? ` (${parts.register.rule})` : ''}`;
    },
  });

  on(e, 'withdraw', {
    guard: () => void active('withdraw'),
    apply: (v) => {
      const rule = parts.withdrawal?.rule;
      c.notice(['applicant', 'accountmanager', ...(e.scheme.procedure.audit ? (['certifying-institution'] as const) : [])], 'withdrawn', { ...e.facts(), grond: v.ground, toelichting: v.explanation, regel: rule });
      if (parts.withdrawal?.informHolders) c.notice(['holders'], 'holder-informed', { over: s.company.name, wat: 'keurmerk ingetrokken', soort: 'ingetrokken', regel: rule });
      end(e, STAGES.WITHDRAWN, `withdrawn (${v.ground}): ${v.explanation}`, rule);
      s.history[s.history.length - 1].by = v.by;
      return 'withdrawn; the case ends';
    },
  });

  on(e, 'holderObjects', {
    guard: (v) => {
      const hp = active('holderObjects');
      const p = hp.criteria.pending;
      if (!p || p.criteriaVersion !== v.criteriaVersion) throw new Refused(`holderObjects.criteriaVersion: no pending criteria change "${v.criteriaVersion}" for this holder`);
      if (p.objected) throw new Refused('holderObjects: the objection is already recorded');
      if (ms(v.at) >= ms(p.bindingFrom)) throw new Refused(`${parts.criteriaChange?.rule ?? 'criteria'}: criteria ${p.criteriaVersion} bind since ${p.bindingFrom}; an objection must come before`);
    },
    apply: (v) => {
      const hp = holder();
      hp.criteria.pending!.objected = true;
      c.record(`objects to criteria ${v.criteriaVersion}: old criteria until ${hp.criteria.pending!.oldCriteriaUntil}`, parts.criteriaChange?.rule, v.by, v.at);
      return `old criteria apply until ${hp.criteria.pending!.oldCriteriaUntil}; then apply anew`;
    },
  });

  on(e, 'yearlyConversationHeld', {
    guard: () => {
      const hp = active('yearlyConversationHeld');
      const label = parts.conversation?.label ?? 'conversation';
      if (!hp.conversationOpen || hp.conversationsHeld.includes(hp.conversationOpen)) {
        throw new Refused(`yearlyConversationHeld: no ${label} is due now${parts.conversation?.rule ? ` (${parts.conversation.rule})` : ''}`);
      }
    },
    apply: (v) => {
      const hp = holder();
      hp.conversationsHeld.push(hp.conversationOpen!);
      c.record(`yearly conversation held (${parts.conversation?.label})`, parts.conversation?.rule, v.by, v.at);
      return `${parts.conversation?.label ?? 'conversation'} recorded`;
    },
  });

  on(e, 'renewalStarted', {
    // The reminder date is the latest start, not the earliest: it may start at any time while the keurmerk is valid.
    guard: () => {
      const hp = active('renewalStarted');
      const forThis = hp.renewal?.forExpiry === hp.validity.expiresAt ? hp.renewal : undefined;
      refuseIf(renewalStartRefusal(e.scheme, { expiresAt: hp.validity.expiresAt, at: nowIso(), startedForThisExpiry: !!forThis?.startedAt }));
    },
    apply: (v) => {
      const hp = holder();
      const part = parts.renewal!;
      if (!hp.renewal || hp.renewal.forExpiry !== hp.validity.expiresAt) hp.renewal = { forExpiry: hp.validity.expiresAt };
      hp.renewal.startedAt = v.at;
      const run = e.newRun('renewal', v.at, []);
      void run;
      if (v.selfAssessment) {
        const level = provisionalLevel(e, v.selfAssessment);
        if (level) s.assessment = { ...level, provisional: true };
      }
      if (v.activities) s.assessment = { ...(s.assessment ?? {}), activities: v.activities };
      c.record(`${part.label} started: the procedure follows ${part.restartAt} onwards`, part.rule, v.by, v.at);
      e.enter(part.restartAt!, { at: v.at });
      c.setStage(registerStage(s));
      return `${part.label} started`;
    },
  });

  on(e, 'placementsRecorded', {
    guard: () => void active('placementsRecorded'),
    apply: (v) => {
      const hp = holder();
      hp.placements.push({ count: v.count, at: v.at, ...(v.description ? { description: v.description } : {}) });
      const total = hp.placements.reduce((n, p) => n + p.count, 0);
      c.record(`${v.count} resident(s) placed at work${v.description ? `: ${v.description}` : ''} (total ${total})`, parts.placements?.rule, v.by, v.at);
      return `placements recorded: ${total} in total`;
    },
  });
}

export function inRegister(s: EngineState): boolean {
  return s.caseKind === 'holder' && REGISTER_STAGES.includes(s.stage);
}
