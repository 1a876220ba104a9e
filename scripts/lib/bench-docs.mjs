// Docs figures for scripts/bench.mjs, in the same headless Chromium the tests use: bytes
// transferred and time until the first operation heading is visible, for our reference and for
// Redoc's default build of the same document (`redocly build-docs --inlineBundle`, no options).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { root } from './products.mjs';
import { redocly } from './redocly.mjs';
import { serveStatic } from './serve.mjs';
import { buildDocs } from './docs.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function measure(browser, url, heading) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let bytes = 0;
  // Offline: a request to another host is answered empty at once, so it neither waits nor counts.
  await page.route((u) => !u.href.startsWith(url.slice(0, url.indexOf('/', 8))), (route) => route.fulfill({ status: 204, body: '' }));
  page.on('requestfinished', async (request) => {
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  const started = Date.now();
  await page.goto(url);
  // startsWith: our headings carry the evidence badge after the title.
  await page.waitForFunction((text) => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim().startsWith(text) && h.offsetParent !== null), heading, { timeout: 30_000 });
  const time = Date.now() - started;
  await page.waitForLoadState('networkidle');
  await page.close();
  return { time, bytes };
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
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const doc = JSON.parse(fs.readFileSync(bundle, 'utf8'));
    // The reference renders an operation when it is opened: time a deep link to the first one.
    const firstOp = Object.values(Object.values(doc.paths)[0]).find((v) => v && v.operationId);
    const heading = firstOp.summary;
    const slug = (t) => t.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const hash = `#/${slug(firstOp.tags[0])}/${firstOp.operationId.toLowerCase()}`;
    try {
      const results = {};
      for (const name of ['ours', 'default']) {
        const runs = [];
        const page = name === 'ours' ? 'en/reference.html' : 'reference.html';
        for (let i = 0; i < 3; i++) runs.push(await measure(browser, `http://127.0.0.1:${servers[name].address().port}/${page}${hash}`, heading));
        results[name] = { time: median(runs.map((r) => r.time)), bytes: median(runs.map((r) => r.bytes)) };
      }
      const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
      const gz = (name) => gzipSync(fs.readFileSync(path.join(tmp, name, name === 'ours' ? 'en/reference.html' : 'reference.html'))).length;
      row("reference: time to the first operation's heading, deep link (ours, median of 3)", `${results.ours.time} ms`, '≤ 1.5 s');
      row("reference: time to the first operation's heading (Redoc's default build)", `${results.default.time} ms`);
      row('reference: time ratio ours / default', (results.ours.time / results.default.time).toFixed(2));
      row('reference: bytes transferred (ours / default, uncompressed)', `${kb(results.ours.bytes)} / ${kb(results.default.bytes)} = ${(results.ours.bytes / results.default.bytes).toFixed(2)}`, '≤ 1.00');
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
