#!/usr/bin/env node
// npm run bench: measures and prints figures (never asserted in tests). Run after `npm run build`.
//
//   node scripts/bench.mjs [--requests N] [--fuzz N] [--duration S] [--only install,client,mock,docs]
//
// client: overhead per request against a bare fetch to the same loopback server (ratio); size of the
//         client minified + gzipped; tsc time and instantiations for a consumer calling 20 operations
// mock:   cold start; throughput and p99 latency under concurrent load (autocannon) against a bare
//         Node http server and Prism's CLI mock (the mock as a sandbox, its memory after the run);
//         the heap after an hour (on the mock's clock, run faster) of Login flows; a long fuzz run
// install: packages and bytes on disk for the client alone and for client + mock, installed from
//         the packed tarballs into empty apps (offline)
// docs:   in headless Chromium, bytes transferred and time to the first operation heading, for our
//         reference and for Redoc's default build of the same document
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

async function clientOverhead(requests) {
  const { createKakaoClient } = await import(path.join(root, 'packages', 'kakao-openapi', 'dist', 'src', 'index.js'));
  const body = JSON.stringify({ id: 123456789, connected_at: '2022-04-11T01:45:28Z', kakao_account: { email: 'sample@sample.com' } });
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' }).end(body));
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const kakao = createKakaoClient({ accessToken: 'fake-token', baseUrl: base });
  const bare = async () => {
    const res = await fetch(`${base}/v2/user/me?property_keys=%5B%22kakao_account.email%22%5D`, { headers: { Authorization: 'Bearer fake-token' } });
    return res.json();
  };
  const viaClient = async () => (await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } })).data;
  // openapi-fetch by itself, doing what the client does by hand: where the overhead comes from.
  const { default: createClient } = await import('openapi-fetch');
  const plain = createClient({ baseUrl: base });
  const viaOpenapiFetch = async () =>
    (await plain.GET('/v2/user/me', { params: { query: { property_keys: '["kakao_account.email"]' } }, headers: { Authorization: 'Bearer fake-token' } })).data;
  const time = async (fn, n) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    return Number(process.hrtime.bigint() - start) / n / 1000; // µs per request
  };
  try {
    await time(bare, 300);
    await time(viaClient, 300);
    await time(viaOpenapiFetch, 300);
    // Alternate rounds so that drift on the machine hits every side alike.
    const rounds = 6;
    let bareTotal = 0;
    let clientTotal = 0;
    let plainTotal = 0;
    for (let r = 0; r < rounds; r++) {
      bareTotal += await time(bare, Math.ceil(requests / rounds));
      clientTotal += await time(viaClient, Math.ceil(requests / rounds));
      plainTotal += await time(viaOpenapiFetch, Math.ceil(requests / rounds));
    }
    const b = bareTotal / rounds;
    const c = clientTotal / rounds;
    const o = plainTotal / rounds;
    row('bare fetch, per request (loopback)', `${b.toFixed(0)} µs`);
    row('client, per request (loopback)', `${c.toFixed(0)} µs`);
    row('client / bare fetch', (c / b).toFixed(3), '≤ 1.05');
    row('openapi-fetch alone / bare fetch (same request by hand)', (o / b).toFixed(3));
  } finally {
    server.closeAllConnections?.();
    server.close();
  }
}

async function bundleSize(entry, external, contents) {
  const input = contents ? { stdin: { contents, resolveDir: root, loader: 'js' } } : { entryPoints: [entry] };
  const result = await build({ ...input, bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, external, logLevel: 'silent' });
  const code = result.outputFiles[0].contents;
  return { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}

async function sizes() {
  const dist = path.join(root, 'packages', 'kakao-openapi', 'dist');
  const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
  // Our runtime alone: the routing table and openapi-fetch left out. "Core" is what an app that
  // calls createKakaoClient (and handles its typed errors) ships after tree-shaking; "all" adds the
  // Login helpers, PKCE and paginate().
  const external = ['openapi-fetch', '../generated/client/operations.js'];
  const core = await bundleSize(null, external, "export { createKakaoClient, isKakaoError } from './packages/kakao-openapi/dist/src/index.js';");
  const runtime = await bundleSize(path.join(dist, 'src', 'index.js'), external);
  const table = await bundleSize(path.join(dist, 'generated', 'client', 'operations.js'), []);
  const ours = await bundleSize(path.join(dist, 'src', 'index.js'), ['openapi-fetch']);
  const all = await bundleSize(path.join(dist, 'src', 'index.js'), []);
  row('client runtime, core (createKakaoClient + typed errors), min+gz', kb(core.gz), '≤ 3 kB');
  row('client runtime, all exports (+ Login helpers, PKCE, paginate), min+gz', kb(runtime.gz));
  row('generated routing table, min+gz', kb(table.gz));
  row('client with routing table, min+gz (openapi-fetch excluded)', kb(ours.gz));
  row('total with openapi-fetch, min+gz', kb(all.gz));
}

function typecheck() {
  const tsc = require.resolve('typescript/bin/tsc');
  const start = process.hrtime.bigint();
  const out = execFileSync(process.execPath, [tsc, '-p', 'bench/tsconfig.json', '--extendedDiagnostics'], { cwd: root, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const pick = (label) => out.match(new RegExp(`${label}:\\s+([\\d.]+s?)`))?.[1] ?? '?';
  row('tsc, consumer calling 20 operations: wall time', `${wall.toFixed(2)} s`);
  row('tsc, consumer calling 20 operations: check time', pick('Check time'));
  row('tsc, consumer calling 20 operations: instantiations', pick('Instantiations'));
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
