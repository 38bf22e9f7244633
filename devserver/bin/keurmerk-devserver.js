#!/usr/bin/env node
// Thin launcher: the server is compiled TypeScript (npm run build, run by `prepare` on npm ci), so
// start-up does not pay for a TypeScript loader; sdk-core gives an ephemeral server 5 s to answer.
require('../dist/main.js').main(process.argv.slice(2));
