#!/usr/bin/env node
// npm run lint: redocly lint over every product document and the combined one; fails on any
// error or warning, printing each problem with its file and place.
import { formatProblem, lintAll } from './lib/lint.mjs';

const results = await lintAll();
let failed = false;
for (const r of results) {
  console.log(`${r.target}: ${r.errors} error(s), ${r.warnings} warning(s)`);
  for (const p of r.problems) console.log(`  ${formatProblem(p)}`);
  if (r.errors || r.warnings) failed = true;
}
process.exit(failed ? 1 : 0);
