// Versions and the breaking-change report, shared by scripts/set-version.mjs, scripts/changelog.mjs
// and scripts/release-check.mjs. One version moves everywhere: the workspace and both packages'
// package.json, the mock's dependency on the client, and `info.version` of every document.
// The documents of each released version are kept in releases/<version>/kakao.json (minified),
// so the report can compare the last release with the current documents on any clone.
import fs from 'node:fs';
import path from 'node:path';
import { apiCompare } from 'api-smart-diff';
import { listProducts, root } from './products.mjs';

export const PACKAGE_FILES = ['package.json', 'packages/kakao-openapi/package.json', 'packages/kakao-openapi-mock/package.json'];
export const CHANGELOG = path.join(root, 'CHANGELOG.md');
export const RELEASES = path.join(root, 'releases');
const INFO_VERSION = /^(info:\n(?:[ \t].*\n|\n)*?  version: )(.*)$/m;
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

/** Every place a version is written, with the version found there. */
export function versionsFound() {
  const found = [];
  for (const file of PACKAGE_FILES) {
    const pkg = readJson(file);
    found.push({ where: `${file} version`, version: pkg.version });
    if (pkg.dependencies?.['kakao-openapi']) found.push({ where: `${file} dependencies.kakao-openapi`, version: pkg.dependencies['kakao-openapi'] });
  }
  for (const { root: file } of listProducts()) {
    found.push({ where: `${path.relative(root, file)} info.version`, version: INFO_VERSION.exec(fs.readFileSync(file, 'utf8'))?.[2]?.trim() });
  }
  for (const name of fs.readdirSync(path.join(root, 'generated', 'openapi')).filter((f) => f.endsWith('.json'))) {
    found.push({ where: `generated/openapi/${name} info.version`, version: readJson(`generated/openapi/${name}`).info.version });
  }
  return found;
}

/** Writes `version` everywhere versionsFound() looks, except generated/ (rebuild it afterwards). */
export function writeVersion(version) {
  for (const file of PACKAGE_FILES) {
    const pkg = readJson(file);
    pkg.version = version;
    if (pkg.dependencies?.['kakao-openapi']) pkg.dependencies['kakao-openapi'] = version;
    fs.writeFileSync(path.join(root, file), `${JSON.stringify(pkg, null, 2)}\n`);
  }
  for (const { root: file } of listProducts()) {
    const text = fs.readFileSync(file, 'utf8');
    if (!INFO_VERSION.test(text)) throw new Error(`${path.relative(root, file)}: no info.version line to update`);
    fs.writeFileSync(file, text.replace(INFO_VERSION, `$1${version}`));
  }
}

export const compareVersions = (a, b) => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** The newest version kept in releases/ that is older than `version`, or undefined. */
export function previousRelease(version) {
  if (!fs.existsSync(RELEASES)) return undefined;
  return fs
    .readdirSync(RELEASES)
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && compareVersions(v, version) < 0)
    .sort(compareVersions)
    .at(-1);
}

/**
 * The breaking changes between two combined documents, as api-smart-diff classifies them
 * (removed operations, parameters that became required, response fields removed or retyped …),
 * one line each, sorted. The lines are the tool's own wording.
 */
export function breakingChanges(before, after) {
  // api-smart-diff logs (and then skips) rules it cannot apply to a node, e.g. `required` inside
  // allOf; the report lists what it did classify, so keep its log out of the terminal.
  const log = console.error;
  console.error = () => {};
  let diffs;
  try {
    ({ diffs } = apiCompare(before, after));
  } finally {
    console.error = log;
  }
  const line = (d) => (d.description && /^\S/.test(d.description) ? d.description : `[${d.action}] ${d.path.join('/')}`);
  return [...new Set(diffs.filter((d) => d.type === 'breaking').map(line))].sort();
}

const START = '<!-- breaking-changes:start (written by `npm run changelog`; do not edit) -->';
const END = '<!-- breaking-changes:end -->';

/** The report block for the CHANGELOG entry of the current version. */
export function breakingReport(version) {
  const previous = previousRelease(version);
  if (!previous) return `${START}\nNo earlier release to compare with.\n${END}`;
  const before = JSON.parse(fs.readFileSync(path.join(RELEASES, previous, 'kakao.json'), 'utf8'));
  const after = readJson('generated/openapi/kakao.json');
  const lines = breakingChanges(before, after);
  const head = `Breaking changes in the documents since ${previous}, found by api-smart-diff: ${lines.length ? lines.length : 'none'}.`;
  return `${START}\n${head}\n${lines.map((l) => `- ${l}`).join('\n')}${lines.length ? '\n' : ''}${END}`;
}

/** The CHANGELOG entry of `version` (its heading line to the next `## [`), or undefined. */
export function changelogEntry(text, version) {
  const start = text.indexOf(`\n## [${version}]`);
  if (start < 0) return undefined;
  const next = text.indexOf('\n## [', start + 1);
  return text.slice(start + 1, next < 0 ? undefined : next + 1);
}

/** CHANGELOG.md with the report block of `version`'s entry replaced by a fresh one. */
export function withFreshReport(text, version) {
  const entry = changelogEntry(text, version);
  if (!entry) throw new Error(`CHANGELOG.md has no entry "## [${version}]"`);
  const a = entry.indexOf(START);
  const b = entry.indexOf(END);
  if (a < 0 || b < a) throw new Error(`CHANGELOG.md's entry for ${version} has no breaking-change block (${START} … ${END})`);
  const fresh = entry.slice(0, a) + breakingReport(version) + entry.slice(b + END.length);
  return text.replace(entry, fresh);
}
