#!/usr/bin/env node
// npm run set-version -- <x.y.z>: moves to the next version. Keeps the documents of the outgoing
// version in releases/<old>/kakao.json (the baseline of the next breaking-change report), dates
// the outgoing CHANGELOG entry if it still says "Unreleased", writes the new version into both
// packages, the workspace and every document's info.version, opens a CHANGELOG entry for it, then
// rebuilds generated/ and writes the entry's breaking-change report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './lib/products.mjs';
import { CHANGELOG, RELEASES, compareVersions, writeVersion } from './lib/release.mjs';

const usage = 'usage: npm run set-version -- <x.y.z>   (greater than the current version)';
const next = process.argv[2];
const current = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
if (process.argv.length !== 3 || !/^\d+\.\d+\.\d+$/.test(next ?? '') || compareVersions(next, current) <= 0) {
  console.error(`${usage}\ncurrent version: ${current}`);
  process.exit(2);
}
const today = new Date().toISOString().slice(0, 10);
const doc = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', 'kakao.json'), 'utf8'));
fs.mkdirSync(path.join(RELEASES, current), { recursive: true });
fs.writeFileSync(path.join(RELEASES, current, 'kakao.json'), `${JSON.stringify(doc)}\n`);

let changelog = fs.readFileSync(CHANGELOG, 'utf8');
changelog = changelog.replace(`## [${current}] - Unreleased`, `## [${current}] - ${today}`);
const firstEntry = changelog.indexOf('\n## [');
const entry = `## [${next}] - Unreleased\n\n<!-- breaking-changes:start (written by \`npm run changelog\`; do not edit) -->\n<!-- breaking-changes:end -->\n\n`;
changelog = firstEntry < 0 ? `${changelog}\n${entry}` : `${changelog.slice(0, firstEntry + 1)}${entry}${changelog.slice(firstEntry + 1)}`;
fs.writeFileSync(CHANGELOG, changelog);
writeVersion(next);
for (const step of [['scripts/build.mjs'], ['scripts/changelog.mjs']]) execFileSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
console.log(`\n${current} → ${next}: releases/${current}/kakao.json kept; run \`npm install\` to update package-lock.json, then fill in the CHANGELOG entry.`);
