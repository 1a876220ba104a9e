// Builds the static site in docs/: a landing page (index.html), the Redoc reference of the combined
// document with generated code samples (reference.html), and the bundled documents for download
// (openapi/). Everything is self-contained: the site works offline from any static host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { redocly } from './redocly.mjs';
import { root } from './products.mjs';
import { operationMap } from './client-artifacts.mjs';
import { codeSamples } from './samples.mjs';
import { landingPage } from './landing.mjs';
import { ownReadings } from './constraints.mjs';

// Redoc's bundle shows Redocly's attribution logo from a CDN; the site must not reach other hosts,
// so the logo is served inline instead (same attribution, no request).
const CDN_LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': 'Redoc',
  'https://cdn.redoc.ly/redoc/logo-mini.svg': 'Redoc',
};
const inlineLogo = (text) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 7 + 8}" height="16"><text x="4" y="12" font-family="sans-serif" font-size="11" fill="#555">${text}</text></svg>`)}`;

const LEVELS = {
  'kakao-docs': "read on Kakao's reference page",
  'kakao-sdk': "from Kakao's official SDK source",
  corroborated: 'corroborated by independent projects that call the live API',
  observed: 'seen in the live API\'s answers by a `kakao-openapi verify` report',
};
const CREDENTIALS = {
  accessToken: "the user's access token (`Authorization: Bearer ${ACCESS_TOKEN}`)",
  restApiKey: 'the REST API key (`Authorization: KakaoAK ${REST_API_KEY}`)',
  adminKey: 'the Admin key (`Authorization: KakaoAK ${ADMIN_KEY}`, servers only)',
};

/**
 * Where the limits, defaults, required flags and enums come from (x-kakao-evidence.constraints):
 * the fields each source states, linked by its number in `sources`, and this project's own
 * readings, which the reference must show as such.
 */
function constraintLines(evidence) {
  const cited = (evidence.constraints ?? []).filter((e) => typeof e.source === 'string');
  const parts = [];
  if (cited.length) {
    const list = cited.map((e) => `${e.fields.map((f) => `\`${f}\``).join(', ')} [${evidence.sources.indexOf(e.source) + 1}](${e.source})`);
    parts.push(`**Limits, defaults, required flags and enums** as stated by: ${list.join('; ')}.`);
  }
  const readings = ownReadings(evidence);
  if (readings.length) parts.push(`**This project's reading, not stated by Kakao:** ${readings.join(' ')}`);
  return parts.join('\n\n');
}

/** A readable block for the reference: host, authorization, consent, permissions, evidence. */
function factsBlock(op, host) {
  const lines = [`**Host:** \`${host}\``];
  const alternatives = (op.security ?? []).map((req) => Object.keys(req).map((k) => CREDENTIALS[k] ?? k).join(' + '));
  lines.push(`**Authorization:** ${alternatives.length ? alternatives.join(', or ') : 'none in a header (the app is named by `client_id`)'}`);
  if (op['x-kakao-consent-items']?.length) lines.push(`**Consent items:** ${op['x-kakao-consent-items'].map((c) => `\`${c}\``).join(', ')}`);
  if (op['x-kakao-permissions']?.length) lines.push(`**Permissions:** ${op['x-kakao-permissions'].join('; ')}`);
  const evidence = op['x-kakao-evidence'];
  if (evidence) {
    lines.push(`**Evidence:** \`${evidence.level}\` — ${LEVELS[evidence.level] ?? ''}${evidence.observed ? ` (observed ${evidence.observed})` : ''}. Sources: ${evidence.sources.map((u, i) => `[${i + 1}](${u})`).join(' ')}`);
    if (evidence.unconfirmed?.length) lines.push(`**Unconfirmed:** ${evidence.unconfirmed.map((part) => (part === 'response' ? 'the success answer' : 'the request')).join(' and ')} (no source confirms it; \`kakao-openapi verify\` can check it against your app)`);
    const limits = constraintLines(evidence);
    if (limits) lines.push(limits);
    if (evidence.notes) lines.push(`<details><summary>What the sources leave unclear</summary>\n\n${evidence.notes.trim()}\n\n</details>`);
  }
  if (op['x-kakao-undocumented-errors']) lines.push(`**Errors:** ${op['x-kakao-undocumented-errors']}`);
  return lines.join('\n\n');
}

