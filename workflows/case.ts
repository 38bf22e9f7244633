// What every keurmerk case has in common, whatever its stage: the state that survives
// continue-as-new (one plain object), its history for the status query, its open deadlines with the
// reminder/escalation bookkeeping, the search attributes operators filter on, and an outbox of emails
// that a single mailer loop sends in order (so update handlers stay synchronous and nothing is lost
// across continue-as-new: an unsent email travels in the state).
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  CancelledFailure,
  condition,
  continueAsNew,
  isCancellation,
  patched,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { getScheme, type SchemeDefinition, addPeriod, subtractPeriod, toDateTime } from '../domain';
import { STAGES, type CaseKind, type DigestChange, type DigestItem, type HistoryEntry, type OpenDeadline, type Party, type ReminderPolicy, type Stage } from './definitions';
import { ACCOUNTMANAGER, CASE_KIND, COMPANY_NAME, KVK_NUMBER, NEXT_DEADLINE, SCHEME, STAGE } from './search-attributes';
import type { CaseMemo } from './case-memo';
import { acts } from './activity-api';
import { digestTime, nextEscalationAt } from './reminder-policy';
import type { EmailRequest, EmailResult, RejectedRecipient, UndeliverableDetails } from '../activities/email/send-email';
import type { CertificateData } from '../activities/certificate/render-certificate';

export interface OpenStep extends OpenDeadline {
  openedAt: string;
  reminded: boolean;
  escalations: number;
  lastEscalationAt?: string;
  /** Escalations of this step went to the accountmanager's digest (DIGEST_PATCH): closing it takes it off. */
  inDigest?: boolean;
}

export interface OutgoingMail {
  template: EmailRequest['template'];
  notice?: string;
  /** Who receives it; 'holders' = every holder in the register (one email each). */
  parties: Party[];
  data: Record<string, unknown>;
  certificate?: CertificateData;
  /** MVS-2: the holder's toolkit (logo files) goes with it. */
  toolkit?: boolean;
  /** The workflow time when it was decided (the email's Date header). */
  date: string;
  /**
   * Not an email: a change to the accountmanager's digest (docs/decisions/escalation-digest.md), sent
   * by the mailer in order with the emails, so it survives continue-as-new the same way.
   */
  digest?: DigestChange;
}

export interface CaseCore {
  workflowId: string;
  schemeId: string;
  /** The definition the case runs, fixed when it started (engine cases); absent: the built-in one by id. */
  definition?: SchemeDefinition;
  caseKind: CaseKind;
  stage: Stage;
  company: { name: string; kvkNumber: string };
  contact: { name: string; email: string };
  accountmanager?: { name: string; email: string };
  accountmanagerCode: string;
  policy: ReminderPolicy;
  history: HistoryEntry[];
  open: OpenStep[];
  outbox: OutgoingMail[];
  /** Continue as new after this many history events (default 4,000; lower in tests and for operators). */
  continueAsNewAfterEvents?: number;
}

/** What every case's `status` query answers, whatever its kind; each kind adds its own fields. */
export function coreStatus(s: CaseCore) {
  return {
    workflowId: s.workflowId,
    schemeId: s.schemeId,
    caseKind: s.caseKind,
    stage: s.stage,
    companyName: s.company.name,
    kvkNumber: s.company.kvkNumber,
    accountmanagerCode: s.accountmanagerCode,
    openDeadlines: s.open.map(({ action, party, dueAt, ruleId }) => ({ action, party, dueAt, ruleId })),
    history: s.history,
    contact: s.contact,
    accountmanager: s.accountmanager,
  };
}

/** Role addresses are resolved by the email activity from the worker's configuration. */
export const ROLE_ADDRESS: Record<'certifying-institution' | 'municipality', string> = {
  'certifying-institution': 'role:certifying-institution',
  municipality: 'role:municipality',
};

/** Cases from before it kept the company name in a search attribute (docs/decisions/company-name-not-searchable.md). */
export const COMPANY_NAME_IN_MEMO_PATCH = 'company-name-in-memo';

/** Continue-as-new long before Temporal's limits; the state object carries everything. */
const HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW = 4_000;

export function nowIso(): string {
  return new Date().toISOString();
}

export function nowMs(): number {
  return new Date().getTime();
}

