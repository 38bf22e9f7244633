// Local wall-clock instants and readers for the reglement workflow tests (test/workflows/sebo-*.test.ts):
// boundaries are checked at odd local hours (23:30) and on daylight-saving change days, so the tests
// need "the next 23:30 in Zoetermeer" and "the next DST day", the certificate's text and the register.
import { inflateSync } from 'node:zlib';
import { DateTime } from 'luxon';
import type { WorkflowHandle } from '@temporalio/client';
import { registerEntries } from '../../client/commands/register';
import type { RegisterEntry } from '../../client/register-formats';
import type { Session } from '../../client/session';
import type { KeurmerkTestEnv } from './keurmerk-env';
import { act, advanceTo } from './sebo-steps';

export const ZONE = 'Europe/Amsterdam';

/** The first instant after `after` at local hh:mm (Europe/Amsterdam). */
export function nextLocal(after: Date | string, hour: number, minute: number): Date {
  const from = DateTime.fromJSDate(new Date(after), { zone: ZONE });
  let at = from.set({ hour, minute, second: 0, millisecond: 0 });
  if (at.toMillis() <= from.toMillis()) at = from.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
  return at.toJSDate();
}

/** Local hh:mm on the calendar day of `day` (an instant or YYYY-MM-DD). */
export function localOn(day: Date | string, hour: number, minute: number): Date {
  const d = typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? DateTime.fromISO(day, { zone: ZONE }) : DateTime.fromJSDate(new Date(day), { zone: ZONE });
  return d.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/** Whether a calendar day in Amsterdam has a daylight-saving change (23 or 25 hours). */
export function isDstChangeDay(day: DateTime): boolean {
  const start = day.setZone(ZONE).startOf('day');
  return start.plus({ days: 1 }).diff(start, 'hours').hours !== 24;
}

/** The first DST-change day (YYYY-MM-DD) on or after `from` + `years` whose date minus `years` is after `from`. */
export function dstDayYearsAhead(from: Date, years: number): { dstDay: string; yearsBefore: string } {
  let day = DateTime.fromJSDate(from, { zone: ZONE }).plus({ years }).startOf('day');
  for (let i = 0; i < 400; i++, day = day.plus({ days: 1 })) {
    if (!isDstChangeDay(day)) continue;
    const before = day.minus({ years });
    if (before.toMillis() > from.getTime()) return { dstDay: day.toISODate()!, yearsBefore: before.toISODate()! };
  }
  throw new Error('no DST change within 400 days');
}

export const plus = (at: Date | string, ms: number) => new Date(new Date(at).getTime() + ms);
export const MINUTE = 60_000;

/** The text lines of a PDF made by pdfkit with the standard fonts (inflated content streams, TJ strings). */
export function pdfText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      out.push([...tj[1].matchAll(/<([0-9a-fA-F]+)>/g)].map((h) => Buffer.from(h[1], 'hex').toString('latin1')).join(''));
    }
  }
  return out;
}

/** The public register as `keurmerk register` builds it, against the test server. */
export async function register(t: KeurmerkTestEnv): Promise<RegisterEntry[]> {
  const session = { client: async () => t.client, zone: ZONE } as unknown as Session;
  return registerEntries(session, 'sebo');
}

/** Retries until the probe returns something (visibility may trail a workflow by a moment). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Records a human action dated at a given instant, after advancing the clock to it. */
export async function actAt(t: KeurmerkTestEnv, h: WorkflowHandle, at: Date, name: Parameters<typeof act>[2], args: Record<string, unknown> = {}) {
  await advanceTo(t, at);
  return act(t, h, name, { at: at.toISOString(), ...args });
}
