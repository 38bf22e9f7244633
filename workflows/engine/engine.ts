// The interpreter of a definition's steps (domain/procedure.ts): enter a step (stage, anchors, the
// members' meeting, its opening email), wait for its action with the deadline the step names
// (reminder before, escalation after: Case.waitFor), then follow the outcome to the next step, the
// grant, the rejection rules or the end. The same code runs every scheme; the application and a
// holder's renewal are both a pass (a "run") through these steps.
import {
  checkDocuments,
  deadlineFor,
  listedOnAgenda,
  meetingForIntake,
  nextMeeting,
  stepById,
  stepDeadline,
  type Flow,
  type Mail,
  type PeriodName,
  type Step,
  type SubmittedDocument,
  type Meeting,
  type Transition,
} from '../../domain';
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { Case, criteriaNames, documentFacts, nowIso } from '../case';
import { STAGES, type Stage } from '../definitions';
import { acts } from '../activity-api';
import { partiesOf, partyOf, type EngineState, type RunState } from './state';

export type RunEnd = { kind: 'granted' } | { kind: 'rejected' } | { kind: 'end'; stage: Stage; outcome: string };

export class Engine {
  readonly flow: Flow;
  /** This workflow run has a waiter for the documents of the current run (not carried over continue-as-new). */
  documentsWaiter: RunState | undefined;

  constructor(readonly c: Case<EngineState>) {
    const flow = c.scheme.flow;
    if (!flow) throw ApplicationFailure.nonRetryable(`scheme "${c.scheme.id}" defines no procedure (flow): no case can run on it`, 'NoProcedure');
    this.flow = flow;
  }

  get state(): EngineState {
    return this.c.state;
  }

  get scheme() {
    return this.c.scheme;
  }

  step(id: string): Step {
    return stepById(this.flow, id);
  }

  current(): Step | undefined {
    const run = this.state.run;
    return run && run.stepId ? this.step(run.stepId) : undefined;
  }

  /** Email to the actors of `mail`, with the case's facts for the wording. */
  send(mail: Mail | undefined, extra: Record<string, unknown> = {}, opts: { certificate?: Parameters<Case<EngineState>['notice']>[3] } = {}): void {
    if (!mail) return;
    this.c.notice(partiesOf(mail.to), mail.notice, { ...this.facts(), ...extra }, opts.certificate ?? {});
  }

  /** What an email may say about the case: dates, outcomes, findings, the assessment. */
  facts(): Record<string, unknown> {
    const s = this.state;
    const run = s.run;
    const step = this.current();
    const out: Record<string, unknown> = { eigenaar: this.scheme.owner };
    if (step?.rule) out.regel = step.rule;
    if (run) {
      if (run.meeting) {
        out.vergadering = run.meeting.startsAt;
        out.volgendeVergadering = run.meeting.startsAt;
      }
      if (step?.due && this.dueOf(step)) out.termijn = this.dueOf(step);
      if (run.anchors['audit-done']) out.auditDatum = run.anchors['audit-done'];
      if (run.anchors['audit-appointment']) out.auditAfspraak = run.anchors['audit-appointment'];
      if (run.shortcomings) out.tekortkomingen = run.shortcomings;
      if (run.supplementsUntil) out.aanvullenTot = run.supplementsUntil;
      if (run.anchors.report) out.rapportDatum = run.anchors.report;
      if (run.advice) out.advies = run.advice;
      out.verschilVanInzicht = run.disagreement;
      if (run.decision) {
        out.besluit = run.decision.outcome;
        if (run.decision.reason) out.reden = run.decision.reason;
        out.besluitDatum = run.decision.at;
      }
      if (run.integrity) out.integriteit = run.integrity;
      if (run.covenantSignedAt) out.convenantGetekend = run.covenantSignedAt;
      // What the people recorded (issue 13): findings, unmet criteria by name, the meeting's reason.
      if (run.findings) out.bevindingen = run.findings;
      if (run.auditor) out.auditor = run.auditor;
      if (run.unmetCriteria?.length) out.onvoldaan = criteriaNames(this.scheme, run.unmetCriteria);
      if (run.meetingReason) out.redenVergadering = run.meetingReason;
      // The documents asked beside the current step (SEBO-D1): which, by when, and where they go.
      if (step?.documents && this.scheme.documents.length) {
        out.documenten = documentFacts(this.scheme, run.documents);
        if (step.documents.rule) out.documentenRegel = step.documents.rule;
        if (run.anchors[step.documents.due?.from ?? 'step-opened']) {
          out.documentenTermijn = stepDeadline(this.scheme, step.documents.due ?? { from: 'step-opened' }, run.anchors, this.state.policy as unknown as Record<string, string>);
        }
        if (this.scheme.documentsTo) out.documentenNaar = this.scheme.documentsTo;
      }
    }
    if (s.assessment) out.beoordeling = s.assessment;
    if (s.level) out.niveau = s.level;
    if (s.waitingUntil) out.wachtTot = s.waitingUntil;
    if (s.holder) {
      out.geldigVanaf = s.holder.validity.validFrom;
      out.geldigTot = s.holder.validity.expiresAt;
      out.certificaatnummer = s.holder.validity.certificateNumber;
    }
    return out;
  }

