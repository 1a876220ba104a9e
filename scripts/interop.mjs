#!/usr/bin/env node
// npm run interop: the documents in the tools users already feed them to, at pinned versions.
// The tools come from their own lockfile (interop/package.json + package-lock.json, installed with
// `npm ci` into interop/node_modules) so that the package's own install stays light. Prints one
// line per tool; exits 1 on any failure, with that tool's errors.
//
//   node scripts/interop.mjs [--reinstall]
//
// Needs `npm ci` (or `npm run build`) first: it reads generated/ and starts the compiled mock (packages/kakao-openapi-mock/dist/).
// Several of these tools declare Node >= 22 in `engines` (orval 8, @hey-api/openapi-ts 0.99) but run
// on Node 20, which this check proves on every run; npm only warns (EBADENGINE) when installing.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { root } from './lib/products.mjs';

const { values: args } = parseArgs({ options: { reinstall: { type: 'boolean', default: false } } });
const run = promisify(execFile);
const toolsDir = path.join(root, 'interop');
const bin = (name) => path.join(toolsDir, 'node_modules', '.bin', name);
const generated = path.join(root, 'generated');
const combinedJson = path.join(generated, 'openapi', 'kakao.json');
const EXPECTED = JSON.parse(fs.readFileSync(combinedJson, 'utf8'));
const OPERATIONS = Object.values(EXPECTED.paths).reduce((n, item) => n + ['get', 'put', 'post', 'delete', 'patch'].filter((m) => item[m]).length, 0);
const version = (pkg) => JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', pkg, 'package.json'), 'utf8')).version;

/** Runs a command; resolves {code, stdout, stderr} whatever the exit code. */
async function sh(file, argv, options = {}) {
  try {
    const { stdout, stderr } = await run(file, argv, { maxBuffer: 256 * 1024 * 1024, ...options });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
  }
}

/** Installs interop/ from its lockfile unless the same lockfile is installed already. */
async function install() {
  const lock = fs.readFileSync(path.join(toolsDir, 'package-lock.json'));
  const stamp = path.join(toolsDir, 'node_modules', '.installed-lock-sha256');
  const hash = crypto.createHash('sha256').update(lock).digest('hex');
  if (!args.reinstall && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) return 'already installed';
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = await sh(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: toolsDir });
  if (result.code !== 0) throw new Error(`npm ci in interop/ failed:\n${result.stdout}${result.stderr}`);
  fs.writeFileSync(stamp, hash);
  return `installed in ${((Date.now() - started) / 1000).toFixed(0)} s`;
}