export function ms(at: string): number {
  return toDateTime(at).toMillis();
}

export class Case<S extends CaseCore> {
  readonly scheme: SchemeDefinition;

  constructor(readonly state: S) {
    this.scheme = state.definition ?? getScheme(state.schemeId);
  }

  // ---- history, stage, search attributes

  record(what: string, ruleId?: string, by?: string, at: string = nowIso()): void {
    this.state.history.push({ at, what, ...(ruleId ? { ruleId } : {}), ...(by ? { by } : {}) });
  }

  setStage(stage: Stage): void {
    this.state.stage = stage;
    this.publish();
  }

  /**
   * Search attributes: no personal data (SEBO-R5): scheme, kind, stage, KvK number, accountmanager
   * code, next deadline. The company name is in the case's memo instead (publish).
   */
  searchAttributes(): SearchAttributeUpdatePair[] {
    // A holder's expiry is a deadline too (SEBO-T13), even when no step is open.
    const st = this.state as { validity?: { expiresAt: string }; holder?: { validity: { expiresAt: string }; ended?: unknown } };
    const expiry = st.validity?.expiresAt ?? (st.holder && !st.holder.ended ? st.holder.validity.expiresAt : undefined);
    const next = [...this.state.open.map((o) => o.dueAt), ...(expiry ? [expiry] : [])].sort((a, b) => ms(a) - ms(b))[0];
    return [
      { key: SCHEME, value: this.state.schemeId },
      { key: CASE_KIND, value: this.state.caseKind },
      { key: STAGE, value: this.state.stage },
      { key: KVK_NUMBER, value: this.state.company.kvkNumber },
      { key: ACCOUNTMANAGER, value: this.state.accountmanagerCode },
      { key: NEXT_DEADLINE, value: next ? new Date(ms(next)) : null },
      ...this.extraSearchAttributes(),
    ];
  }

  /** More search attributes a kind of case keeps (the engine: the level of a ladder scheme). */
  extraSearchAttributes: () => SearchAttributeUpdatePair[] = () => [];

  /** Whether this run has put the company name in its memo yet (a run's first publish does). */
  private memoPublished = false;

  /**
   * SEBO-R5: the company name (often a zzp's own name) goes in the memo, which the payload codec
   * encrypts, not in a search attribute, which the server keeps in plaintext. A run's first publish
   * writes the memo and clears KeurmerkCompanyName (set by cases from before the patch, and carried
   * into a continued run). Histories from before replay the old commands: the name as a search
   * attribute, fourth, where it always was.
   */
  publish(): void {
    const attributes = this.searchAttributes();
    if (!patched(COMPANY_NAME_IN_MEMO_PATCH)) {
      upsertSearchAttributes([...attributes.slice(0, 3), { key: COMPANY_NAME, value: this.state.company.name }, ...attributes.slice(3)]);
      return;
    }
    if (this.memoPublished) {
      upsertSearchAttributes(attributes);
      return;
    }
    this.memoPublished = true;
    const memo: CaseMemo = { companyName: this.state.company.name };
    upsertMemo({ ...memo });
    upsertSearchAttributes([...attributes, { key: COMPANY_NAME, value: null }]);
  }

  // ---- email

  mail(parties: Party[], template: OutgoingMail['template'], data: Record<string, unknown> = {}, extra: Partial<OutgoingMail> = {}): void {
    this.state.outbox.push({ template, parties, data, date: nowIso(), ...extra });
  }

  notice(parties: Party[], notice: string, data: Record<string, unknown> = {}, extra: Partial<OutgoingMail> = {}): void {
    this.mail(parties, 'notice', { ...this.noticeFacts(), ...data }, { notice, ...extra });
  }

  /**
   * What every notice of this case may say, taken when the notice is decided (a kind of case sets it:
   * the legacy SEBO code gives its keuring's findings, reasons and documents). The engine passes its
   * facts itself.
   */
  noticeFacts: () => Record<string, unknown> = () => ({});

  private addresses(parties: Party[]): string[] {
    const out = new Set<string>();
    for (const p of parties) {
      if (p === 'applicant') out.add(this.state.contact.email);
      else if (p === 'accountmanager') out.add(this.state.accountmanager?.email ?? ROLE_ADDRESS.municipality);
      else if (p === 'certifying-institution' || p === 'municipality') out.add(ROLE_ADDRESS[p]);
      else if (p === 'covenant-partner') out.add(ROLE_ADDRESS.municipality);
    }
    return [...out];
  }