  /** The step's deadline from the run's anchors; undefined when the step has no term or its anchor is not there yet. */
  dueOf(step: Step): string | undefined {
    const run = this.state.run;
    if (!step.due || !run) return undefined;
    if (!run.anchors[step.due.from]) return undefined;
    return stepDeadline(this.scheme, step.due, run.anchors, this.state.policy as unknown as Record<string, string>);
  }

  // ---- runs and steps

  newRun(purpose: RunState['purpose'], at: string, documents: SubmittedDocument[]): RunState {
    if (this.state.run) this.state.lastRun = this.state.run;
    const run: RunState = {
      purpose,
      stepId: '',
      anchors: { application: at },
      documents,
      documentsComplete: false,
      supplements: [],
      disagreement: false,
      bothSidesHeard: false,
    };
    this.state.run = run;
    return run;
  }

  /** Enter a step: anchors, meeting, stage, emails (the transition's first, then the step's own). */
  enter(stepId: string, opts: { at: string; quiet?: boolean; mail?: Mail; record?: { what: string; rule?: string } }): void {
    const run = this.state.run!;
    const step = this.step(stepId);
    const again = run.stepId === stepId;
    run.stepId = stepId;
    run.done = undefined;
    run.anchors['step-opened'] = opts.at;
    if (step.action === 'auditPlanned') run.forwardedAt = opts.at;
    if (step.meeting) {
      const previous = again ? run.meeting : undefined;
      const after = previous ? previous.startsAt : opts.at;
      // A meeting still to come whose agenda is open when the previous step is RECORDED, not one whose
      // cut-off passed between the date it names and its recording (patched: older cases keep theirs).
      const meeting = previous
        ? nextMeeting(this.scheme, after, { ignoreCutOff: true })
        : patched('meeting-at-recording')
          ? meetingForIntake(this.scheme, after, nowIso())
          : nextMeeting(this.scheme, after);
      this.placeOnMeeting(step, meeting, after);
    }
    if (step.documents && !run.documentsComplete) {
      run.documentsComplete = run.documents.length > 0 && checkDocuments(this.scheme, run.documents, opts.at).length === 0;
    }
    if (step.supplements && !run.supplementsUntil && run.anchors['audit-done']) {
      run.supplementsUntil = deadlineFor(this.scheme, step.supplements.period as PeriodName, run.anchors['audit-done']);
    }
    if (opts.record) this.c.record(opts.record.what, opts.record.rule);
    if (!opts.quiet && step.enterRecord) this.c.record(step.enterRecord.what, step.enterRecord.rule);
    // Entering a step with a supplements window (after an audit): its email gives that window's end as the term.
    this.send(opts.mail, step.supplements && run.supplementsUntil ? { termijn: run.supplementsUntil } : {});
    if (!opts.quiet) this.send(step.onEnter);
    this.showStage();
  }

  /** The run goes on the agenda of `meeting`: its deadline counts from it, the meeting workflow is told in the loop. */
  private placeOnMeeting(step: Step, meeting: Meeting | undefined, after: string): void {
    const run = this.state.run!;
    if (!meeting) throw ApplicationFailure.nonRetryable(`scheme ${this.scheme.id} has no members' meeting after ${after}: add meeting dates`);
    run.meeting = meeting;
    run.meetingOutcome = undefined;
    run.registered = false;
    run.listedAt = undefined;
    run.anchors.meeting = meeting.startsAt;
    this.c.record(`on the agenda of the members' meeting of ${meeting.date}`, step.rule);
  }

  /** The stage: an application shows its step; a holder shows REGISTERED/RENEWAL/SUSPENDED (see holder phase). */
  showStage(): void {
    const run = this.state.run;
    if (this.state.caseKind === 'application' && run) this.c.setStage(this.step(run.stepId).stage as Stage);
    else this.onHolderStage?.();
  }

