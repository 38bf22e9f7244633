// Preloaded into every child of `npm start` (node --require): when the parent dies without stopping
// its children (kill -9 of start.ts), the child is re-parented and would run on for ever with nobody
// to stop it. Every 500 ms this checks the parent pid; once it changed, the child is asked to stop
// (SIGTERM: the worker shuts down cleanly) and, if it has not exited 2.5 s later, it exits anyway.
'use strict';

const POLL_MS = 500;
const GRACE_MS = 2_500;
const parent = process.ppid;

const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  process.stderr.write(`parent process ${parent} is gone: stopping\n`);
  setTimeout(() => process.exit(1), GRACE_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}, POLL_MS);
timer.unref();
