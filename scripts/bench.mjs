#!/usr/bin/env node
// npm run bench: measures and prints figures (never asserted in tests). Run after `npm run build`.
//
//   node scripts/bench.mjs [--requests N] [--fuzz N] [--duration S] [--only install,client,mock,docs]
//
// client: the three cost targets, each beside plain openapi-fetch doing the same: overhead per request
//         against a bare fetch (medians of requests interleaved one at a time); min+gz of a browser
//         app making one user-token call (lite client; the full client beside it); type
//         instantiations of a consumer calling 20 operations
// mock:   cold start; throughput and p99 latency under concurrent load (autocannon) against a bare
//         Node http server and Prism's CLI mock (the mock as a sandbox, its memory after the run);
//         the heap after an hour (on the mock's clock, run faster) of Login flows; a long fuzz run
// install: packages and bytes on disk for the client alone and for client + mock, installed from
//         the packed tarballs into empty apps (offline)
// docs:   in headless Chromium, bytes transferred and the time a deep link (the first operation, the
//         last of the largest product) takes to its heading and to Redoc's full operation, for our
//         reference and for Redoc's default build of the same document, with the load average
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { root } from './lib/products.mjs';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '3000' },
    fuzz: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    only: { type: 'string', default: 'install,client,mock,docs' },
  },
});
const sections = new Set(args.only.split(','));
const rows = [];
const row = (what, value, target = '') => {
  rows.push([what, value, target]);
  console.error(`  ${what}: ${value}`);
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function clientOverhead(requests) {
  const { createKakaoClient } = await import(path.join(root, 'packages', 'kakao-openapi', 'dist', 'src', 'index.js'));
  const body = JSON.stringify({ id: 123456789, connected_at: '2022-04-11T01:45:28Z', kakao_account: { email: 'sample@sample.com' } });
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(body));
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  // The client as shipped: retries, default timeout and hooks' checks all on.
  const kakao = createKakaoClient({ accessToken: 'fake-token', baseUrl: base });
  const bare = async () => {
    const res = await fetch(`${base}/v2/user/me?property_keys=%5B%22kakao_account.email%22%5D`, { headers: { Authorization: 'Bearer fake-token' } });
    return res.json();
  };
  // The floor of any client with a timeout that cancels the request: a bare fetch given a signal
  // (one AbortController and timer per request, the cheapest cancelling timeout measured on Node 20).
  const bareWithTimeout = async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 30_000);
    try {
      const res = await fetch(`${base}/v2/user/me?property_keys=%5B%22kakao_account.email%22%5D`, { headers: { Authorization: 'Bearer fake-token' }, signal: controller.signal });
      return await res.json();
    } finally {
      clearTimeout(timer);
    }
  };
  // The same client with its timeout off: what the client's own code costs beside the signal.
  const untimed = createKakaoClient({ accessToken: 'fake-token', baseUrl: base, timeout: false });
  const viaUntimed = async () => (await untimed.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } })).data;
  const viaClient = async () => (await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } })).data;
  // openapi-fetch by itself, doing what the client does by hand: the baseline the client adds to.
  const { default: createClient } = await import('openapi-fetch');
  const plain = createClient({ baseUrl: base });
  const viaOpenapiFetch = async () =>
    (await plain.GET('/v2/user/me', { params: { query: { property_keys: '["kakao_account.email"]' } }, headers: { Authorization: 'Bearer fake-token' } })).data;
  try {
    const sides = { bare, bareTimeout: bareWithTimeout, client: viaClient, untimed: viaUntimed, plain: viaOpenapiFetch };
    const names = Object.keys(sides);
    for (let i = 0; i < 300; i++) for (const name of names) await sides[name]();
    // Interleaved one request at a time, in a shuffled order each round, so that drift on the machine
    // and the position after another side hit every side alike; the median of each side's requests.
    // (Blocks of requests per side, interleaved by rounds, differed by ±3 % between two identical builds.)
    const samples = Object.fromEntries(names.map((name) => [name, []]));
    const order = [...names];
    for (let i = 0; i < requests; i++) {
      for (let j = order.length - 1; j > 0; j--) {
        const k = Math.floor(Math.random() * (j + 1));
        [order[j], order[k]] = [order[k], order[j]];
      }
      for (const name of order) {
        const start = process.hrtime.bigint();
        await sides[name]();
        samples[name].push(Number(process.hrtime.bigint() - start) / 1000);
      }
    }
    const us = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
    const ratio = (side) => us[side] / us.bare;
    row('bare fetch, per request (loopback, median)', `${us.bare.toFixed(0)} µs`);
    row('client, per request (loopback, median)', `${us.client.toFixed(0)} µs`);
    row(`client / bare fetch (medians of ${requests} interleaved requests each)`, ratio('client').toFixed(3), '≤ 1.05');
    row('plain openapi-fetch / bare fetch (same request by hand)', ratio('plain').toFixed(3));
    row('bare fetch with a cancelling timeout / bare fetch (the floor of a client with a timeout)', ratio('bareTimeout').toFixed(3));
    row('client with timeout: false / bare fetch', ratio('untimed').toFixed(3));
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
}

