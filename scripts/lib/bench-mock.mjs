// Mock figures for scripts/bench.mjs: cold start, load against a bare server, the sandbox under a
// mix of reads and writes beside a bare server and Prism's own mock, memory after an hour (on the
// mock's clock) of Login flows, a long fuzz run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import path from 'node:path';
import autocannon from 'autocannon';
import { root } from './products.mjs';

const ms = (n) => `${n.toFixed(0)} ms`;

export async function coldStart(row) {
  // A new process, as `npm run mock` starts it: until it prints its URL and answers a request.
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'packages', 'kakao-openapi-mock', 'bin', 'kakao-mock.mjs'), '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /Kakao mock: (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`mock exited: ${out}`)));
    });
    await (await fetch(`${url}/v2/user/me`, { headers: { Authorization: 'Bearer fake' } })).text();
    runs.push(Number(process.hrtime.bigint() - started) / 1e6);
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  runs.sort((a, b) => a - b);
  row('mock cold start (new process to first answer, median of 3)', ms(runs[1]), '< 1 s');
  const { startKakaoMock } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  const t = process.hrtime.bigint();
  const mock = await startKakaoMock({ port: 0 });
  row('mock start in-process (startKakaoMock)', ms(Number(process.hrtime.bigint() - t) / 1e6));
  await mock.close();
}