/** tsc --strict over one folder of generated code; returns its error lines. */
async function typecheck(dir) {
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], skipLibCheck: true, types: [] },
      include: ['**/*.ts'],
    }),
  );
  const result = await sh(bin('tsc'), ['-p', dir], { cwd: dir });
  return `${result.stdout}${result.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
}

/** Runs a small ES module inside interop/ (so that its bare imports resolve to the pinned tools). */
async function inTools(source) {
  const file = path.join(toolsDir, `.interop-${process.pid}-${crypto.randomUUID()}.mjs`);
  fs.writeFileSync(file, source);
  try {
    return await sh(process.execPath, [file], { cwd: toolsDir });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const checks = {
  async spectral(tmp) {
    const ruleset = path.join(tmp, '.spectral.yaml');
    fs.writeFileSync(ruleset, 'extends: ["spectral:oas"]\n');
    const result = await sh(bin('spectral'), ['lint', '--ruleset', ruleset, '--format', 'json', '--quiet', combinedJson], { cwd: tmp });
    let problems;
    try {
      problems = JSON.parse(result.stdout || '[]');
    } catch {
      throw new Error(`spectral printed no JSON:\n${result.stdout}${result.stderr}`);
    }
    const errors = problems.filter((p) => p.severity === 0);
    const warnings = problems.filter((p) => p.severity === 1);
    const detail = [...errors, ...warnings].map((p) => `  ${p.severity === 0 ? 'error' : 'warning'} ${p.code}: ${p.message} at #/${p.path.join('/')}`);
    return { ok: errors.length === 0 && warnings.length === 0, line: `@stoplight/spectral-cli ${version('@stoplight/spectral-cli')} (spectral:oas): ${errors.length} errors, ${warnings.length} warnings`, detail };
  },

  async validator() {
    const files = fs.readdirSync(path.join(generated, 'openapi')).filter((f) => f.endsWith('.json')).sort();
    const result = await inTools(`
      import { Validator } from '@seriousme/openapi-schema-validator';
      const out = [];
      for (const file of ${JSON.stringify(files)}) {
        const validator = new Validator();
        const res = await validator.validate(${JSON.stringify(path.join(generated, 'openapi'))} + '/' + file);
        out.push({ file, version: validator.version, valid: res.valid, errors: res.errors });
      }
      console.log(JSON.stringify(out));`);
    if (result.code !== 0) throw new Error(result.stderr);
    const out = JSON.parse(result.stdout);
    const bad = out.filter((r) => !r.valid || r.version !== '3.1');
    const detail = bad.map((r) => `  generated/openapi/${r.file} (${r.version}): ${JSON.stringify(r.errors, null, 2)}`);
    return { ok: bad.length === 0, line: `@seriousme/openapi-schema-validator ${version('@seriousme/openapi-schema-validator')} (OpenAPI 3.1 schema): ${out.length - bad.length}/${out.length} documents valid`, detail };
  },

  async 'hey-api'(tmp) {
    const out = path.join(tmp, 'hey-api');
    const result = await inTools(`
      import { createClient } from '@hey-api/openapi-ts';
      await createClient({ input: ${JSON.stringify(combinedJson)}, output: { path: ${JSON.stringify(out)} }, plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'], logs: { level: 'silent' } });`);
    if (result.code !== 0 || !fs.existsSync(path.join(out, 'sdk.gen.ts'))) return { ok: false, line: '@hey-api/openapi-ts: generation failed', detail: [result.stdout, result.stderr] };
    const operations = (fs.readFileSync(path.join(out, 'sdk.gen.ts'), 'utf8').match(/^export const \w+ = </gm) ?? []).length;
    const errors = await typecheck(out);
    return { ok: operations === OPERATIONS && errors.length === 0, line: `@hey-api/openapi-ts ${version('@hey-api/openapi-ts')}: ${operations} operations, tsc --strict ${errors.length} errors`, detail: errors };
  },

  async orval(tmp) {
    const out = path.join(tmp, 'orval');
    const result = await inTools(`
      import { generate } from 'orval';
      await generate({ input: { target: ${JSON.stringify(combinedJson)} }, output: { target: ${JSON.stringify(path.join(out, 'kakao.ts'))}, client: 'fetch', baseUrl: { getBaseUrlFromSpecification: true } } });`);
    if (result.code !== 0 || !fs.existsSync(path.join(out, 'kakao.ts'))) return { ok: false, line: 'orval: generation failed', detail: [result.stdout, result.stderr] };
    const operations = (fs.readFileSync(path.join(out, 'kakao.ts'), 'utf8').match(/^export const \w+ = async /gm) ?? []).length;
    const errors = await typecheck(out);
    return { ok: operations === OPERATIONS && errors.length === 0, line: `orval ${version('orval')} (fetch client): ${operations} operations, tsc --strict ${errors.length} errors`, detail: errors };
  },

  async 'openapi-to-postmanv2'() {
    const result = await inTools(`
      import Converter from 'openapi-to-postmanv2';
      import fs from 'node:fs';
      Converter.convert({ type: 'file', data: ${JSON.stringify(combinedJson)} }, {}, (error, res) => {
        if (error) throw error;
        if (!res.result) { console.error(res.reason); process.exit(1); }
        let n = 0;
        const walk = (items) => { for (const i of items) (i.item ? walk(i.item) : n++); };
        walk(res.output[0].data.item);
        console.log(n);
      });`);
    const requests = Number(result.stdout.trim());
    return { ok: result.code === 0 && requests === OPERATIONS, line: `openapi-to-postmanv2 ${version('openapi-to-postmanv2')}: ${requests} requests`, detail: [result.stderr] };
  },

  async newman(_tmp, mock) {
    const result = await inTools(`
      import fs from 'node:fs';
      import newman from 'newman';
      const collection = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(generated, 'postman', 'kakao.postman_collection.json'))}, 'utf8'));
      const environment = JSON.parse(fs.readFileSync(${JSON.stringify(path.join(generated, 'postman', 'mock.postman_environment.json'))}, 'utf8'));
      // The committed mock environment, with the mock on its free port instead of 4010.
      for (const v of environment.values) v.value = String(v.value).replace('http://127.0.0.1:4010', ${JSON.stringify(mock.url)});
      newman.run({ collection, environment, reporters: [] }, (error, summary) => {
        if (error) { console.error(error.stack); process.exit(1); }
        const s = summary.run.stats;
        console.log(JSON.stringify({ requests: s.requests, assertions: s.assertions,
          failures: summary.run.failures.map((f) => (f.source?.name ?? '?') + ': ' + f.error.message) }));
      });`);
    if (result.code !== 0) return { ok: false, line: 'newman: the run failed', detail: [result.stdout, result.stderr] };
    const { requests, assertions, failures } = JSON.parse(result.stdout);
    const ok = requests.total === OPERATIONS && requests.failed === 0 && assertions.total === OPERATIONS && assertions.failed === 0;
    return { ok, line: `newman ${version('newman')} (collection against the mock): ${requests.total} requests, ${assertions.total - assertions.failed}/${assertions.total} documented successes`, detail: failures.map((f) => `  ${f}`) };
  },

  async httpyac(tmp, mock) {
    // As a user would: the code from the authorization redirect goes into {{authorization_code}}.
    const env = JSON.parse(fs.readFileSync(path.join(generated, 'http', 'http-client.env.json'), 'utf8')).mock;
    const authorize = await fetch(`${mock.url}/oauth/authorize?${new URLSearchParams({ client_id: env.rest_api_key, redirect_uri: env.redirect_uri, response_type: 'code' })}`, { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location') ?? 'x:/').searchParams.get('code') ?? '';
    const vars = ['kauth', 'kapi', 'dapi', 'api_status'].map((h) => `${h}=${mock.url}`);
    const files = fs.readdirSync(path.join(generated, 'http')).filter((f) => f.endsWith('.http')).sort();
    const result = await sh(bin('httpyac'), ['send', ...files, '--all', '--env', 'mock', '--json', '--var', ...vars, `authorization_code=${code}`], { cwd: path.join(generated, 'http') });
    let out;
    try {
      out = JSON.parse(result.stdout);
    } catch {
      return { ok: false, line: 'httpyac: no JSON report', detail: [result.stdout, result.stderr] };
    }
    const ops = new Map();
    for (const item of Object.values(EXPECTED.paths)) for (const m of ['get', 'put', 'post', 'delete', 'patch']) if (item[m]) ops.set(item[m].operationId, item[m]);
    const wrong = out.requests
      .map((r) => ({ name: r.name, status: r.response?.statusCode, expected: Number(Object.keys(ops.get(r.name)?.responses ?? {}).find((s) => /^[23]/.test(s))) }))
      .filter((r) => r.status !== r.expected);
    const ok = result.code === 0 && out.requests.length === OPERATIONS && wrong.length === 0;
    return {
      ok,
      line: `httpyac ${version('httpyac')} (.http files against the mock): ${out.requests.length} requests, ${out.requests.length - wrong.length} documented successes`,
      detail: wrong.map((r) => `  ${r.name}: got ${r.status}, documented ${r.expected}`),
    };
  },
};

async function main() {
  const started = Date.now();
  console.log(`interop: tools from interop/package-lock.json (${await install()}), Node ${process.version}`);
  let mockModule;
  try {
    mockModule = await import(path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js'));
  } catch {
    throw new Error('The mock is not compiled: run `npm ci` or `npm run build` first.');
  }
  // The collections carry placeholder tokens and documented IDs: the static mock (documented examples) answers them.
  const mock = await mockModule.startKakaoMock({ port: 0, static: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-interop-'));
  let failed = 0;
  try {
    for (const [name, check] of Object.entries(checks)) {
      let result;
      try {
        result = await check(tmp, mock);
      } catch (error) {
        result = { ok: false, line: `${name}: ${error.message}`, detail: [] };
      }
      console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.line}`);
      if (!result.ok) {
        failed++;
        const detail = result.detail.filter(Boolean).join('\n').trimEnd();
        if (detail) console.log(detail.split('\n').slice(0, 60).join('\n'));
      }
    }
  } finally {
    await mock.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`interop: ${Object.keys(checks).length - failed} of ${Object.keys(checks).length} tools pass (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  if (failed) process.exit(1);
}

main().catch((error) => {
  console.error(`interop failed: ${error.message}`);
  process.exit(1);
});
