// Mock figures for scripts/bench.mjs: cold start, load against a bare server, a long fuzz run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { root } from './products.mjs';

const ms = (n) => `${n.toFixed(0)} ms`;

export async function coldStart(row) {
  // A new process, as `npm run mock` starts it: until it prints its URL and answers a request.
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'scripts', 'mock.mjs'), '--port', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
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

function cannon(url, duration, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 16, duration, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function load(row, duration) {
  const { startKakaoMock } = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  const mock = await startKakaoMock({ port: 0 });
  const body = await (await fetch(`${mock.url}/v2/user/me`, { headers: { Authorization: 'Bearer fake' } })).text();
  const bare = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise((resolve) => bare.listen(0, '127.0.0.1', resolve));
  try {
    const headers = { Authorization: 'Bearer fake-token' };
    const b = await cannon(`http://127.0.0.1:${bare.address().port}/v2/user/me`, duration, headers);
    const m = await cannon(`${mock.url}/v2/user/me`, duration, headers);
    const failed = (r) => r.errors + r.timeouts + r.non2xx;
    row('bare Node server: requests/s, p99', `${b.requests.average.toFixed(0)}/s, ${b.latency.p99} ms`);
    row('mock GET /v2/user/me: requests/s, p99', `${m.requests.average.toFixed(0)}/s, ${m.latency.p99} ms`);
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
