// Docs figures for scripts/bench.mjs, in the same headless Chromium the tests use: bytes
// transferred and time until a deep link's operation heading is visible, for our reference and for
// Redoc's default build of the same document (`redocly build-docs --inlineBundle`, no options).
// Ours shows the operation's heading, URL and description from the HTML at once (the preview,
// scripts/lib/docs.mjs) and Redoc's full operation (parameters, responses, samples) once its script
// has run: both are timed. Every figure carries the 1-minute load average it was taken under.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { root } from './products.mjs';
import { redocly } from './redocly.mjs';
import { serveStatic } from './serve.mjs';
import { buildDocs } from './docs.mjs';
import { operationLink } from './errors.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Opens url in a fresh page (no cache) and returns, in ms from the start of navigation (the
 * page's own clock): `heading`, an h2 starting with the operation's summary is visible (ours:
 * the preview or Redoc's); `redoc`, Redoc itself shows it (inside #redoc).
 */
async function measure(browser, url, heading) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let bytes = 0;
  // Offline: a request to another host is answered empty at once, so it neither waits nor counts.
  await page.route((u) => !u.href.startsWith(url.slice(0, url.indexOf('/', 8))), (route) => route.fulfill({ status: 204, body: '' }));
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  // Not waiting for the load event: the heading may be on screen long before it.
  await page.goto(url, { waitUntil: 'commit' });
  const seen = (scope) =>
    page
      .waitForFunction(
        ([text, sel]) => [...document.querySelectorAll(sel)].some((h) => h.textContent?.trim().startsWith(text) && h.offsetParent !== null) && performance.now(),
        [heading, scope],
        { timeout: 60_000 },
      )
      .then((h) => h.jsonValue());
  const time = Math.round(await seen('h2'));
  const redoc = Math.round(await seen('#redoc h2'));
  await page.waitForLoadState('networkidle');
  await page.close();
  return { time, redoc, bytes, load: os.loadavg()[0] };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function docs(row) {
  if (!fs.existsSync(CHROMIUM)) {
    row('docs in Chromium', `skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-docs-'));
  try {
    const bundle = path.join(root, 'generated', 'openapi', 'kakao.json');
    await buildDocs({ bundle, outDir: path.join(tmp, 'ours') });
    // Redoc's default build: the same document, none of our options or additions.
    fs.mkdirSync(path.join(tmp, 'default'));
    fs.writeFileSync(path.join(tmp, 'default', 'redocly.yaml'), 'telemetry: off\n');
    const built = await redocly(['build-docs', bundle, '--output', path.join(tmp, 'default', 'reference.html'), '--inlineBundle', '--config', path.join(tmp, 'default', 'redocly.yaml')], { cwd: path.join(tmp, 'default') });
    if (built.code !== 0) throw new Error(`default build failed: ${built.stderr}`);
    // Each build at the root of its own server, as a static host would serve it.
    const servers = {};
    for (const name of ['ours', 'default']) servers[name] = await serveStatic({ host: '127.0.0.1', port: 0, mounts: { '/': path.join(tmp, name) } });
    const results = {};
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const doc = JSON.parse(fs.readFileSync(bundle, 'utf8'));
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item).filter((v) => v && v.operationId));
    // Deep links a reader follows: the first operation, and the last one of the largest product.
    const largest = [...doc['x-tagGroups']].sort((a, b) => ops.filter((o) => b.tags.includes(o.tags[0])).length - ops.filter((o) => a.tags.includes(o.tags[0])).length)[0];
    const targets = [
      ['the first operation', ops[0]],
      [`the last of the largest product (${largest.name})`, ops.filter((o) => largest.tags.includes(o.tags[0])).at(-1)],
    ];
    const load = (runs) => `load ${Math.min(...runs.map((r) => r.load)).toFixed(1)}–${Math.max(...runs.map((r) => r.load)).toFixed(1)}`;
    const ms = (n) => `${n.toLocaleString('en')} ms`;
    try {
      for (const [label, op] of targets) {
        const hash = operationLink({ tag: op.tags[0], operationId: op.operationId }).replace('reference.html', '');
        // Interleaved, so that drift on the machine hits both sides alike; median of 5.
        const runs = { ours: [], default: [] };
        for (let i = 0; i < 5; i++) {
          for (const name of ['ours', 'default']) {
            const page = name === 'ours' ? 'en/reference.html' : 'reference.html';
            runs[name].push(await measure(browser, `http://127.0.0.1:${servers[name].address().port}/${page}${hash}`, op.summary));
          }
        }
        const ours = { time: median(runs.ours.map((r) => r.time)), redoc: median(runs.ours.map((r) => r.redoc)) };
        const dflt = median(runs.default.map((r) => r.time));
        row(`reference: deep link to ${label} (${op.operationId}), its heading on screen, ours (median of 5)`, `${ms(ours.time)} (${load(runs.ours)})`, '≤ 1.5 s');
        row(`reference: the same in Redoc's default build of the same document`, `${ms(dflt)} (${load(runs.default)})`);
        row('reference: heading ratio ours / default', (ours.time / dflt).toFixed(2));
        row(`reference: the same deep link, Redoc's full operation (parameters, responses, samples), ours / default`, `${ms(ours.redoc)} / ${ms(dflt)} = ${(ours.redoc / dflt).toFixed(2)}`);
        if (label === 'the first operation') {
          const bytes = { ours: median(runs.ours.map((r) => r.bytes)), default: median(runs.default.map((r) => r.bytes)) };
          results.bytes = bytes;
        }
      }
      const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
      const gz = (name) => gzipSync(fs.readFileSync(path.join(tmp, name, name === 'ours' ? 'en/reference.html' : 'reference.html'))).length;
      row('reference: bytes transferred (ours, precompressed / default, as served)', `${kb(results.bytes.ours)} / ${kb(results.bytes.default)} = ${(results.bytes.ours / results.bytes.default).toFixed(2)}`, '≤ 1.00');
      row('reference: gzipped size (ours / default)', `${kb(gz('ours'))} / ${kb(gz('default'))}`);
    } finally {
      await browser.close();
      for (const server of Object.values(servers)) {
        server.closeAllConnections?.();
        server.close();
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
