// The docs site: built from the combined document into a temporary folder, checked as files, then
// in a real browser (Debian's Chromium through playwright-core) served on loopback: no console
// errors, no failed or outside requests, every product in the navigation, every operation
// reachable, search, code samples; screenshots are written to test-results/ to look at.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
// @ts-expect-error plain ESM script without types
import { buildDocs, docsView } from '../scripts/lib/docs.mjs';
// @ts-expect-error plain ESM script without types
import { serveStatic } from '../scripts/lib/serve.mjs';
// @ts-expect-error plain ESM script without types
import { errorCodes, operationLink } from '../scripts/lib/errors.mjs';
// @ts-expect-error plain ESM script without types
import { translateRedoc } from '../scripts/lib/redoc-labels.mjs';
import { loadBundle, operations, root, type Json } from './helpers/spec.js';

const require = createRequire(import.meta.url);
const doc = loadBundle();
const koDoc = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', 'ko', 'kakao.json'), 'utf8'));
const ops = operations(doc);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-docs-'));
await buildDocs({ bundle: path.join(root, 'generated', 'openapi', 'kakao.json'), outDir: out });
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
const read = (file: string) => fs.readFileSync(path.join(out, file), 'utf8');
const reference = read('en/reference.html');
const koReference = read('ko/reference.html');
const koOps = operations(koDoc);
const landing = read('index.html');
const previewCache = new Map<string, Record<string, { s: string; h: string }>>();
/** The deep-link previews a reference page carries (scripts/lib/docs.mjs, previews). */
/** A preview's key: Redoc's deep link to the operation without `reference.html#/` (`<tag>/<operationid>`). */
const previewKey = (op: Json) => operationLink({ tag: op.tags[0], operationId: op.operationId }).replace('reference.html#/', '');
const previewsOf = (html: string) => {
  if (!previewCache.has(html)) previewCache.set(html, JSON.parse(html.match(/<script type="application\/json" id="kx-previews">(.*?)<\/script>/s)![1]!));
  return previewCache.get(html)!;
};

