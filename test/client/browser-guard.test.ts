// The browser guard in Chromium: a page and a Web Worker (code on a user's device) refuse the Admin
// key and the client secret unless told otherwise; user tokens and the REST API key are fine.
// The client (src/, bundled by esbuild for the browser) is served from a loopback server.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/spec.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);

// Run where the code is: each case creates a client and reports the error message or 'ok'.
const probe = `
import { createKakaoClient } from '/client.js';
const cases = {
  adminKey: { adminKey: 'fake-admin-key' },
  clientSecret: { restApiKey: 'fake-rest-key', clientSecret: 'fake-secret' },
  userToken: { accessToken: 'fake-token', restApiKey: 'fake-rest-key' },
  allowed: { adminKey: 'fake-admin-key', dangerouslyAllowSecretsInBrowser: true },
};
export async function run() {
  const out = {};
  for (const [name, options] of Object.entries(cases)) {
    try { createKakaoClient(options); out[name] = 'ok'; } catch (e) { out[name] = e.message; }
  }
  try {
    await createKakaoClient({ accessToken: 't', fetch: async () => new Response('{}') }).GET('/v2/user/me', { adminKey: 'per-call-admin-key', params: { query: { target_id_type: 'user_id', target_id: 1 } } });
    out.perCall = 'ok';
  } catch (e) { out.perCall = e.message; }
  return out;
}
`;

describe('browser guard in Chromium', () => {
  if (!hasChromium) {
    if (process.env.CI === 'true') it('needs Chromium at ' + CHROMIUM, () => expect(hasChromium).toBe(true));
    else it.skip(`skipped: no Chromium at ${CHROMIUM}`, () => {});
    return;
  }

  let browser: Browser;
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    const bundle = await build({ entryPoints: [path.join(root, 'src', 'index.ts')], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    const files: Record<string, [string, string]> = {
      '/client.js': ['text/javascript', bundle.outputFiles[0]!.text],
      '/probe.js': ['text/javascript', probe],
      '/worker.js': ['text/javascript', `import { run } from '/probe.js'; run().then((r) => postMessage(r));`],
      '/': ['text/html', '<!doctype html><title>guard</title>'],
    };
    server = http.createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  const refused = {
    adminKey: expect.stringContaining('adminKey must not be used in a browser or Web Worker'),
    clientSecret: expect.stringContaining('clientSecret must not be used in a browser or Web Worker'),
    userToken: 'ok',
    allowed: 'ok',
    perCall: expect.stringContaining('adminKey must not be used'),
  };

  it('refuses server-only secrets in a page', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/`);
      // A string: vitest would rewrite a dynamic import written as code.
      const result = await page.evaluate("import('/probe.js').then((m) => m.run())");
      expect(result).toEqual(refused);
    } finally {
      await page.close();
    }
  });

  it('refuses them in a Web Worker too', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${base}/`);
      const result = await page.evaluate(
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker('/worker.js', { type: 'module' });
            worker.onmessage = (event) => resolve(event.data);
            worker.onerror = (event) => reject(new Error(event.message));
          }),
      );
      expect(result).toEqual(refused);
    } finally {
      await page.close();
    }
  });
});