  /** What every email of this case carries for its wording: the source's references and the objection route (definition data). */
  private wordingData(): Record<string, unknown> {
    const sc = this.scheme;
    return {
      regelingId: sc.id,
      verwijzingen: sc.references ?? {},
      ...(sc.objection ? { bezwaar: sc.objection } : {}),
      contactNaam: this.state.contact.name,
      contactEmail: this.state.contact.email,
      audit: sc.procedure.audit,
      gesprek: !!sc.periods.conversationEvery,
      vestigingIn: sc.eligibility.establishmentIn,
      ...(sc.flow?.receivedRule ? { ontvangstRegel: sc.flow.receivedRule } : {}),
    };
  }

  private salutation(parties: Party[]): string {
    const first = parties[0];
    if (first === 'applicant') return this.state.contact.name;
    if (first === 'accountmanager') return this.state.accountmanager?.name ?? 'accountmanager';
    if (first === 'certifying-institution') return 'certificerende instelling';
    if (first === 'municipality' || first === 'covenant-partner') return this.scheme.owner;
    return 'keurmerkhouder';
  }

  /**
   * The mailer: sends the outbox in order, one email at a time; runs for the life of the workflow run.
   * An email the SMTP server refuses for good (5xx: the activity fails non-retryable) is recorded on
   * the case and told to the accountmanager, and the mailer goes on with the next one, so a wrong
   * address never blocks the case's other emails or its next stage.
   */
  async runMailer(): Promise<never> {
    // The accountmanager's digest changes have a lane of their own (DIGEST_LANE_PATCH): they need no
    // order with the emails, and an escalation queues both in one task, so sending them side by side
    // saves a round trip to the server per escalation instead of waiting for the email first (issue
    // 14). Among themselves they keep their order (an entry added before it is taken off). Runs that
    // sent them in one line with the emails replay that way.
    if (!patched(DIGEST_LANE_PATCH)) return this.runLane(() => true);
    this.beside(this.runLane((m) => !!m.digest));
    return this.runLane((m) => !m.digest);
  }

  /** Sends, in order, the outbox's messages that `mine` picks; a message leaves the outbox once it is sent. */
  private async runLane(mine: (m: OutgoingMail) => boolean): Promise<never> {
    for (;;) {
      // Once a handover to a fresh run is decided, no new email starts here: the next run sends it.
      await condition(() => !this.handingOver && this.state.outbox.some(mine));
      const m = this.state.outbox.find(mine)!;
      if (m.digest) {
        await acts.signalDigest({ accountmanagerCode: this.state.accountmanagerCode, change: m.digest });
        this.sent(m);
        continue;
      }
      const data = { regeling: this.scheme.name, eigenaar: this.scheme.owner, bedrijf: this.state.company.name, kvk: this.state.company.kvkNumber, ...m.data };
      const direct = m.parties.filter((p) => p !== 'holders');
      if (direct.length > 0 && patched(ONE_READER_PATCH)) {
        // One email per reader (issue 13): each with its own salutation and the paragraphs written for
        // that role; the rule ids go in a header, never in the text.
        for (const reader of uniqueParties(direct)) {
          // A case cancelled meanwhile sends no more readers (its outbox is dropped, see cancelled()).
          if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('case cancelled: the mailer stops');
          await this.sendTo(m, reader, data);
        }
      } else if (direct.length > 0) {
        let result: EmailResult | undefined;
        try {
          result = await acts.sendEmail({
            template: m.template,
            notice: m.notice,
            to: this.addresses(direct),
            date: m.date,
            data: { aanhef: this.salutation(direct), ...data },
            certificate: m.certificate,
            ...(m.toolkit ? { toolkit: true } : {}),
          });
        } catch (err) {
          const refused = undeliverable(err);
          if (!refused || !patched(UNDELIVERABLE_PATCH)) throw err;
          this.undelivered(m, direct, refused.rejected, refused.subject);
        }
        if (result?.rejected?.length && patched(UNDELIVERABLE_PATCH)) this.undelivered(m, direct, result.rejected, result.subject);
      }
      if (m.parties.includes('holders')) {
        const sent = await acts.mailHolders({
          schemeId: this.scheme.sharesHoldersWith ?? this.state.schemeId,
          exceptWorkflowId: this.state.workflowId,
          email: { template: m.template, notice: m.notice, date: m.date, data: { aanhef: 'keurmerkhouder', lezer: 'holders', ...this.wordingData(), ...data } },
        });
        if (sent.undeliverable?.length && patched(UNDELIVERABLE_PATCH)) {
          this.record(`email "${m.notice ?? m.template}" not delivered to the holders of ${sent.undeliverable.join(', ')}: their address was refused by the mail server`);
        }
      }
      this.sent(m);
    }
  }

