// The docs site: built from the combined document into a temporary folder, checked as files, then
// in a real browser (Debian's Chromium through playwright-core) served on loopback: no console
// errors, no failed or outside requests, every product in the navigation, every operation
// reachable, search, code samples; screenshots are written to test-results/ to look at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain ESM script without types
import { buildDocs, docsView } from '../scripts/lib/docs.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../scripts/lib/serve.mjs';
import { loadBundle, operations, root, type Json } from './helpers/spec.js';

const require = createRequire(import.meta.url);
const doc = loadBundle();
const ops = operations(doc);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-docs-'));
await buildDocs({ bundle: path.join(root, 'generated', 'openapi', 'kakao.json'), outDir: out });
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
const reference = fs.readFileSync(path.join(out, 'reference.html'), 'utf8');
const landing = fs.readFileSync(path.join(out, 'index.html'), 'utf8');

describe('the site, as files', () => {
  it('has a landing page, the reference and every bundled document for download', () => {
    const downloads = fs.readdirSync(path.join(root, 'generated', 'openapi')).sort();
    expect(fs.readdirSync(path.join(out, 'openapi')).sort()).toEqual(downloads);
    for (const file of downloads) expect(landing).toContain(`href="openapi/${file}"`);
    for (const folder of ['postman', 'http']) {
      const files = fs.readdirSync(path.join(root, 'generated', folder)).sort();
      expect(files.length).toBeGreaterThan(0);
      expect(fs.readdirSync(path.join(out, folder)).sort()).toEqual(files);
      for (const file of files) expect(landing).toContain(`href="${folder}/${file}"`);
    }
    expect(landing).toContain('href="reference.html"');
  });

  it('loads no script, stylesheet or image from another host', () => {
    for (const html of [reference, landing]) {
      expect(html.match(/<script[^>]+src=["']https?:/gi) ?? []).toEqual([]);
      expect(html.match(/<link[^>]+href=["']https?:[^>]+/gi) ?? []).toEqual([]);
      expect(html).not.toContain('https://cdn.redoc.ly/redoc/logo');
    }
  });

  it('names every product with its operation count on the landing page', () => {
    for (const group of doc['x-tagGroups']) {
      const count = ops.filter((o) => group.tags.includes(o.operation.tags[0])).length;
      expect(landing).toMatch(new RegExp(`<strong>${group.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</strong>.*?<td class="num">${count}</td>`));
    }
  });

  it.each(ops.map((o) => [o.operation.operationId, o] as const))('the reference carries %s with its samples and facts', (id, o) => {
    expect(reference).toContain(`"operationId":${JSON.stringify(id)}`);
    expect(reference).toContain(`"summary":${JSON.stringify(o.operation.summary)}`);
    const view = docsView(doc).paths[o.path][o.method];
    expect(view['x-codeSamples'].map((s: Json) => s.label)).toEqual(['curl', 'TypeScript client']);
    expect(view['x-codeSamples'][0].source).toContain(`https://${o.host}`);
    expect(view.description).toContain(`**Host:** \`${o.host}\``);
    expect(view.description).toContain(`**Evidence:** \`${o.operation['x-kakao-evidence'].level}\``);
  });
});

describe('the TypeScript samples', () => {
  it('type-check against the published types', () => {
    const dir = fs.mkdtempSync(path.join(root, '.tmp-samples-'));
    try {
      const view = docsView(doc);
      const bodies = ops.map((o, i) => {
        const source: string = view.paths[o.path][o.method]['x-codeSamples'][1].source;
        const body = source.replace(/^import .*\n\n/, '');
        return `export async function sample${i}() { // ${o.operation.operationId}\n${body}\n}`;
      });
      fs.writeFileSync(path.join(dir, 'samples.ts'), `import { createKakaoClient } from 'kakao-openapi';\n\n${bodies.join('\n\n')}\n`);
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, files: ['samples.ts'] }),
      );
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', dir], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      throw new Error(String((error as { stdout?: Buffer }).stdout ?? error));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

describe('in a real browser', () => {
  if (!hasChromium) {
    // Under CI the browser must be there (.ci/run installs Debian's chromium); elsewhere say why we skip.
    if (process.env.CI === 'true') it('needs Chromium at ' + CHROMIUM, () => expect(hasChromium).toBe(true));
    else it.skip(`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`, () => {});
    return;
  }

  let browser: Browser;
  let server: { address(): { port: number }; close(cb?: () => void): void; closeAllConnections?(): void };
  let base: string;
  const shots = path.join(root, 'test-results');

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    server = await serveStatic({ host: '127.0.0.1', port: 0, mounts: { '/': out } });
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    fs.mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** A page that records console errors, failed requests and requests to any other host. */
  async function open(url: string) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`outside request: ${u}`);
    });
    await page.goto(url);
    return { page, problems };
  }

  const firstHeading = (page: Page) => page.locator('h2').first().waitFor({ state: 'visible', timeout: 20_000 });
  /** An h2 whose text is exactly the operation's summary is on screen. */
  const headingShown = (page: Page, summary: string) =>
    page.waitForFunction(
      (text) => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim() === text && (h as HTMLElement).offsetParent !== null),
      summary,
      { timeout: 10_000 },
    );

  it('the landing page loads clean and names every product', async () => {
    const { page, problems } = await open(base);
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    for (const group of doc['x-tagGroups']) await expect(page.getByText(group.name, { exact: true }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'docs-landing.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('the reference loads clean, with every product in the navigation', async () => {
    const { page, problems } = await open(`${base}reference.html`);
    await firstHeading(page);
    // The sidebar lists each product (tag group) by name.
    const text = await page.locator('body').innerText();
    for (const group of doc['x-tagGroups']) expect(text).toContain(group.name);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('every operation is reachable by its operationId, with a code sample', async () => {
    const { page, problems } = await open(`${base}reference.html`);
    await firstHeading(page);
    const slug = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const unreachable: string[] = [];
    for (const o of ops) {
      const hash = `#/${slug(o.operation.tags[0])}/${o.operation.operationId.toLowerCase()}`;
      await page.evaluate((h) => (window.location.hash = h), hash);
      try {
        await headingShown(page, o.operation.summary);
      } catch {
        unreachable.push(`${o.operation.operationId} (${hash})`);
      }
    }
    const last = ops.find((o) => o.operation.operationId === 'getUserMe')!;
    await page.evaluate((h) => (window.location.hash = h), `#/${slug(last.operation.tags[0])}/getuserme`);
    await headingShown(page, last.operation.summary);
    await page.getByText('curl', { exact: true }).first().waitFor({ state: 'visible' });
    await expect(page.getByText('Authorization: Bearer ${ACCESS_TOKEN}').first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(shots, 'docs-operation.png') });
    await page.close();
    expect(unreachable).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('search finds an operation by Kakao\'s API name', async () => {
    const { page, problems } = await open(`${base}reference.html`);
    await firstHeading(page);
    await page.keyboard.press('Control+k');
    await page.getByPlaceholder(/Search/).first().waitFor({ state: 'visible' });
    await page.keyboard.type('Retrieve list of friends');
    // The first hit is the operation, with its method and path.
    await page.getByText('/v1/api/talk/friends').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByText('Retrieve list of friends', { exact: true }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: path.join(shots, 'docs-search.png') });
    await page.close();
    expect(problems).toEqual([]);
  });
});
