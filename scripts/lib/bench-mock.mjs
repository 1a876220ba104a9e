// Mock figures for scripts/bench.mjs: cold start, load beside a bare server and Prism's own CLI
// mock (the mock as a sandbox, its memory after the run), memory after an hour of Login flows on
// the mock's clock, a long fuzz run. Every server runs in a process of its own on 127.0.0.1, so
// that the load generator (autocannon, in this process) competes with none of them for an event loop.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import autocannon from 'autocannon';
import { root } from './products.mjs';
import { validRequests } from './requests.mjs';
import { serveProcess } from './serve-process.mjs';

const BIN = path.join(root, 'packages', 'kakao-openapi-mock', 'bin', 'kakao-mock.mjs');

const ms = (n) => `${n.toFixed(0)} ms`;

export async function coldStart(row) {
  // A new process, as `npm run mock` starts it: until it prints its URL and answers a request.
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /Kakao mock: (\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`mock exited: ${out}`)));
    });
    const printed = process.hrtime.bigint();
    await (await fetch(`${url}/v2/user/me`, { headers: { Authorization: 'Bearer fake' } })).text();
    const done = process.hrtime.bigint();
    runs.push([Number(done - started) / 1e6, Number(done - printed) / 1e6]);
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
  const median = (i) => runs.map((r) => r[i]).sort((a, b) => a - b)[1];
  row('mock cold start (new process to first answer, median of 3)', ms(median(0)), '< 1 s');
  row('mock first answer after its URL printed (median of 3)', ms(median(1)), '< 300 ms');
  const { startKakaoMock } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  const t = process.hrtime.bigint();
  const mock = await startKakaoMock({ port: 0 });
  row('mock start in-process (startKakaoMock)', ms(Number(process.hrtime.bigint() - t) / 1e6));
  await mock.close();
}

const serve = (command, args, ready, label) => serveProcess(command, args, { ready, label, cwd: root });

/** Resident memory of a process (Linux /proc), for figures only. */
const rss = (pid) => {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? `${(Number(kb) / 1024).toFixed(0)} MB` : 'unknown';
  } catch {
    return 'unknown';
  }
};

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

// A bare Node server: answers each path with the body the mock sends for it, after reading the
// request body, and nothing else (no routing table, no checks).
const BARE = `
const http = require('node:http');
const bodies = JSON.parse(process.argv[1]);
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = bodies[req.url.split('?')[0]] ?? '{}';
    res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(body) }).end(body);
  });
});
server.listen(0, '127.0.0.1', () => console.log('bare: http://127.0.0.1:' + server.address().port));
process.on('SIGTERM', () => process.exit(0));
`;

/** The four-operation mix: user info, Local keyword search, memo send, calendar event create. */
function mix(keys) {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', 'kakao.json'), 'utf8'));
  const all = validRequests(doc);
  const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  const encode = (o = {}) => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, text(v)])).toString();
  const pick = (method, p) => {
    const r = all.find((x) => x.method === method && x.path === p);
    if (!r) throw new Error(`bench: no operation ${method.toUpperCase()} ${p} in the documents`);
    return r;
  };
  const bearer = { authorization: 'Bearer fake-bench-token' };
  const form = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' };
  const keyword = pick('get', '/v2/local/search/keyword.{format}');
  const memo = pick('post', '/v2/api/talk/memo/default/send');
  const event = pick('post', '/v2/api/calendar/create/event');
  return [
    { method: 'GET', path: '/v2/user/me', headers: bearer },
    { method: 'GET', path: `/v2/local/search/keyword.json?${encode(keyword.init.params?.query)}`, headers: { authorization: `KakaoAK ${keys.restApiKey}` } },
    { method: 'POST', path: '/v2/api/talk/memo/default/send', headers: { ...bearer, ...form }, body: encode(memo.init.body) },
    { method: 'POST', path: '/v2/api/calendar/create/event', headers: { ...bearer, ...form }, body: encode(event.init.body) },
  ];
}