  /** Takes a sent message off the outbox (unless a cancel emptied the outbox meanwhile). */
  private sent(m: OutgoingMail): void {
    const at = this.state.outbox.indexOf(m);
    if (at >= 0) this.state.outbox.splice(at, 1);
  }

  /** One email of the outbox to one reader; a refusal for good is recorded and told to the accountmanager. */
  private async sendTo(m: OutgoingMail, reader: Party, data: Record<string, unknown>): Promise<void> {
    let result: EmailResult | undefined;
    try {
      // An email decided before a cancel request still goes out (non-cancellable): the case's
      // "cancelled" email follows it, and no half-cancelled email attempt is left behind.
      result = await CancellationScope.nonCancellable(() => acts.sendEmail({
        template: m.template,
        notice: m.notice,
        to: this.addresses([reader]),
        date: m.date,
        data: { aanhef: this.salutation([reader]), lezer: reader, ...this.wordingData(), ...data },
        certificate: reader === 'applicant' ? m.certificate : undefined,
        ...(m.toolkit && reader === 'applicant' ? { toolkit: true } : {}),
      }));
    } catch (err) {
      const refused = undeliverable(err);
      if (!refused) throw err;
      this.undelivered(m, [reader], refused.rejected, refused.subject);
    }
    if (result?.rejected?.length) this.undelivered(m, [reader], result.rejected, result.subject);
  }

  /** Records an email that could not reach (some of) its readers and tells the accountmanager (never about that notice itself). */
  private undelivered(m: OutgoingMail, parties: Party[], rejected: RejectedRecipient[], subject?: string): void {
    const what = subject ?? m.notice ?? m.template;
    this.record(`email "${what}" to ${parties.join(', ')} not delivered: ${rejected.map((r) => `${r.address} (${r.reason})`).join('; ')}`);
    if (m.notice === UNDELIVERABLE_NOTICE) return;
    this.notice(['accountmanager'], UNDELIVERABLE_NOTICE, {
      onderwerp: what,
      ontvangers: rejected.map((r) => r.address).join(', '),
      reden: rejected.map((r) => r.reason).join('; '),
    });
  }

  // ---- loops beside the main one, and cancellation

  /**
   * Runs a loop beside the main path (the mailer, a holder's concern loops). When the case is
   * cancelled the loop's wait rejects with a CancelledFailure; that only stops the loop (the main
   * path ends the case). Any other error still fails the workflow task, as an unhandled bug should.
   */
  beside(loop: Promise<unknown>): void {
    loop.catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
  }

  /**
   * The main path of a case. A cancel request (Temporal UI, `handle.cancel()`) cancels the root scope:
   * every timer and activity is cancelled and the wait in progress rejects. The case then records it,
   * leaves its stage for CANCELLED, tells the accountmanager (non-cancellable: the scope that would
   * run it is cancelled), and rethrows, so the execution closes as Canceled. Patched because runs
   * cancelled before this fix failed their task instead; a replay of those must not see new commands.
   */
  async endsOnCancel<T>(main: () => Promise<T>): Promise<T> {
    try {
      return await main();
    } catch (err) {
      if (isCancellation(err) && CancellationScope.current().consideredCancelled && patched('case-cancel-ends-cleanly')) {
        await CancellationScope.nonCancellable(() => this.cancelled());
      }
      throw err;
    }
  }

  /** What else a cancelled case must undo (an application takes itself off the meeting agenda). */
  onCancel: (() => Promise<void>) | undefined;

