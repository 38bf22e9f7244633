#!/usr/bin/env node
// Thin launcher: the admin command is compiled TypeScript (dist/, built by `npm run build`, which
// `prepare` runs on npm ci), so every invocation starts without a TypeScript loader.
require('../../dist/client/main.js').main(process.argv);