async function bundleSize(entry, external, contents, platform = 'neutral') {
  const input = contents ? { stdin: { contents, resolveDir: root, loader: 'js' } } : { entryPoints: [entry] };
  const result = await build({ ...input, bundle: true, minify: true, format: 'esm', platform, write: false, external, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length, text: result.outputFiles[0].text };
}

async function sizes() {
  const dist = path.join(root, 'packages', 'kakao-openapi', 'dist');
  const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
  // A browser app that makes one call with the user's token: with this package's lite client (the
  // operations it names), with its full client (all 84 operations' routing), and with plain
  // openapi-fetch doing the same by hand. Everything it ships, openapi-fetch included.
  const app = await bundleSize(
    null,
    [],
    "import { createKakaoClient } from 'kakao-openapi/lite';\nimport { getUserMe } from 'kakao-openapi/operations';\nconst kakao = createKakaoClient({ accessToken: localStorage.getItem('token'), operations: [getUserMe] });\nkakao.GET('/v2/user/me').then((r) => console.log(r.data?.id));",
    'browser',
  );
  const fullApp = await bundleSize(null, [], "import { createKakaoClient } from 'kakao-openapi';\nconst kakao = createKakaoClient({ accessToken: localStorage.getItem('token') });\nkakao.GET('/v2/user/me').then((r) => console.log(r.data?.id));", 'browser');
  const plainApp = await bundleSize(
    null,
    [],
    "import createClient from 'openapi-fetch';\nconst kapi = createClient({ baseUrl: 'https://kapi.kakao.com' });\nkapi.GET('/v2/user/me', { headers: { Authorization: `Bearer ${localStorage.getItem('token')}` } }).then((r) => console.log(r.data?.id));",
    'browser',
  );
  row('browser app, one user-token call, min+gz: kakao-openapi/lite (openapi-fetch included)', kb(app.gz), '≤ 4.5 kB');
  row('browser app, one user-token call, min+gz: kakao-openapi, the full client', kb(fullApp.gz));
  row('browser app, one user-token call, min+gz: plain openapi-fetch', kb(plainApp.gz));
  if (app.text.includes('jwtVerify') || fullApp.text.includes('jwtVerify')) row('browser app: jose left out by tree-shaking', 'NO (jose is bundled)', 'yes');
  // Parts: our runtime alone (routing table and openapi-fetch left out), the table, everything.
  const external = ['openapi-fetch', '../generated/client/operations.js', '../generated/client/routes.js'];
  const core = await bundleSize(null, external, "export { createKakaoClient, isKakaoError } from './packages/kakao-openapi/dist/src/index.js';");
  const table = await bundleSize(path.join(dist, 'generated', 'client', 'operations.js'), []);
  const one = await bundleSize(null, [], `export { getUserMe } from './packages/kakao-openapi/dist/generated/client/routes.js';`);
  const all = await bundleSize(path.join(dist, 'src', 'index.js'), ['jose']);
  row('client runtime, core (createKakaoClient + typed errors), min+gz', kb(core.gz));
  row('generated routing table, all 84 operations (the full client), min+gz', kb(table.gz));
  row('routing of the lite app: one operation, min+gz', kb(one.gz));
  row('all exports with openapi-fetch (jose excluded), min+gz', kb(all.gz));
}

function instantiations(project) {
  const tsc = require.resolve('typescript/bin/tsc');
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [tsc, '-p', project, '--extendedDiagnostics'], { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const pick = (label) => out.match(new RegExp(`${label}:\\s+([\\d.]+s?)`))?.[1] ?? '?';
  return { wall, check: pick('Check time'), count: Number(pick('Instantiations')) };
}

function typecheck() {
  // The same 20 calls: through this package (bench/consumer.ts), and with plain openapi-fetch and
  // openapi-typescript's types (bench/plain-consumer.ts).
  const ours = instantiations('bench/tsconfig.json');
  const plain = instantiations('bench/tsconfig.plain.json');
  row('tsc, 20 operations: instantiations, kakao-openapi', ours.count.toLocaleString('en'));
  row('tsc, 20 operations: instantiations, plain openapi-fetch', plain.count.toLocaleString('en'));
  row('tsc, 20 operations: instantiations, kakao-openapi / plain', (ours.count / plain.count).toFixed(2), '≤ 1.15');
  row('tsc, 20 operations: check time, kakao-openapi / plain', `${ours.check} / ${plain.check}`);
}

async function installs() {
  const { installApp, measureInstall, packPackages } = await import('./lib/pack.mjs');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-install-'));
  try {
    const tarballs = await packPackages(path.join(tmp, 'tarballs'));
    for (const [label, names, target] of [
      ['client alone', ['kakao-openapi'], ['≤ 5', '≤ 3 MB']],
      ['client + mock', ['kakao-openapi', 'kakao-openapi-mock'], ['', '']],
    ]) {
      const app = path.join(tmp, names.join('+'));
      await installApp(app, tarballs, names);
      const { packages, bytes } = measureInstall(app);
      row(`install, ${label}: packages`, `${packages.length} (${packages.join(', ')})`, target[0]);
      row(`install, ${label}: bytes on disk`, `${(bytes / 1e6).toFixed(2)} MB`, target[1]);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const started = Date.now();
if (sections.has('install')) {
  console.error('installs from the packed tarballs…');
  await installs();
}
if (sections.has('client')) {
  console.error('client overhead…');
  await clientOverhead(Number(args.requests));
  console.error('sizes…');
  await sizes();
  console.error('type-checking cost…');
  typecheck();
}
if (sections.has('mock')) {
  const mock = await import('./lib/bench-mock.mjs');
  console.error('mock cold start…');
  await mock.coldStart(row);
  console.error('mock under load…');
  await mock.load(row, Number(args.duration));
  console.error('an hour of Login flows on the mock\'s clock…');
  await mock.loginHour(row);
  console.error(`long fuzz run (${args.fuzz} requests)…`);
  mock.longFuzz(row, Number(args.fuzz));
}
if (sections.has('docs')) {
  console.error('docs in Chromium…');
  await (await import('./lib/bench-docs.mjs')).docs(row);
}

console.log(`\n| measure | value | target |\n| --- | --- | --- |`);
for (const [what, value, target] of rows) console.log(`| ${what} | ${value} | ${target} |`);
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