  private async cancelled(): Promise<void> {
    await this.onCancel?.();
    const unsent = this.state.outbox.length;
    this.state.outbox = [];
    for (const o of [...this.state.open]) this.close(o.action);
    this.record(`case cancelled by an operator at stage ${this.state.stage}${unsent ? `; ${unsent} unsent email(s) dropped` : ''}`);
    const stage = this.state.stage;
    this.setStage(STAGES.CANCELLED);
    try {
      await acts.sendEmail({
        template: 'notice',
        notice: 'case-cancelled',
        to: this.addresses(['accountmanager']),
        date: nowIso(),
        data: {
          aanhef: this.salutation(['accountmanager']),
          lezer: 'accountmanager',
          regeling: this.scheme.name,
          bedrijf: this.state.company.name,
          kvk: this.state.company.kvkNumber,
          fase: stage,
        },
      });
    } catch (err) {
      const refused = undeliverable(err);
      if (!refused || !patched(UNDELIVERABLE_PATCH)) throw err;
      this.record(`email "case-cancelled" to accountmanager not delivered: ${refused.rejected.map((r) => `${r.address} (${r.reason})`).join('; ')}`);
    }
  }

  // ---- deadlines with reminders and escalations

  open(step: OpenDeadline): OpenStep {
    const existing = this.state.open.find((o) => o.action === step.action);
    if (existing) return existing;
    const openedAt = nowIso();
    // A period shorter than the reminder lead gets no reminder: the opening email is the reminder.
    const remindAt = subtractPeriod(step.dueAt, this.state.policy.remindBefore);
    const entry: OpenStep = { ...step, openedAt, reminded: ms(remindAt) <= ms(openedAt), escalations: 0 };
    this.state.open.push(entry);
    this.publish();
    return entry;
  }

  close(action: string): void {
    // Done or ended: off the accountmanager's digest (only steps that were put in one).
    if (this.findOpen(action)?.inDigest) this.queueDigest({ remove: { workflowId: this.state.workflowId, action } });
    const before = this.state.open.length;
    this.state.open = this.state.open.filter((o) => o.action !== action);
    if (this.state.open.length !== before) this.publish();
  }

  findOpen(action: string): OpenStep | undefined {
    return this.state.open.find((o) => o.action === action);
  }

  /**
   * Waits for a human action with a deadline: reminder to the party before it, escalation to the party
   * and the accountmanager after it, repeated every `escalateEvery` until `done()`. Never decides for
   * people: the case keeps waiting. The deadline may move meanwhile (an extension changes `dueAt`).
   * With `mayContinueAsNew`, this is where a long wait hands over to a fresh run.
   */
  async waitFor(step: OpenDeadline, done: () => boolean, opts: { mayContinueAsNew?: boolean; data?: Record<string, unknown> } = {}): Promise<void> {
    const entry = this.open(step);
    const data = { actie: entry.action, partij: entry.party, termijn: entry.dueAt, regel: entry.ruleId, ...opts.data };
    while (!done()) {
      const now = nowMs();
      const due = ms(entry.dueAt);
      const remindAt = ms(subtractPeriod(entry.dueAt, this.state.policy.remindBefore));
      let wakeAt: number;
      if (now < due) {
        if (!entry.reminded && now >= remindAt) {
          entry.reminded = true;
          this.record(`reminder sent for ${entry.action}`, entry.ruleId);
          this.mail([entry.party], 'step-reminder', { ...data, termijn: entry.dueAt });
          continue;
        }
        wakeAt = entry.reminded ? due : remindAt;
      } else {
        // Growing intervals with a cap (docs/decisions/reminders-and-escalations.md); cases escalated
        // every week before this change replay their old timers.
        const nextEscalation = patched('escalation-cadence')
          ? ms(nextEscalationAt(this.state.policy, entry.dueAt, entry.escalations, entry.lastEscalationAt))
          : entry.lastEscalationAt
            ? ms(addPeriod(entry.lastEscalationAt, this.state.policy.escalateEvery))
            : due;
        if (now >= nextEscalation) {
          entry.escalations += 1;
          entry.lastEscalationAt = nowIso();
          const item = this.digestItem(entry);
          if (item) {
            // The accountmanager's part goes in their daily digest; the party still gets its own email.
            this.record(`escalation ${entry.escalations} sent for ${entry.action} (deadline passed); for the accountmanager in the digest`, entry.ruleId);
            if (entry.party !== 'accountmanager') this.mail([entry.party], 'step-escalation', { ...data, termijn: entry.dueAt });
            entry.inDigest = true;
            this.queueDigest({ add: item });
          } else {
            this.record(`escalation ${entry.escalations} sent for ${entry.action} (deadline passed)`, entry.ruleId);
            this.mail(uniqueParties([entry.party, 'accountmanager']), 'step-escalation', { ...data, termijn: entry.dueAt });
          }
          continue;
        }
        wakeAt = nextEscalation;
      }
      const dueBefore = entry.dueAt;
      await condition(() => done() || entry.dueAt !== dueBefore || (!!opts.mayContinueAsNew && this.historyIsLong()), wakeAt - now);
      if (opts.mayContinueAsNew && !done() && this.historyIsLong()) await this.continueAsNewNow();
    }
    this.close(step.action);
  }

