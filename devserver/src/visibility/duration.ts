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

const RELATIVE_UNIT_NANOS: Record<string, number> = { ...UNIT_NANOS, 'μs': 1e3, d: 86_400e9, w: 7 * 86_400e9 };

/** The duration after NOW() + / -: whole numbers with units, also days and weeks ("2w3d", "90M"). */
export function parseRelativeDurationNanos(text: string): number | undefined {
  const parts = /^(?:\d+[^\d]+)+$/.test(text) ? text.match(/\d+[^\d]+/g)! : null;
  if (!parts) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = /^(\d+)(\D+)$/.exec(part)!;
    const scale = RELATIVE_UNIT_NANOS[unit.toLowerCase()];
    if (scale === undefined) return undefined;
    total += Number(amount) * scale;
  }
  return total;
}