  onHolderStage: (() => void) | undefined;

  transitionOf(step: Step, outcome: string | undefined): Transition {
    const t = (outcome !== undefined ? step.outcomes?.[outcome] : undefined) ?? step.next;
    if (!t) throw ApplicationFailure.nonRetryable(`step "${step.id}" has no transition for outcome "${outcome}"`);
    return t;
  }

  /** Drives the current run from wherever it is to its end. */
  async runSteps(opts: { mayContinueAsNew: boolean }): Promise<RunEnd> {
    for (;;) {
      const run = this.state.run!;
      const step = this.step(run.stepId);
      if (!run.done) {
        this.documentsBeside(run, step);
        if (step.meeting && !run.registered) {
          run.registered = true;
          const dueAt = this.dueOf(step)!;
          this.c.open({ action: step.action, party: partyOf(step.actor), dueAt, ruleId: step.rule ?? step.id });
          await acts.registerForMeeting({
            workflowId: this.state.workflowId,
            schemeId: this.state.schemeId,
            companyName: this.state.company.name,
            kvkNumber: this.state.company.kvkNumber,
            meetingDate: run.meeting!.date,
            meetingSchemeId: this.meetingSchemeId(),
            ...(this.scheme.sharesHoldersWith ? {} : { definition: this.scheme }),
          });
          // The agenda went out before the case reached it: it goes to the next meeting whose agenda is open.
          if (!run.listedAt && patched('meeting-listed-on-agenda')) {
            run.listedAt = nowIso();
            if (!listedOnAgenda(run.meeting!, run.listedAt)) {
              this.c.close(step.action);
              const now = nowIso();
              this.placeOnMeeting(step, nextMeeting(this.scheme, now), now);
              this.send(step.onEnter);
              continue;
            }
          }
        }
        const dueAt = this.dueOf(step);
        if (dueAt) {
          await this.c.waitFor(
            { action: step.action, party: partyOf(step.actor), dueAt, ruleId: step.rule ?? step.id },
            () => !!run.done || this.state.run !== run,
            { mayContinueAsNew: opts.mayContinueAsNew, data: this.facts() },
          );
        } else {
          await this.c.waitWithoutTerm(() => !!run.done || this.state.run !== run, opts.mayContinueAsNew);
        }
      }
      if (this.state.run !== run) continue;
      const done = run.done!;
      run.done = undefined;
      const t = this.transitionOf(step, done.outcome);
      const leaves = step.meeting && t.step !== step.id;
      const end = this.follow(step, t, done.at);
      if (leaves) await acts.leaveMeeting({ workflowId: this.state.workflowId, schemeId: this.state.schemeId, meetingSchemeId: this.meetingSchemeId() });
      if (end) return end;
    }
  }

  meetingSchemeId(): string {
    return this.scheme.sharesHoldersWith ?? this.state.schemeId;
  }

  private follow(step: Step, t: Transition, at: string): RunEnd | undefined {
    if (t.step) {
      this.enter(t.step, { at, quiet: t.quiet, mail: t.mail, record: t.rule ? { what: `on to ${t.step}`, rule: t.rule } : undefined });
      return undefined;
    }
    this.closeRunDeadlines();
    if (t.grant) {
      if (t.rule) this.c.record(`granted on the outcome of ${step.id}`, t.rule);
      this.send(t.mail);
      return { kind: 'granted' };
    }
    if (t.reject) {
      this.send(t.mail);
      return { kind: 'rejected' };
    }
    this.send(t.mail);
    if (this.state.caseKind === 'application') this.c.setStage(t.end as Stage);
    return { kind: 'end', stage: t.end as Stage, outcome: step.id };
  }

  closeRunDeadlines(): void {
    this.c.close('documentsReceived');
  }

  /** Documents asked beside a step: one waiter per run, until they are complete or the run moves past them. */
  private documentsBeside(run: RunState, step: Step): void {
    const d = step.documents;
    if (!d || run.documentsComplete || this.documentsWaiter === run) return;
    this.documentsWaiter = run;
    const dueAt = stepDeadline(this.scheme, d.due, run.anchors, this.state.policy as unknown as Record<string, string>);
    this.c.beside(
      this.c.waitFor(
        { action: 'documentsReceived', party: partyOf(d.actor), dueAt, ruleId: d.rule ?? step.id },
        () => run.documentsComplete || this.state.run !== run || !this.step(run.stepId).documents,
      ),
    );
  }
}

export const ENGINE_STAGES = STAGES;

export function nowAt(): string {
  return nowIso();
}