  /**
   * The escalation as an item of the accountmanager's digest, or undefined when this case keeps one
   * email per escalation: no accountmanager address or code (the escalation then goes to the
   * municipality's box, as before), a policy with digestAt "off", or a run from before DIGEST_PATCH.
   */
  private digestItem(entry: OpenStep): DigestItem | undefined {
    const am = this.state.accountmanager;
    const at = digestTime(this.state.policy);
    if (!am?.email || !this.state.accountmanagerCode || !at || !patched(DIGEST_PATCH)) return undefined;
    return {
      workflowId: this.state.workflowId,
      action: entry.action,
      party: entry.party,
      schemeId: this.state.schemeId,
      schemeName: this.scheme.name,
      owner: this.scheme.owner,
      companyName: this.state.company.name,
      kvkNumber: this.state.company.kvkNumber,
      dueAt: entry.dueAt,
      escalation: entry.escalations,
      escalatedAt: entry.lastEscalationAt ?? nowIso(),
      ...(entry.ruleId ? { ruleId: entry.ruleId } : {}),
      ...(entry.ruleId && this.scheme.references?.[entry.ruleId] ? { reference: this.scheme.references[entry.ruleId] } : {}),
      accountmanager: { name: am.name, email: am.email },
      digestAt: at,
    };
  }

  private queueDigest(change: DigestChange): void {
    this.state.outbox.push({ template: 'notice', notice: 'digest-change', parties: [], data: {}, date: nowIso(), digest: change });
  }

  /** Waits for `done()` without a deadline (a step without a term); a long wait hands over to a fresh run. */
  async waitWithoutTerm(done: () => boolean, mayContinueAsNew: boolean): Promise<void> {
    while (!done()) {
      await condition(() => done() || (mayContinueAsNew && this.historyIsLong()));
      if (!done() && mayContinueAsNew && this.historyIsLong()) await this.continueAsNewNow();
    }
  }

  // ---- continue-as-new

  historyIsLong(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > (this.state.continueAsNewAfterEvents ?? HISTORY_EVENTS_BEFORE_CONTINUE_AS_NEW);
  }

  continueAsNewFn: ((state: S) => Promise<never>) | undefined;

  /** Set when a handover to a fresh run is decided (HANDOVER_PATCH): no activity starts after it. */
  private handingOver = false;
  /** Activities of loops beside the main path that are in flight (see `activity`). */
  private activitiesInFlight = 0;

  /**
   * An activity called from a loop beside the main path. A handover waits until none is in flight
   * (its result would be lost) and, while it is being decided, none starts (it would never run: see
   * continueAsNewNow); if the handover goes ahead, this run ends waiting here.
   */
  async activity<T>(call: () => Promise<T>): Promise<T> {
    if (this.handingOver) await condition(() => !this.handingOver);
    this.activitiesInFlight++;
    try {
      return await call();
    } finally {
      this.activitiesInFlight--;
    }
  }

