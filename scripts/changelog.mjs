#!/usr/bin/env node
// npm run changelog: rewrites the breaking-change report in CHANGELOG.md's entry for the current
// version (the documents of the last release in releases/ against generated/openapi/kakao.json).
//
//   node scripts/changelog.mjs [--check]      --check: exit 1 when the report is out of date
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { CHANGELOG, withFreshReport } from './lib/release.mjs';
import { version } from './lib/combine.mjs';

let args;
try {
  ({ values: args } = parseArgs({ options: { check: { type: 'boolean', default: false } } }));
} catch (error) {
  console.error(`${error.message}\nusage: node scripts/changelog.mjs [--check]`);
  process.exit(2);
}
const text = fs.readFileSync(CHANGELOG, 'utf8');
let fresh;
try {
  fresh = withFreshReport(text, version);
} catch (error) {
  console.error(`changelog: ${error.message}`);
  process.exit(1);
}
if (args.check) {
  if (fresh !== text) {
    console.error(`changelog: the breaking-change report of ${version} in CHANGELOG.md is out of date: run \`npm run changelog\``);
    process.exit(1);
  }
  console.log(`changelog: the breaking-change report of ${version} is current`);
} else {
  fs.writeFileSync(CHANGELOG, fresh);
  console.log(`changelog: wrote the breaking-change report of ${version}`);
}