function cannon(url, duration, requests) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 200, duration, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function load(row, duration) {
  const keys = { restApiKey: 'mock-rest-api-key' };
  const requests = mix(keys);
  // The mock as users start it: a sandbox, whose seed declares the mix's token (and a quota that the run cannot use up).
  const seed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-')), 'seed.json');
  fs.writeFileSync(seed, JSON.stringify({ tokens: [{ access_token: 'fake-bench-token', user_id: 123456789 }], limits: { messagesPerSenderPerDay: 1e12 } }));
  const mock = serve(process.execPath, [BIN, '--port', '0', '--quiet', '--seed', seed], /Kakao mock: (http:\/\/\S+)/, 'the mock');
  const prismPort = await freePort();
  const prismBin = path.join(root, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
  const prism = serve(process.execPath, [prismBin, 'mock', '-h', '127.0.0.1', '-p', String(prismPort), path.join(root, 'generated', 'openapi', 'kakao.json')], /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/, "Prism's CLI mock");
  let bare;
  try {
    const mockUrl = await mock.url;
    // Each request of the mix must succeed on the mock; its answers are what the bare server sends.
    const bodies = {};
    for (const r of requests) {
      const res = await fetch(`${mockUrl}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`bench: the mock answered ${r.method} ${r.path} with ${res.status}: ${body.slice(0, 200)}`);
      bodies[r.path.split('?')[0]] = body;
    }
    bare = serve(process.execPath, ['-e', BARE, JSON.stringify(bodies)], /bare: (http:\/\/\S+)/, 'the bare server');
    const bareUrl = await bare.url;
    const prismUrl = await prism.url;
    const failed = (r) => r.errors + r.timeouts + r.non2xx;
    const results = [];
    const rssBefore = rss(mock.pid);
    for (const [label, url] of [['bare Node server', bareUrl], ['kakao-openapi-mock (sandbox)', mockUrl], ["Prism's CLI mock (prism mock)", prismUrl]]) {
      // A few seconds unrecorded first, so that every server is measured warm (JIT, pools).
      await cannon(url, Math.min(3, duration), requests);
      const r = await cannon(url, duration, requests);
      results.push(r);
      row(`${label}, 200 connections, 4-operation mix: requests/s, p99, failed`, `${r.requests.average.toFixed(0)}/s, ${r.latency.p99} ms, ${failed(r)} (non-2xx ${r.non2xx})`);
    }
    const [b, m, p] = results;
    row('mock / bare: requests/s', (m.requests.average / b.requests.average).toFixed(3), '≥ 0.5');
    row('mock / bare: p99', (m.latency.p99 / Math.max(b.latency.p99, 1)).toFixed(2), '≤ 2');
    row('mock / Prism: requests/s', (m.requests.average / Math.max(p.requests.average, 1)).toFixed(2));
    row('failed requests under load (mock)', String(failed(m)), '0');
    const state = await (await fetch(`${mockUrl}/__mock/state`)).json();
    row('sandbox memory (RSS) before → after the load; events it then holds', `${rssBefore} → ${rss(mock.pid)}; ${state.events.length} events`);
  } finally {
    await Promise.all([mock.stop(), prism.stop(), bare?.stop()]);
    fs.rmSync(path.dirname(seed), { recursive: true, force: true });
  }
}

/** Heap in use after a full collection (the bench runs without --expose-gc, so it asks V8 for it). */
function heapAfterGc() {
  v8.setFlagsFromString('--expose-gc');
  vm.runInNewContext('gc')();
  return process.memoryUsage().heapUsed;
}
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * The Login flow (authorize, token, /v2/user/me, logout every other time, a quarter of the codes
 * never redeemed) repeated in process for an hour of the mock's clock: `logins` rounds, the clock
 * moved 3600/logins s per round, so the hour takes seconds. Then the heap and the live codes and
 * tokens, and again after the tokens' lifetime has passed on the clock.
 */
export async function loginHour(row, logins = 20000) {
  const { createMockCore, defaultMockKeys, loadCheckedBundle } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  const core = createMockCore({ doc: loadCheckedBundle(root), keys: defaultMockKeys });
  const call = (method, url, { form, token } = {}) =>
    core.handle({ method, url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, body: Buffer.from(form ? new URLSearchParams(form).toString() : '') });
  const redirect = 'http://localhost:3000/cb';
  const authorize = () => call('GET', `/oauth/authorize?${new URLSearchParams({ client_id: defaultMockKeys.restApiKey, redirect_uri: redirect, response_type: 'code' })}`);
  const start = heapAfterGc();
  const t = Date.now();
  for (let i = 0; i < logins; i++) {
    const code = new URL((await authorize()).headers.location).searchParams.get('code');
    core.sandbox.setClock({ advance: 3600 / logins });
    if (i % 4 === 3) continue;
    const tokens = await call('POST', '/oauth/token', { form: { grant_type: 'authorization_code', client_id: defaultMockKeys.restApiKey, code, redirect_uri: redirect } });
    await call('GET', '/v2/user/me', { token: tokens.body.access_token });
    if (i % 2 === 0) await call('POST', '/v1/user/logout', { token: tokens.body.access_token });
  }
  const seconds = (Date.now() - t) / 1000;
  const live = () => `${Object.keys(core.sandbox.state.codes).length} codes, ${Object.keys(core.sandbox.state.access_tokens).length} access tokens`;
  row(`Login flow for an hour of the mock's clock (${logins} rounds in ${seconds.toFixed(0)} s): heap growth, live state`, `${mb(heapAfterGc() - start)}; ${live()}`);
  core.sandbox.setClock({ advance: 60 * 24 * 3600 + 1 });
  for (let i = 0; i < 256; i++) await authorize();
  row("…after the tokens' lifetime (60 days on the clock): heap growth, live state", `${mb(heapAfterGc() - start)}; ${live()}`, 'bounded');
  await core.close();
}

export function longFuzz(row, runs) {
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const started = Date.now();
  const result = spawnSync(process.execPath, [vitest, 'run', 'test/mock/fuzz.test.ts'], { cwd: root, env: { ...process.env, FUZZ_RUNS: String(runs) }, encoding: 'utf8' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const counterexample = /Counterexample: (.*)/.exec(`${result.stdout}${result.stderr}`)?.[1];
  row(`long fuzz: ${runs} malformed requests, failures`, result.status === 0 ? `0 (${seconds} s)` : `failed: ${counterexample ?? 'see vitest output'}`, '0');
  if (result.status !== 0) {
    fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test-results', 'bench-fuzz.log'), `${result.stdout}\n${result.stderr}`);
  }
}
