// `kakao-openapi verify`: its plan comes from the documents and never holds a call that changes
// state without --write; against the mock everything agrees; against a server that alters answers
// each change is reported at its JSON pointer; and no value of an answer reaches the report files
// or the terminal.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlan, isReadOnly, loadCheckedBundle, runVerifyCli, startKakaoMock, WRITE_SEQUENCES, type KakaoMock, type VerifyReport } from '../../src/mock/index.js';
import { documentOperations } from '../../src/mock/verify/plan.js';
import { root } from '../helpers/spec.js';

const doc = loadCheckedBundle();
const ALL = new Set(['accessToken', 'restApiKey', 'adminKey'] as const);

/** Runs the command in-process; returns its exit code, what it printed, and the report it wrote. */
async function run(argv: string[], env: Record<string, string>, extra: { signal?: AbortSignal } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-verify-'));
  try {
    const code = await runVerifyCli(['verify', '--out', dir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l), env, document: doc, ...extra });
    const read = (name: string) => (fs.existsSync(path.join(dir, name)) ? fs.readFileSync(path.join(dir, name), 'utf8') : '');
    const json = read('kakao-openapi-verify.json');
    return { code, out: out.join('\n'), err: err.join('\n'), json, markdown: read('kakao-openapi-verify.md'), report: (json ? JSON.parse(json) : undefined) as VerifyReport | undefined };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mockEnv = (mock: KakaoMock) => ({ KAKAO_ACCESS_TOKEN: 'any-token', KAKAO_REST_API_KEY: mock.keys.restApiKey, KAKAO_ADMIN_KEY: mock.keys.adminKey });

/** A server in front of the mock that rewrites some answers. */
async function alteringProxy(target: string, alter: (pathname: string, answer: { status: number; contentType: string; text: string }) => { status: number; contentType: string; text: string }) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      const answer = alter(new URL(req.url ?? '/', 'http://x').pathname, { status: upstream.status, contentType: upstream.headers.get('content-type') ?? '', text: await upstream.text() });
      res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
      res.end(answer.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('the plan', () => {
  const ops = documentOperations(doc);

  it('holds only read-only operations (by method, or x-kakao-read-only) without --write', () => {
    const plan = buildPlan(doc, { credentials: ALL });
    expect(plan.steps.length).toBeGreaterThan(30);
    for (const step of plan.steps) {
      const o = ops.find((x) => x.operationId === step.operationId)!;
      expect(isReadOnly(o.method, o.operation), step.operationId).toBe(true);
      expect(step.kind).toBe('read');
    }
    // POSTs that only read are in, GETs that change state are out: both from the documents' marker.
    const ids = plan.steps.map((s) => s.operationId);
    expect(ids).toContain('getUserMeViaPost');
    expect(ids).toContain('getIdTokenInfo');
    expect(ids).not.toContain('getAuthorizationCode');
    expect(ids).not.toContain('logoutKakaoAccount');
  });

  it('reads read-only from the documents, not from a list: flipping the marker moves an operation out', () => {
    const copy = structuredClone(doc);
    copy.paths['/v2/user/me'].post['x-kakao-read-only'] = false;
    copy.paths['/v1/system/ips'].get['x-kakao-read-only'] = false;
    const ids = buildPlan(copy, { credentials: ALL }).steps.map((s) => s.operationId);
    expect(ids).not.toContain('getUserMeViaPost');
    expect(ids).not.toContain('getKakaoIpList');
    expect(ids).toContain('getUserMe');
  });

  it('with --write and --send-memo adds only the fixed sequences: never friend messages, push, unlink or other changes', () => {
    const plan = buildPlan(doc, { credentials: ALL, write: true, sendMemo: true });
    const allowed = new Set(WRITE_SEQUENCES.flatMap((s) => s.steps.map((st) => st.id)));
    for (const step of plan.steps) {
      const o = ops.find((x) => x.operationId === step.operationId)!;
      if (!isReadOnly(o.method, o.operation)) expect(allowed.has(step.operationId), step.operationId).toBe(true);
    }
    // Checked without isReadOnly: a step that is not a GET is a write of the fixed sequences or a
    // POST the documents mark read-only; a GET is never one the documents mark as changing state.
    for (const step of plan.steps) {
      const marker = ops.find((x) => x.operationId === step.operationId)!.operation['x-kakao-read-only'];
      if (step.method !== 'GET') expect(allowed.has(step.operationId) || marker === true, step.operationId).toBe(true);
      else expect(marker, step.operationId).not.toBe(false);
    }
    // Irreversible or outward calls, named: each exists in the documents and none is ever planned.
    const ids = new Set(plan.steps.map((s) => s.operationId));
    const NEVER =
      /^(send(Default|Custom|Scrap)Message|sendPushNotifications|(de)?registerPushToken|unlinkUser|logoutUser|logoutKakaoAccount|revoke\w+|signupUser|upgradeServiceTerms|updateUserProperties|issueToken|getAuthorizationCode|registerChannelCustomerFile|(add|delete)ChannelCustomerFileUsers|(create|edit|delete|follow)PublicCalendarEvent|(un)?subscribeCalendar|editCalendarEventAsGuest|editSubCalendar|editCalendarEventAsHost|editCalendarTask|setCalendarTaskCompletion)$/;
    const never = ops.filter((o) => NEVER.test(o.operationId));
    expect(never.length).toBe(30);
    for (const o of never) expect(ids.has(o.operationId), o.operationId).toBe(false);
    expect(ids.has('sendDefaultMemo')).toBe(true);
    // Each sequence deletes what it creates, after reading it back.
    const order = plan.steps.filter((s) => s.group === 'sub-calendar and event').map((s) => s.operationId);
    expect(order).toEqual(['createSubCalendar', 'createCalendarEvent', 'getCalendarEvent', 'deleteCalendarEvent', 'deleteSubCalendar']);
    expect(plan.steps.filter((s) => s.group === 'task').map((s) => s.operationId)).toEqual(['createCalendarTask', 'listCalendarTasks', 'deleteCalendarTask']);
  });

  it('puts the operations the documents mark unconfirmed first, and leaves out what the credentials do not allow', () => {
    const plan = buildPlan(doc, { credentials: new Set(['accessToken', 'adminKey']) });
    const flags = plan.steps.map((s) => s.unconfirmed.length > 0);
    expect(flags.indexOf(false)).toBeGreaterThan(0);
    expect(flags.slice(flags.indexOf(false))).not.toContain(true);
    expect(plan.steps.some((s) => s.credential === 'restApiKey')).toBe(false);
    expect(plan.left.map((l) => l.operationId)).toContain('searchWebDocuments');
    expect(plan.left.find((l) => l.operationId === 'searchWebDocuments')!.reason).toContain('KAKAO_REST_API_KEY');
  });

  it('takes its inputs from the documented examples (x-kakao-verify-params for the optional ones)', () => {
    const steps = buildPlan(doc, { credentials: ALL }).steps;
    expect(steps.find((s) => s.operationId === 'listCalendarEvents')!.params.query).toEqual({ preset: 'THIS_WEEK' });
    expect(steps.find((s) => s.operationId === 'listCalendarTasks')!.params.query).toEqual({ from: '20251101', to: '20251130' });
    expect(steps.find((s) => s.operationId === 'searchWebDocuments')!.params.query).toEqual({ query: '이효리' });
  });
});

describe('kakao-openapi verify (the command)', () => {
  let mock: KakaoMock;
  beforeAll(async () => {
    // The plan reads documented IDs with any token: the static mock (documented examples) agrees with it.
    mock = await startKakaoMock({ port: 0, static: true });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it('usage errors exit 2 with the usage and no stack trace', async () => {
    for (const argv of [['--frobnicate'], ['--only', 'sendDefaultMessage'], ['--only', 'createSubCalendar'], ['--only', 'noSuchOperation'], ['--rate', '50'], ['--base-url', 'kapi.kakao.com']]) {
      const r = await run(argv, {});
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain('usage: kakao-openapi verify');
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const out: string[] = [];
    const err: string[] = [];
    expect(await runVerifyCli([], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} })).toBe(2);
    expect(await runVerifyCli(['verify', '--help'], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} })).toBe(0);
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    let requests = 0;
    const proxy = await alteringProxy(mock.url, (_p, a) => {
      requests += 1;
      return a;
    });
    try {
      const r = await run(['--dry-run', '--base-url', proxy.url], mockEnv(mock));
      expect(r.code).toBe(0);
      expect(r.out).toContain('getUserMe GET /v2/user/me [accessToken]');
      expect(r.out).toContain('nothing was sent');
      expect(requests).toBe(0);
      expect(r.json).toBe('');
    } finally {
      await proxy.close();
    }
  });

  it('runs the whole default plan against the mock at the default rate: everything agrees (exit 0), a progress line per call', async () => {
    const started = Date.now();
    const r = await run(['--base-url', mock.url], mockEnv(mock));
    const seconds = (Date.now() - started) / 1000;
    expect(r.err).toBe(r.err.split('\n').filter((l) => /^\[\s*\d+\/\d+\] /.test(l)).join('\n'));
    expect(r.code, r.out + r.err).toBe(0);
    const report = r.report!;
    expect(report.summary.sent).toBe(report.summary.planned);
    expect(report.summary.differs + report.summary.failed + report.summary.refused + report.summary.skipped).toBe(0);
    expect(r.err.split('\n')).toHaveLength(report.summary.planned);
    expect(report.target).toBe('custom');
    expect(report.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // At most 4 calls per second: the plan cannot finish faster than that, and is well under a minute.
    expect(seconds).toBeGreaterThanOrEqual((report.summary.planned - 1) / 4 - 0.5);
    expect(seconds).toBeLessThan(40);
    expect(r.markdown).toContain('# kakao-openapi verify report');
  }, 60_000);

  it('--write creates, reads back and deletes in order, and leaves the mock\'s state as it found it', async () => {
    // GET /__mock/state comes with the stateful mock; until then only the sequence itself is checked.
    const state = async () => {
      const res = await fetch(`${mock.url}/__mock/state`).catch(() => undefined);
      return res?.ok ? await res.text() : undefined;
    };
    const before = await state();
    const r = await run(['--write', '--base-url', mock.url, '--rate', '50'], mockEnv(mock));
    const report = r.report!;
    const writes = report.results.filter((x) => x.group);
    expect(writes.map((x) => x.operationId)).toEqual(['createSubCalendar', 'createCalendarEvent', 'getCalendarEvent', 'deleteCalendarEvent', 'deleteSubCalendar', 'createCalendarTask', 'listCalendarTasks', 'deleteCalendarTask']);
    const calendar = writes.filter((x) => x.group === 'sub-calendar and event');
    expect(calendar.every((x) => x.outcome === 'match' || x.outcome === 'observed')).toBe(true);
    if (before !== undefined) {
      expect(await state()).toBe(before);
      expect(r.code, r.out + r.err).toBe(0);
    } else {
      // The stateless mock answers creating a task with the documented (empty) answer: no task_id
      // to delete with, which verify must say rather than claim a clean run.
      const task = writes.filter((x) => x.group === 'task');
      if (task.at(-1)!.outcome === 'skipped') {
        expect(report.leftovers.join('\n')).toContain('task_id');
        expect(r.code).toBe(1);
      } else expect(r.code).toBe(0);
    }
  }, 60_000);

  it('reports each altered answer at its JSON pointer, and exits 1', async () => {
    const proxy = await alteringProxy(mock.url, (pathname, a) => {
      const body = () => JSON.parse(a.text);
      if (pathname === '/v1/user/access_token_info') return { ...a, text: JSON.stringify({ ...body(), id: 'not-a-number' }) };
      if (pathname === '/v1/api/talk/profile') return { ...a, text: JSON.stringify({ ...body(), favoriteColour: 'blue' }) };
      if (pathname === '/v1/system/ips') {
        const { updatedDate: _, ...rest } = body();
        return { ...a, text: JSON.stringify(rest) };
      }
      if (pathname === '/v2/api/calendar/calendars') return { status: 500, contentType: 'application/json;charset=UTF-8', text: '{"code":-1,"msg":"internal error"}' };
      if (pathname === '/.well-known/jwks.json') return { status: 200, contentType: 'text/html', text: '<html>maintenance</html>' };
      return a;
    });
    try {
      const r = await run(['--base-url', proxy.url, '--rate', '50', '--only', 'getAccessTokenInfo,getTalkProfile,getKakaoIpList', '--only', 'listCalendars,getOidcJwks,getUserMe'], mockEnv(mock));
      expect(r.code).toBe(1);
      const by = (id: string) => r.report!.results.find((x) => x.operationId === id)!;
      const find = (id: string) => by(id).findings.map((f) => `${f.kind} ${f.pointer}`);
      expect(by('getAccessTokenInfo').outcome).toBe('differs');
      expect(find('getAccessTokenInfo')).toContain('type /id');
      expect(find('getTalkProfile')).toEqual(['extra /favoriteColour']);
      expect(find('getKakaoIpList')).toContain('missing /updatedDate');
      expect(by('listCalendars').outcome).toBe('failed');
      expect(find('listCalendars')).toEqual(['status ']);
      expect(find('getOidcJwks')).toEqual(expect.arrayContaining(['content-type ', 'not-json ']));
      expect(by('getUserMe').findings).toEqual([]);
      for (const pointer of ['/id', '/favoriteColour', '/updatedDate']) expect(r.markdown).toContain(`\`${pointer}\``);
      expect(r.out).toContain('6 of 6 calls sent');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('lets no value of an answer, and no credential, reach the report files or the terminal', async () => {
    const planted = ['hong.gildong@example.com', '홍길동', 'tok_9f8e7d6c5b4a3z2y1x', '010-1234-5678', '9876543210123', 'https://k.kakaocdn.net/secret-profile.jpg'];
    const secrets = { KAKAO_ACCESS_TOKEN: 'access-token-7c1d9e2f', KAKAO_REST_API_KEY: mock.keys.restApiKey, KAKAO_ADMIN_KEY: mock.keys.adminKey };
    let i = 0;
    const next = () => planted[i++ % planted.length]!;
    const fill = (v: unknown): unknown => {
      if (typeof v === 'string') return next();
      if (typeof v === 'number') return 9876543210123;
      if (Array.isArray(v)) return v.map(fill);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
      return v;
    };
    const proxy = await alteringProxy(mock.url, (pathname, a) => {
      // An error that echoes the key, as Kakao's "app_key(…)" messages do.
      if (pathname === '/v2/user/scopes') return { status: 401, contentType: 'application/json', text: JSON.stringify({ code: -401, msg: `invalid app_key(${mock.keys.adminKey}) for ${planted[0]}` }) };
      if (pathname === '/v1/api/calendar/tasks') return { status: 200, contentType: 'text/plain', text: `${planted[1]} ${planted[2]}` };
      let body: unknown;
      try {
        body = a.text ? JSON.parse(a.text) : {};
      } catch {
        return a;
      }
      const filled = fill(body);
      // Extra fields, and a map keyed by user IDs and emails, full of personal data.
      const extra = { email: planted[0], nickname: planted[1], refresh_token: planted[2], friends_by_id: { [planted[4]!]: { name: planted[1] }, [planted[0]!]: planted[3] } };
      return { ...a, text: JSON.stringify(filled && typeof filled === 'object' && !Array.isArray(filled) ? { ...filled, ...extra } : filled) };
    });
    try {
      const r = await run(['--base-url', proxy.url, '--rate', '50', '--write', '--send-memo'], secrets);
      // All but the task's read-back and delete (the mock's task answer has no task_id to use).
      expect(r.report!.summary.sent).toBeGreaterThanOrEqual(r.report!.summary.planned - 2);
      expect(r.report!.summary.differs).toBeGreaterThan(10);
      expect(r.code).toBe(1);
      const everything = [r.out, r.err, r.json, r.markdown].join('\n');
      for (const value of [...planted, ...Object.values(secrets)]) {
        const at = everything.indexOf(value);
        expect(everything, `${value} at …${everything.slice(Math.max(0, at - 600), at + 100)}`).not.toContain(value);
      }
      // The shapes are there: field names and types, and the data-like keys redacted.
      expect(r.json).toContain('"friends_by_id"');
      expect(r.json).toContain('"<key>"');
      expect(r.markdown).toContain('email');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('stops on Ctrl-C (an aborted signal) with a partial report, exit 130', async () => {
    const controller = new AbortController();
    let calls = 0;
    const proxy = await alteringProxy(mock.url, (_p, a) => {
      calls += 1;
      if (calls === 3) controller.abort();
      return a;
    });
    try {
      const r = await run(['--base-url', proxy.url, '--rate', '50'], mockEnv(mock), { signal: controller.signal });
      expect(r.code).toBe(130);
      expect(r.report!.interrupted).toBe(true);
      expect(r.report!.summary.sent).toBe(3);
      expect(r.report!.summary.skipped).toBe(r.report!.summary.planned - 3);
      expect(r.markdown).toContain('partial report');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('on Ctrl-C during --write still deletes what it created, and sends nothing else', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const proxy = await alteringProxy(mock.url, (pathname, a) => {
      seen.push(pathname);
      controller.abort();
      return a;
    });
    try {
      const r = await run(['--base-url', proxy.url, '--rate', '50', '--write', '--only', 'createSubCalendar'], mockEnv(mock), { signal: controller.signal });
      expect(r.code).toBe(130);
      expect(seen).toEqual(['/v2/api/calendar/create/calendar', '/v2/api/calendar/delete/calendar']);
      expect(r.report!.leftovers).toEqual([]);
      expect(r.err).toContain('nothing to delete: the step that makes event_id did not run');
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('ships as the `kakao-openapi` bin of kakao-openapi-mock', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'packages', 'kakao-openapi-mock', 'package.json'), 'utf8'));
    expect(pkg.bin['kakao-openapi']).toBe('./bin/kakao-openapi.mjs');
    const child = spawn(process.execPath, [path.join(root, 'packages', 'kakao-openapi-mock', 'bin', 'kakao-openapi.mjs'), 'verify', '--dry-run', '--only', 'getUserMe'], { cwd: root, env: { PATH: process.env.PATH ?? '', KAKAO_ACCESS_TOKEN: 'x' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(out).toContain('1. getUserMe GET /v2/user/me [accessToken]');
  });
});
