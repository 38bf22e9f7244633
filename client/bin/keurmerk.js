#!/usr/bin/env node
// Thin launcher: the admin command is compiled TypeScript (dist/, built by `npm run build`, which
// `prepare` runs on npm ci), so every invocation starts without a TypeScript loader, and with V8's
// code cache of its modules from the invocations before (compile-cache.js; issue 14).
require('./compile-cache').enable();
require('../../dist/client/main.js').main(process.argv);
