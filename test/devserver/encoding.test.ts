// The gRPC front end splices already-encoded history events into responses; the bytes must decode
// to exactly what encoding the plain objects gives.
import { describe, expect, it } from '@jest/globals';
import { encodeResponse } from '../../devserver/src/grpc';
import { decode, encode, lookupType } from '../../devserver/src/proto';
import { EventLog, historyPage } from '../../devserver/src/engine/encoded-history';
import type { Exec } from '../../devserver/src/engine/engine';

const HistoryEvent = lookupType('temporal.api.history.v1.HistoryEvent');

function execWith(events: any[]): Exec {
  return { log: EventLog.of(events.map((e) => encode(HistoryEvent, e))) } as unknown as Exec;
}

describe('history splicing in gRPC responses', () => {
  const events = Array.from({ length: 300 }, (_, i) => ({
    eventId: i + 1,
    eventTime: { seconds: 1_700_000_000 + i, nanos: 5 },
    eventType: 10,
    taskId: i + 1,
    activityTaskScheduledEventAttributes: {
      activityId: String(i),
      activityType: { name: 'sendMail' },
      input: { payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('x'.repeat(i)) }] },
    },
  }));

  for (const typeName of [
    'temporal.api.workflowservice.v1.PollWorkflowTaskQueueResponse',
    'temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse',
  ]) {
    it(`decodes ${typeName.split('.').pop()} the same as a plain encoding`, () => {
      const type = lookupType(typeName);
      const value = { taskToken: Buffer.from('token'), nextPageToken: Buffer.from('next'), history: historyPage(execWith(events), 2, 250) };
      const spliced = decode(type, encodeResponse(type, value));
      const plain = decode(type, encode(type, { ...value, history: { events: events.slice(2, 250) } }));
      expect(spliced).toStrictEqual(plain);
      expect(spliced.history.events.length).toBe(248);
    });
  }

  it('keeps the order of a reversed page', () => {
    const type = lookupType('temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryReverseResponse');
    const decoded = decode(type, encodeResponse(type, { history: historyPage(execWith(events), 0, 3, true) }));
    expect(decoded.history.events.map((e: any) => e.eventId)).toStrictEqual([3, 2, 1]);
  });

  it('decodes a page for the HTTP API as the events were encoded', () => {
    const page = historyPage(execWith(events), 10, 20);
    expect(page.events).toStrictEqual(events.slice(10, 20).map((e) => decode(HistoryEvent, encode(HistoryEvent, e))));
    expect(historyPage(execWith(events), 0, 3, true).events.map((e: any) => e.eventId)).toStrictEqual([3, 2, 1]);
  });

  it('keeps the bytes of a page handed out when the history is cut back and grows again', () => {
    const exec = execWith(events.slice(0, 10));
    const type = lookupType('temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse');
    const page = historyPage(exec, 0, 10);
    const before = Buffer.from(encodeResponse(type, { history: page }));
    expect(exec.log.truncate(5)).toBe(events.slice(5, 10).reduce((sum, e) => sum + encode(HistoryEvent, e).length, 0));
    for (const e of events.slice(200, 205)) exec.log.push(encode(HistoryEvent, e));
    expect(encodeResponse(type, { history: page })).toStrictEqual(before);
    expect(decode(type, encodeResponse(type, { history: historyPage(exec) })).history.events.map((e: any) => e.eventId)).toStrictEqual([1, 2, 3, 4, 5, 201, 202, 203, 204, 205]);
    expect(exec.log.decodeAt(5)).toStrictEqual(decode(HistoryEvent, encode(HistoryEvent, events[200])));
  });
});