function cannon(url, duration, headers, more = {}) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 16, duration, headers, ...more }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Heap in use after a full collection (the bench runs without --expose-gc, so it asks V8 for it). */
function heapAfterGc() {
  v8.setFlagsFromString('--expose-gc');
  vm.runInNewContext('gc')();
  return process.memoryUsage().heapUsed;
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Reads and writes a user makes, in turn: the profile, calendars, a property update, a message to self. */
const MIX = [
  { method: 'GET', path: '/v2/user/me' },
  { method: 'POST', path: '/v1/user/update_profile', body: 'properties=%7B%22plan%22%3A%22gold%22%7D' },
  { method: 'GET', path: '/v2/api/calendar/calendars' },
  { method: 'POST', path: '/v2/api/talk/memo/default/send', body: `template_object=${encodeURIComponent(JSON.stringify({ object_type: 'text', text: 'bench', link: { web_url: 'https://example.com' } }))}` },
];

async function startPrism(port) {
  const bin = path.join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
  const child = spawn(process.execPath, [bin, 'mock', path.join(root, 'generated', 'openapi', 'kakao.json'), '--port', String(port), '--host', '127.0.0.1', '--errors', 'false'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Prism did not start: ${out.slice(-500)}`)), 120_000);
    const seen = (d) => {
      out += d;
      if (/listening/i.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => reject(new Error(`Prism exited with ${code}: ${out.slice(-500)}`)));
  });
  return child;
}

const freePort = () =>
  new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * The sandbox beside a bare Node server (same body for every request) and Prism's own CLI mock on
 * the same document: 200 connections for `duration` seconds each, on MIX; then its heap. Then the
 * Login flow (authorize, token, /v2/user/me, logout every other time) repeated in process for an
 * hour of the mock's clock (`logins` rounds, the clock moved 3600/logins s per round), and the heap
 * and live codes/tokens after it and after the tokens' lifetime.
 */
export async function sandbox(row, duration, logins = 20000) {
  const { startKakaoMock, createMockCore, defaultMockKeys, loadCheckedBundle } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  const heapBefore = heapAfterGc();
  const mock = await startKakaoMock({ port: 0, seed: { tokens: [{ access_token: 'bench-token', user_id: 123456789 }], limits: { messagesPerSenderPerDay: 1e9 } } });
  const body = await (await fetch(`${mock.url}/v2/user/me`, { headers: { Authorization: 'Bearer bench-token' } })).text();
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
  let prism;
  const prismPort = await freePort();
  try {
    prism = await startPrism(prismPort);
  } catch (error) {
    row("Prism's CLI mock", `not measured: ${error.message.split('\n')[0]}`);
  }
  const headers = { Authorization: 'Bearer bench-token', 'content-type': 'application/x-www-form-urlencoded' };
  const run = (url) => cannon(url, duration, headers, { connections: 200, requests: MIX });
  const failed = (r) => r.errors + r.timeouts + r.non2xx;
  try {
    const b = await run(`http://127.0.0.1:${bare.address().port}`);
    const s = await run(mock.url);
    const p = prism ? await run(`http://127.0.0.1:${prismPort}`) : undefined;
    const heapAfterLoad = heapAfterGc();
    row(`bare Node server, 200 connections × ${duration} s, read/write mix: requests/s, p99`, `${b.requests.average.toFixed(0)}/s, ${b.latency.p99} ms`);
    row('sandbox, same mix: requests/s, p99', `${s.requests.average.toFixed(0)}/s, ${s.latency.p99} ms`);
    if (p) row("Prism's CLI mock, same mix: requests/s, p99, failed", `${p.requests.average.toFixed(0)}/s, ${p.latency.p99} ms, ${failed(p)}`);
    row('sandbox / bare throughput', (s.requests.average / b.requests.average).toFixed(3), '≥ 0.5');
    row('sandbox p99 / bare p99', (s.latency.p99 / Math.max(1, b.latency.p99)).toFixed(2), '≤ 2');
    row('sandbox failed requests under load', String(failed(s)), '0');
    row('sandbox heap after the load (mock started in this process)', `${mb(heapAfterLoad)} (before: ${mb(heapBefore)})`);
  } finally {
    await mock.close();
    bare.closeAllConnections?.();
    bare.close();
    prism?.kill('SIGTERM');
  }

  // An hour of Login flows on the mock's clock, in process (no sockets: the figure is the state's).
  const core = createMockCore({ doc: loadCheckedBundle(root), keys: defaultMockKeys });
  const call = (method, url, { form, token } = {}) =>
    core.handle({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, body: Buffer.from(form ? new URLSearchParams(form).toString() : '') });
  const redirect = 'http://localhost:3000/cb';
  const start = heapAfterGc();
  const t = Date.now();
  for (let i = 0; i < logins; i++) {
    const authorized = await call('GET', `/oauth/authorize?${new URLSearchParams({ client_id: defaultMockKeys.restApiKey, redirect_uri: redirect, response_type: 'code' })}`);
    const code = new URL(authorized.headers.location).searchParams.get('code');
    if (i % 4 === 3) continue; // a quarter of the codes are never redeemed
    const tokens = await call('POST', '/oauth/token', { form: { grant_type: 'authorization_code', client_id: defaultMockKeys.restApiKey, code, redirect_uri: redirect } });
    await call('GET', '/v2/user/me', { token: tokens.body.access_token });
    if (i % 2 === 0) await call('POST', '/v1/user/logout', { token: tokens.body.access_token });
    core.sandbox.setClock({ advance: 3600 / logins });
  }
  const seconds = (Date.now() - t) / 1000;
  const live = () => `${Object.keys(core.sandbox.state.codes).length} codes, ${Object.keys(core.sandbox.state.access_tokens).length} access tokens`;
  row(`Login flow repeated for an hour of the mock's clock (${logins} rounds in ${seconds.toFixed(0)} s): heap growth, live state`, `${mb(heapAfterGc() - start)}; ${live()}`);
  core.sandbox.setClock({ advance: 60 * 24 * 3600 + 1 });
  for (let i = 0; i < 256; i++) await call('GET', `/oauth/authorize?${new URLSearchParams({ client_id: defaultMockKeys.restApiKey, redirect_uri: redirect, response_type: 'code' })}`);
  row('…after the tokens\' lifetime (60 days on the clock): heap growth, live state', `${mb(heapAfterGc() - start)}; ${live()}`, 'bounded');
}

export async function load(row, duration) {
  const { startKakaoMock } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  // The documented examples' path (static: any Bearer token); the sandbox has its own figures below.
  const mock = await startKakaoMock({ port: 0, static: true });
  const body = await (await fetch(`${mock.url}/v2/user/me`, { headers: { Authorization: 'Bearer fake' } })).text();
  const bare = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const headers = { Authorization: 'Bearer fake-token' };
    const b = await cannon(`http://127.0.0.1:${bare.address().port}/v2/user/me`, duration, headers);
    const m = await cannon(`${mock.url}/v2/user/me`, duration, headers);
    const failed = (r) => r.errors + r.timeouts + r.non2xx;
    row('bare Node server: requests/s, p99', `${b.requests.average.toFixed(0)}/s, ${b.latency.p99} ms`);
    row('static mock GET /v2/user/me: requests/s, p99', `${m.requests.average.toFixed(0)}/s, ${m.latency.p99} ms`);
    row('mock / bare throughput', (m.requests.average / b.requests.average).toFixed(3));
    row('failed requests under load (mock)', String(failed(m)), '0');
  } finally {
    await mock.close();
    bare.closeAllConnections?.();
    bare.close();
  }
}

export function longFuzz(row, runs) {
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const started = Date.now();
  const result = spawnSync(process.execPath, [vitest, 'run', 'test/mock/fuzz.test.ts'], { cwd: root, env: { ...process.env, FUZZ_RUNS: String(runs) }, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const counterexample = /Counterexample: (.*)/.exec(`${result.stdout}${result.stderr}`)?.[1];
  row(`long fuzz: ${runs} malformed requests, failures`, result.status === 0 ? `0 (${seconds} s)` : `failed: ${counterexample ?? 'see vitest output'}`, '0');
  if (result.status !== 0) fs.writeFileSync(path.join(root, 'test-results', 'bench-fuzz.log'), `${result.stdout}\n${result.stderr}`);
}
