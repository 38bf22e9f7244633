// ExecutionDuration filters take nanoseconds or a duration text, as on the real server: Go
// durations ("1h30m", "1.5s", "250ms") or "hh:mm:ss".
const UNIT_NANOS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

export function parseDurationNanos(text: string): number | undefined {
  const clock = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(text);
  if (clock) return ((Number(clock[1]) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1e9;
  const parts = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/.test(text) ? text.match(/\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)/g) : null;
  if (!parts) return undefined;
  return parts.reduce((total, part) => {
    const [, amount, unit] = /^(\d+(?:\.\d+)?)(\D+)$/.exec(part)!;
    return total + Number(amount) * UNIT_NANOS[unit];
  }, 0);
}
