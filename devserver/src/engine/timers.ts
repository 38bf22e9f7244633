// Durable timers: StartTimer → TimerStarted, fired at their fire time (TimerFired) or cancelled.
// The fire time is absolute server time, so a restart or a time skip re-arms it faithfully.
import type { Engine, Exec } from './engine';
import { EventType, isOpen, ms } from './enums';
import type { TimerState } from './state';

export function startTimer(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const event = engine.append(exec, EventType.EVENT_TYPE_TIMER_STARTED, {
    timerId: attrs.timerId,
    startToFireTimeout: attrs.startToFireTimeout,
    workflowTaskCompletedEventId: completedEventId,
  });
  const timer: TimerState = {
    timerId: attrs.timerId,
    startedEventId: event.eventId,
    fireTime: engine.now() + ms(attrs.startToFireTimeout),
  };
  exec.s.timers[timer.timerId] = timer;
  armTimer(engine, exec, timer);
}

function armTimer(engine: Engine, exec: Exec, timer: TimerState): void {
  engine.arm(exec, `timer:${timer.timerId}`, timer.fireTime, () => fireTimer(engine, exec, timer.timerId));
}

function fireTimer(engine: Engine, exec: Exec, timerId: string): void {
  const timer = exec.s.timers[timerId];
  if (!timer || !isOpen(exec.s.status)) return;
  delete exec.s.timers[timerId];
  engine.addEvents(exec, [
    { eventType: EventType.EVENT_TYPE_TIMER_FIRED, attributes: { timerId, startedEventId: timer.startedEventId } },
  ]);
}

/** CancelTimer command. A timer that fired while the task ran is un-fired: its buffered event is dropped. */
export function cancelTimer(engine: Engine, exec: Exec, attrs: any, completedEventId: number, identity: string): boolean {
  const timerId: string = attrs.timerId;
  let startedEventId = exec.s.timers[timerId]?.startedEventId;
  if (startedEventId === undefined) {
    const i = exec.s.buffered.findIndex(
      (e) => e.eventType === EventType.EVENT_TYPE_TIMER_FIRED && e.attributes.timerId === timerId,
    );
    if (i < 0) return false;
    startedEventId = exec.s.buffered[i].attributes.startedEventId as number;
    exec.s.buffered.splice(i, 1);
  }
  delete exec.s.timers[timerId];
  engine.disarm(exec, `timer:${timerId}`);
  engine.append(exec, EventType.EVENT_TYPE_TIMER_CANCELED, {
    timerId,
    startedEventId,
    workflowTaskCompletedEventId: completedEventId,
    identity,
  });
  return true;
}

export function recoverTimers(engine: Engine, exec: Exec): void {
  for (const timer of Object.values(exec.s.timers)) armTimer(engine, exec, timer);
}