/** The combined document as the reference shows it: facts block and code samples on every operation. */
export function docsView(doc) {
  const copy = structuredClone(doc);
  const samples = codeSamples(copy, operationMap(copy));
  for (const item of Object.values(copy.paths)) {
    const host = new URL((item.servers ?? copy.servers)[0].url).host;
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !op.operationId) continue;
      op.description = `${factsBlock(op, host)}\n\n---\n\n${op.description ?? ''}`;
      if (samples[op.operationId]) op['x-codeSamples'] = samples[op.operationId];
      // Shown in the facts block above: the raw extensions would only weigh the page down.
      for (const key of Object.keys(op)) if (key.startsWith('x-kakao-')) delete op[key];
    }
  }
  // Components record their own constraint sources: show them on the component, then drop the raw extension.
  for (const section of ['schemas', 'parameters', 'responses', 'headers']) {
    for (const node of Object.values(copy.components?.[section] ?? {})) {
      const evidence = node?.['x-kakao-evidence'];
      if (!evidence) continue;
      const limits = constraintLines(evidence);
      if (limits) node.description = `${node.description ? `${node.description.trimEnd()}\n\n` : ''}${limits}`;
      delete node['x-kakao-evidence'];
    }
  }
  return copy;
}

export async function buildDocs({ bundle, outDir }) {
  const doc = JSON.parse(fs.readFileSync(bundle, 'utf8'));
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'openapi'), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-docs-'));
  try {
    const input = path.join(tmp, 'kakao.json');
    fs.writeFileSync(input, JSON.stringify(docsView(doc)));
    const page = path.join(outDir, 'reference.html');
    const { code, stdout, stderr } = await redocly(
      ['build-docs', input, '--output', page, '--inlineBundle', '--title', 'Kakao REST API reference (OpenAPI)'],
      { cwd: root },
    );
    if (code !== 0 || !fs.existsSync(page)) throw new Error(`Building the reference failed:\n${stdout}\n${stderr}`);
    let html = fs.readFileSync(page, 'utf8');
    for (const [url, text] of Object.entries(CDN_LOGOS)) {
      if (!html.includes(url)) throw new Error(`Redoc no longer loads ${url}: update scripts/lib/docs.mjs`);
      html = html.split(url).join(inlineLogo(text));
    }
    // No favicon request (it would 404 on most static hosts).
    html = html.replace('<head>', '<head><link rel="icon" href="data:,">');
    fs.writeFileSync(page, html);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const bundleDir = path.dirname(bundle);
  const downloads = fs.readdirSync(bundleDir).filter((f) => /\.(json|yaml)$/.test(f)).sort();
  for (const file of downloads) fs.copyFileSync(path.join(bundleDir, file), path.join(outDir, 'openapi', file));
  // The Postman collection and environments, and the .http files, built beside the documents (generated/).
  const clients = [];
  for (const folder of ['postman', 'http']) {
    const dir = path.join(bundleDir, '..', folder);
    if (!fs.existsSync(dir)) continue;
    fs.mkdirSync(path.join(outDir, folder), { recursive: true });
    for (const file of fs.readdirSync(dir).sort()) {
      fs.copyFileSync(path.join(dir, file), path.join(outDir, folder, file));
      clients.push(`${folder}/${file}`);
    }
  }
  fs.writeFileSync(path.join(outDir, 'index.html'), landingPage(doc, [...downloads.map((f) => `openapi/${f}`), ...clients]));
  return path.join(outDir, 'index.html');
}
