// Loaded with `node --require` by bench/cli-startup.ts: when the command's process exits, writes its CPU
// time (user + system, from node's own start) and how many modules it loaded to KEURMERK_BENCH_PROBE.
// Plain JavaScript so that the probe itself loads nothing else.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const cpu = process.cpuUsage();
  const modules = Object.keys(require.cache).length - 1; // not counting this probe
  writeFileSync(process.env.KEURMERK_BENCH_PROBE, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, modules }));
});