describe('the site, as files', () => {
  it('has a landing page per language (Korean by default), both references and every document for download', () => {
    const downloads = fs.readdirSync(path.join(root, 'generated', 'openapi')).filter((f) => /\.(json|yaml)$/.test(f)).sort();
    expect(fs.readdirSync(path.join(out, 'openapi')).filter((f) => /\.(json|yaml)$/.test(f)).sort()).toEqual(downloads);
    for (const file of downloads) {
      expect(landing).toContain(`href="openapi/${file}"`);
      expect(landing).toContain(`href="openapi/ko/${file}"`);
    }
    expect(landing).toMatch(/^<!doctype html>\n<html lang="ko">/);
    expect(read('en/index.html')).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(landing).toContain('href="ko/reference.html"');
    expect(reference).toMatch(/<html lang="en"[ >]/);
    expect(read('ko/reference.html')).toMatch(/<html lang="ko"[ >]/);
    for (const lang of ['en', 'ko']) expect(read(`${lang}/reference.html`)).toContain(`class="kx-lang"`);
    for (const folder of ['postman', 'http']) {
      const files = fs.readdirSync(path.join(root, 'generated', folder)).sort();
      expect(files.length).toBeGreaterThan(0);
      expect(fs.readdirSync(path.join(out, folder)).filter((f) => !/\.(gz|br)$/.test(f)).sort()).toEqual(files);
      for (const file of files) expect(landing).toContain(`href="${folder}/${file}"`);
    }
  });

  it('lists the downloads in product order with their sizes, and one version everywhere', () => {
    const order = ['kakao', ...doc['x-tagGroups'].map((g: Json) => g['x-product'])];
    const seen = [...landing.matchAll(/href="openapi\/([a-z-]+)\.json"/g)].map((m) => m[1]);
    expect(seen).toEqual(order);
    expect(landing).toMatch(/kakao\.json<\/a> <span class="muted">\d+ kB<\/span>/);
    const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    expect(doc.info.version).toBe(version);
    expect(landing).toContain(` ${version}.</footer>`);
  });

  it('is precompressed (gzip and brotli) for every file', () => {
    for (const file of ['index.html', 'en/reference.html', 'ko/reference.html', 'openapi/kakao.json']) {
      const original = fs.readFileSync(path.join(out, file));
      expect(zlib.gunzipSync(fs.readFileSync(path.join(out, `${file}.gz`))).equals(original), file).toBe(true);
      expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(out, `${file}.br`))).equals(original), file).toBe(true);
    }
  });

  it('loads no script, stylesheet or image from another host', () => {
    for (const html of [reference, landing, read('ko/reference.html'), read('en/errors.html'), read('try.html')]) {
      expect(html.match(/<script[^>]+src=["']https?:/gi) ?? []).toEqual([]);
      expect(html.match(/<link[^>]+href=["']https?:[^>]+/gi) ?? []).toEqual([]);
      expect(html).not.toContain('https://cdn.redoc.ly/redoc/logo');
    }
  });

  it('names every product with its operation count, each API linked to its operation', () => {
    for (const group of doc['x-tagGroups']) {
      const count = ops.filter((o) => group.tags.includes(o.operation.tags[0])).length;
      expect(read('en/index.html')).toMatch(new RegExp(`<strong>${group.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</strong>.*?<td class="num"[^>]*>${count}</td>`));
    }
    expect(read('en/index.html')).toContain('href="../en/reference.html#/user-information/getuserme"');
  });

  it('has an error-code page per language with every code of the documents', () => {
    const codes = errorCodes(doc).map((c: Json) => String(c.code));
    expect(codes).toContain('-401');
    expect(codes).toContain('KOE320');
    expect(codes).toContain('KOE006');
    for (const lang of ['en', 'ko']) {
      const page = read(`${lang}/errors.html`);
      for (const code of codes) expect(page, `${lang}: ${code}`).toContain(`id="e${code.startsWith('-') ? '' : '-'}${code}"`);
    }
    // Linked from the operations' error responses.
    expect(docsView(doc).components.responses.Unauthorized.description).toContain('(errors.html#e-401)');
  });

  it("translates Redoc's labels in the Korean page and fails the build, naming the label, when Redoc moves one", () => {
    expect(koReference).toContain('window.__kxLabels=');
    expect(koReference).toContain('children:`검색 결과가 없습니다`');
    expect(reference).not.toContain('window.__kxLabels=');
    expect(() => translateRedoc(reference, 'ko')).not.toThrow();
    expect(() => translateRedoc(reference.replace('children:`No results`', 'children:`Nothing found`'), 'ko')).toThrow(/"No results" matched 0 times/);
    expect(() => translateRedoc(reference.replace('useTranslate:()=>({translate:(e,t)=>', 'useTranslate:()=>({translate:(e,t,n)=>'), 'ko')).toThrow(/translate hook/);
  });

  it('shows every JSON-text value as the object it carries (from its contentSchema)', () => {
    const view = docsView(doc);
    const form = view.components.schemas.MessageDefaultTemplateForm.properties.template_object;
    expect(form.type).not.toBe('string');
    expect(form.description).toContain('Sent as JSON text');
    expect(JSON.stringify(view)).not.toContain('"contentSchema"');
  });

  it('search snippets read as text: YAML line wraps become spaces', () => {
    const view = docsView(doc);
    const me = view.paths['/v2/user/me'].get.description;
    expect(me).toMatch(/^`GET` \*\*`https:\/\/kapi\.kakao\.com\/v2\/user\/me`\*\*\n\nReturns what Kakao holds/);
    expect(me).not.toMatch(/[a-z,]\n[a-z]/);
  });

  it.each(ops.map((o) => [o.operation.operationId, o] as const))('the reference carries %s with its samples and facts', (id, o) => {
    expect(reference).toContain(`"operationId":${JSON.stringify(id)}`);
    expect(reference).toContain(`"summary":${JSON.stringify(o.operation.summary)}`);
    const view = docsView(doc).paths[o.path][o.method];
    expect(view['x-codeSamples'].map((s: Json) => s.label)).toEqual(['curl', 'TypeScript client']);
    expect(view['x-codeSamples'][0].source).toContain(`https://${o.host}`);
    expect(view.description).toContain(`**Host:** \`${o.host}\``);
    expect(view.description).toContain(`https://${o.host}${o.path}`);
    expect(view.description).toContain(`../try.html?lang=en#${id}`);
    expect(view['x-badges']).toHaveLength(1);
    // The deep link's preview (shown before Redoc runs) is in both pages, under Redoc's deep-link key.
    for (const [lang, page] of [['en', reference], ['ko', koReference]] as const) {
      const summary = (lang === 'ko' ? koOps : ops).find((x) => x.operation.operationId === id)!.operation.summary;
      expect(previewsOf(page)[previewKey(o.operation)]?.s, `${lang} preview of ${id}`).toBe(summary);
      expect(previewsOf(page)[previewKey(o.operation)]?.h).toContain(`https://${o.host}${o.path}`);
    }
  });
});

describe('the static server', () => {
  it('serves the precompressed file the browser accepts, with cache headers and ETag revalidation', async () => {
    const server = await serveStatic({ host: '127.0.0.1', port: 0, mounts: { '/': out } });
    try {
      const url = `http://127.0.0.1:${server.address().port}/en/reference.html`;
      const get = (headers: Record<string, string>) => new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        http.get(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      const original = fs.readFileSync(path.join(out, 'en', 'reference.html'));
      const br = await get({ 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.body).equals(original)).toBe(true);
      expect(br.headers['cache-control']).toBe('no-cache');
      const gz = await get({ 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.body).equals(original)).toBe(true);
      const plain = await get({});
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.equals(original)).toBe(true);
      const again = await get({ 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
      expect(again.status).toBe(304);
    } finally {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
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
  let mock: { url: string; close(): Promise<void> };
  let base: string;
  const shots = path.join(root, 'test-results');
  const DESKTOP = { width: 1400, height: 900 };
  const PHONE = { width: 390, height: 844 };

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    const { startKakaoMock } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
    // As npm start serves it: the try-it console sends any token, so the static mock.
    mock = await startKakaoMock({ host: '127.0.0.1', port: 0, static: true });
    server = await serveStatic({ host: '127.0.0.1', port: 0, mounts: { '/': out }, dynamic: { '/try-config.json': () => ({ mock: mock.url }) } });
    base = `http://127.0.0.1:${server.address().port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    fs.mkdirSync(shots, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    server?.closeAllConnections?.();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  /** A page that records console errors, failed requests and requests to any host but ours (and the chosen one). */
  async function open(url: string, viewport = DESKTOP, allowed: string[] = []) {
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => {
      const u = r.url();
      if (![base, 'data:', 'blob:', ...allowed].some((ok) => u.startsWith(ok))) problems.push(`outside request: ${u}`);
    });
    await page.goto(url);
    return { page, problems };
  }

  const slug = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const hashOf = (id: string) => {
    const o = ops.find((x) => x.operation.operationId === id)!;
    return `#/${slug(o.operation.tags[0])}/${id.toLowerCase()}`;
  };
  /** An h2 that starts with the operation's summary is on screen (Redoc appends the badge's text). */
  const headingShown = (page: Page, summary: string, timeout = 10_000) =>
    page.waitForFunction(
      (text) => [...document.querySelectorAll('h2')].some((h) => h.textContent?.trim().startsWith(text) && (h as HTMLElement).offsetParent !== null),
      summary,
      { timeout },
    );
  const summaryIn = (lang: string, id: string) => {
    const d = lang === 'ko' ? koDoc : doc;
    return operations(d).find((x) => x.operation.operationId === id)!.operation.summary as string;
  };

  for (const [lang, home] of [['ko', ''], ['en', 'en/']] as const) {
    for (const [device, viewport] of [['desktop', DESKTOP], ['390px', PHONE]] as const) {
      it(`${lang}, ${device}: the landing page loads clean, fits the screen and links the reference`, async () => {
        const { page, problems } = await open(`${base}${home}`, viewport);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        await page.locator('#products').waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(shots, `docs-landing-${lang}-${device}.png`), fullPage: true });
        await page.close();
        expect(problems).toEqual([]);
      });

      it(`${lang}, ${device}: a deep link shows the title, method and URL, badge, TypeScript sample and language switch`, async () => {
        const { page, problems } = await open(`${base}${lang}/reference.html${hashOf('getUserMe')}`, viewport);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        await headingShown(page, summaryIn(lang, 'getUserMe'), 20_000);
        await page.getByText('https://kapi.kakao.com/v2/user/me', { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible' });
        await page.getByText(lang === 'ko' ? '카카오 문서' : "Kakao's docs", { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible' });
        await page.screenshot({ path: path.join(shots, `docs-operation-${lang}-${device}.png`) });
        // The code sample panel: pick the TypeScript client.
        await page.getByRole('button', { name: 'curl' }).first().click();
        await page.getByText('TypeScript client', { exact: true }).first().click();
        await page.getByText("import { createKakaoClient } from 'kakao-openapi'").first().waitFor({ state: 'attached' });
        // Redoc now shows the operation: the preview has made way.
        await page.locator('.kx-preview').waitFor({ state: 'detached' });
        const other = page.locator('a.kx-lang');
        await other.click();
        await page.waitForURL(new RegExp(`/${lang === 'ko' ? 'en' : 'ko'}/reference\\.html#/user-information/getuserme$`));
        await page.close();
        expect(problems).toEqual([]);
      }, 60_000);

      it(`${lang}, ${device}: before Redoc's script runs, a deep link already shows its operation (title, method and URL, description, links)`, async () => {
        const page = await browser.newPage({ viewport });
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        // The page as it is until Redoc's 2.3 MB module has run: without it.
        await page.route(`${base}${lang}/reference.html`, async (route) => {
          const html = await (await route.fetch()).text();
          const stripped = html.replace(/<script type="module">[\s\S]*?<\/script>/, '');
          expect(stripped.length).toBeLessThan(html.length / 2);
          await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: stripped });
        });
        await page.goto(`${base}${lang}/reference.html${hashOf('sendDefaultMemo')}`);
        await headingShown(page, summaryIn(lang, 'sendDefaultMemo'));
        const preview = page.locator('.kx-preview');
        await preview.getByText('https://kapi.kakao.com/v2/api/talk/memo/default/send', { exact: true }).waitFor({ state: 'visible' });
        await preview.getByRole('link', { name: `▶ ${lang === 'ko' ? '직접 호출해 보기' : 'Try it'}` }).waitFor({ state: 'visible' });
        // It covers Redoc's content column, not the sidebar, and fits the screen.
        const box = (await preview.boundingBox())!;
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(shots, `docs-preview-${lang}-${device}.png`) });
        await page.close();
        expect(problems).toEqual([]);
      }, 60_000);
    }
  }

  it('every operation is reachable by its operationId, with a TypeScript sample', async () => {
    const { page, problems } = await open(`${base}en/reference.html`);
    await page.locator('h2').first().waitFor({ state: 'visible', timeout: 20_000 });
    const unreachable: string[] = [];
    for (const o of ops) {
      await page.evaluate((h) => (window.location.hash = h), hashOf(o.operation.operationId));
      try {
        await headingShown(page, o.operation.summary);
      } catch {
        unreachable.push(`${o.operation.operationId} (${hashOf(o.operation.operationId)})`);
      }
    }
    await page.close();
    expect(unreachable).toEqual([]);
    expect(problems).toEqual([]);
  }, 240_000);

  it('the JSON-text fields of the message template and the calendar event are on screen', async () => {
    const { page, problems } = await open(`${base}en/reference.html`);
    await page.locator('h2').first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const [id, fields] of [['sendDefaultMemo', ['object_type', 'button_title']], ['createCalendarEvent', ['rrule', 'reminders']]] as const) {
      await page.evaluate((h) => (window.location.hash = h), hashOf(id));
      await headingShown(page, summaryIn('en', id));
      await page.getByText('Expand all').filter({ visible: true }).first().click();
      for (const field of fields) await page.getByText(field, { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible' });
      await page.getByText(fields[1], { exact: true }).filter({ visible: true }).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `docs-fields-${id}.png`) });
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 90_000);

  // One page per language, several searches each: every load of the reference costs seconds.
  it.each([
    ['ko', [['친구 목록', '/v1/api/talk/friends'], ['사용자 정보 가져오기', '/v2/user/me'], ['나에게 보내기', '/v2/api/talk/memo/default/send'], ['일정 생성', '/v2/api/calendar/create/event'], ['KOE320', '에러 코드']]],
    ['en', [['friends', '/v1/api/talk/friends'], ['KOE320', 'Error codes'], ['-401', 'Error codes']]],
  ] as const)('%s search finds the operations and the error codes', async (lang, searches) => {
    const { page, problems } = await open(`${base}${lang}/reference.html`);
    await page.locator('h2').first().waitFor({ state: 'visible', timeout: 20_000 });
    const missed: string[] = [];
    for (const [query, expected] of searches) {
      await page.keyboard.press('Control+k');
      const box = page.getByPlaceholder(/Search|검색/).filter({ visible: true }).first();
      await box.waitFor({ state: 'visible' });
      await box.fill(query);
      try {
        await page.getByText(expected, { exact: true }).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 8_000 });
      } catch {
        missed.push(`"${query}" did not show ${expected}`);
      }
      if (query === 'KOE320') await page.screenshot({ path: path.join(shots, `docs-search-${lang}.png`) });
      await page.keyboard.press('Escape');
    }
    await page.close();
    expect(missed).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  // Redoc's own labels (scripts/lib/redoc-labels.mjs): on /ko/ none of these English ones may show.
  const ENGLISH_LABELS = ['Request', 'Responses', 'Response', 'Body', 'Request Body', 'required', 'Query', 'Path', 'Headers', 'Security', 'View security details', 'Default', 'Example', 'Examples', 'Expand all', 'Collapse all', 'Copy', 'API docs by', 'Search', 'Operations', 'Overview', 'Loading...', 'Searching...', 'No results', 'Search endpoints, schemas, and more...', 'to navigate', 'to select', 'to exit', 'Cancel', 'Show details', 'Show property', 'Value:', 'Enum:', 'Discriminator', 'Request samples', 'Response samples', 'Authorizations', 'Download', 'Search docs...', 'Response status', 'Search trigger button'];
  it.each(['ko', 'en'] as const)("%s: Redoc's own labels are in the page's language (operation, expanded fields, search)", async (lang) => {
    const { page, problems } = await open(`${base}${lang}/reference.html${hashOf('sendDefaultMemo')}`);
    await page.locator('#redoc h2').filter({ hasText: summaryIn(lang, 'sendDefaultMemo') }).first().waitFor({ state: 'visible', timeout: 30_000 });
    const visibleTexts = () =>
      page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
          const node = walker.currentNode;
          const el = node.parentElement!;
          if (el.closest('code, pre, script, style, .kx-bar') || !el.checkVisibility()) continue;
          const text = node.textContent!.trim();
          if (text) out.push(text);
        }
        for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) if (el.checkVisibility()) out.push(el.placeholder);
        // What a screen reader says for icon buttons.
        for (const el of document.querySelectorAll('[aria-label]')) if (el.checkVisibility()) out.push(el.getAttribute('aria-label')!);
        return out;
      });
    const seen = new Set(await visibleTexts());
    await page.getByText(lang === 'ko' ? '모두 펼치기' : 'Expand all').filter({ visible: true }).first().click();
    for (const t of await visibleTexts()) seen.add(t);
    await page.keyboard.press('Control+k');
    const box = page.getByPlaceholder(lang === 'ko' ? '문서 검색...' : 'Search docs...').filter({ visible: true }).first();
    await box.waitFor({ state: 'visible' });
    for (const t of await visibleTexts()) seen.add(t);
    await box.fill('zzqxzzqx');
    await page.getByText(lang === 'ko' ? '검색 결과가 없습니다' : 'No results', { exact: true }).waitFor({ state: 'visible' });
    for (const t of await visibleTexts()) seen.add(t);
    if (lang === 'ko') await page.screenshot({ path: path.join(shots, 'docs-labels-ko-search.png') });
    await page.close();
    const english = [...seen].filter((t) => ENGLISH_LABELS.includes(t) || /^Show \d+ (array )?properties$/.test(t));
    if (lang === 'ko') expect(english).toEqual([]);
    // The same walk finds them on /en/: the check above can see a label that stays English.
    else expect(english).toEqual(expect.arrayContaining(['Request', 'Responses', 'required', 'Collapse all', 'API docs by', 'No results', 'Search docs...', 'Response status']));
    expect(problems).toEqual([]);
  }, 90_000);

  it.each([['ko', 'No page at this address', '이 주소에는 페이지가 없습니다'], ['en', '이 주소에는 페이지가 없습니다', 'No page at this address']] as const)(
    "%s: a deep link that names no operation gets Redoc's not-found page in the page's language",
    async (lang, other, title) => {
      // A real operation under another tag: not that operation's address, so no preview either.
      const { page } = await open(`${base}${lang}/reference.html#/no-such-tag/${ops[0]!.operation.operationId.toLowerCase()}`, PHONE);
      await page.getByText(title).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.getByText(other).count()).toBe(0);
      expect(await page.locator('.kx-preview').count()).toBe(0);
      await page.close();
    },
    90_000,
  );

  it.each([['en', DESKTOP], ['ko', PHONE]] as const)('%s: the error-code page opens at a code', async (lang, viewport) => {
    const { page, problems } = await open(`${base}${lang}/errors.html#e-KOE320`, viewport);
    await page.locator('#e-KOE320').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: path.join(shots, `docs-errors-${lang}-${viewport.width}.png`) });
    await page.close();
    expect(problems).toEqual([]);
  });

  it.each([['en', DESKTOP], ['ko', PHONE]] as const)('%s: try it sends the request to the mock and shows its answer', async (lang, viewport) => {
    const { page, problems } = await open(`${base}try.html?lang=${lang}#getUserMe`, viewport, [mock.url]);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.locator('#send').waitFor({ state: 'visible' });
    await expect(page.locator('#target').inputValue()).resolves.toBe(mock.url);
    await page.locator('#credential').fill('Bearer any-token');
    await page.locator('#send').click();
    await page.locator('#response').getByText('HTTP 200').waitFor({ timeout: 10_000 });
    await expect(page.locator('#response').innerText()).resolves.toContain('"id"');
    await page.screenshot({ path: path.join(shots, `docs-try-${lang}-${viewport.width}.png`), fullPage: true });
    // The token is not stored unless the reader asks.
    await expect(page.evaluate(() => localStorage.length)).resolves.toBe(0);
    await page.close();
    expect(requests.filter((u) => u.startsWith(mock.url))).toHaveLength(1);
    expect(problems).toEqual([]);
  }, 60_000);
});