  async continueAsNewNow(): Promise<never> {
    // An email in flight would be sent again by the next run (new activity id): drain the outbox first.
    // Behind HANDOVER_PATCH, more: the state is handed over as it is at the moment of the handover, but
    // the other loops may still act in the same workflow task (a timer that fired with it makes one
    // record an escalation and queue its email). An activity started then would go out with the
    // continue-as-new and be abandoned with the closed run: Temporal never runs an activity of a closed
    // run, and the official time-skipping test server keeps the time-skipping lock it took for good
    // (TestWorkflowMutableStateImpl.update refuses a closed run, sdk-java#1138), so time stops moving.
    // So the handover also waits for the activities of the other loops; once it is decided none starts;
    // and it first lets the other loops finish what this task woke them for: when they queued an email
    // meanwhile, that email is sent by this run (at its own time) before the handover is tried again.
    const handover = patched(HANDOVER_PATCH);
    const drained = () => allHandlersFinished() && this.state.outbox.length === 0 && (!handover || this.activitiesInFlight === 0);
    for (;;) {
      await condition(drained);
      if (!handover) break;
      this.handingOver = true;
      await afterOtherLoops();
      if (drained()) break;
      this.handingOver = false;
    }
    if (this.continueAsNewFn) return this.continueAsNewFn(this.state);
    return continueAsNew<(s: S) => Promise<unknown>>(this.state);
  }
}

/**
 * Resolves once every other coroutine has run as far as this workflow task lets it: conditions are
 * evaluated only after the SDK has drained the microtasks of the activation (the first, eager check
 * is made to fail, so the wait cannot end before that), twice for the loops a first round woke.
 */
async function afterOtherLoops(): Promise<void> {
  for (let round = 0; round < 2; round++) {
    let eager = true;
    await condition(() => {
      if (!eager) return true;
      eager = false;
      return false;
    });
  }
}

/** Runs that handed over before it replay unchanged (see Case.continueAsNewNow). */
const HANDOVER_PATCH = 'handover-starts-no-activity';

/** Same value as EMAIL_UNDELIVERABLE in activities/email/send-email.ts (workflow code imports no activity code). */
const EMAIL_UNDELIVERABLE = 'EmailUndeliverable';
const UNDELIVERABLE_NOTICE = 'email-undeliverable';
/** Runs that never saw a refused email replay unchanged. */
const UNDELIVERABLE_PATCH = 'mailer-skips-undeliverable-email';
/** Runs that mailed each escalation to the accountmanager replay that way; new ones go in the digest. */
const DIGEST_PATCH = 'escalation-digest-per-accountmanager';
/** Runs that sent one email to all the parties of a notice replay that way; new mail goes to one reader each. */
const ONE_READER_PATCH = 'mailer-one-reader-each';
/** Runs that sent the digest changes in one line with the emails replay that way (see runMailer). */
const DIGEST_LANE_PATCH = 'mailer-digest-lane';

/** The details of an email the SMTP server refused for good, or undefined for any other failure. */
export function undeliverable(err: unknown): UndeliverableDetails | undefined {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure) || err.cause.type !== EMAIL_UNDELIVERABLE) return undefined;
  const details = err.cause.details?.[0] as UndeliverableDetails | undefined;
  return details ?? { rejected: [], reason: err.cause.message };
}

/** The definition's documents as an email lists them (SEBO-D1): label, required, and whether it is still missing. */
export function documentFacts(scheme: SchemeDefinition, submitted: readonly { id: string }[]): { label: string; verplicht: boolean; ontbreekt: boolean }[] {
  return scheme.documents.map((doc) => ({ label: doc.label, verplicht: doc.required, ontbreekt: !submitted.some((d) => d.id === doc.id) }));
}

/** Criteria by their names, for an email ("3.1 Samenwerking met onderwijsinstellingen ..."). */
export function criteriaNames(scheme: SchemeDefinition, ids: readonly string[] | undefined): { id: string; titel: string }[] {
  return (ids ?? []).map((id) => ({ id, titel: scheme.criteria.find((c) => c.id === id)?.title ?? '' }));
}

export function uniqueParties(parties: Party[]): Party[] {
  return [...new Set(parties)];
}

/** A scheme may share the members' meeting and the holders of another (definition field sharesHoldersWith). */
export function holdersSchemeOf(schemeId: string): string {
  try {
    return getScheme(schemeId).sharesHoldersWith ?? schemeId;
  } catch {
    return schemeId;
  }
}

/** A validator error: the update is refused with this reason and nothing changes. */
export class Refused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refused';
  }
}

/** A refusal of an action that belongs to the other kind of case (an application's action on a holder, or back). */
export class WrongCaseKind extends Refused {
  constructor(message: string) {
    super(message);
    this.name = 'WrongCaseKind';
  }
}
