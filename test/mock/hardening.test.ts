// The mock under hostile or unusual input (issue #19): no single request stalls it, the transport
// answers every request in Kakao's shape (pipelines, missing Host, bad Expect, CONNECT, timeouts),
// and Kakao's request rules hold (credential-dependent parameters, the one media type Kakao reads,
// oneOf errors named by the discriminator, Prefer selecting without bypassing).
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { isKakaoShaped } from '../helpers/fuzz.js';
import { validRequests } from '../helpers/requests.js';
import { encodeParams } from '../../src/serialize.js';
import { startMockCommand } from '../helpers/mock-process.js';
import { loadBundle, root } from '../helpers/spec.js';

const doc = loadBundle();
const requests = validRequests(doc);
let mock: KakaoMock;
// These run the static mock (documented examples, any Bearer token): the sandbox adds state, not transport.

beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, static: true });
});
afterAll(() => mock?.close());

const bearer = { Authorization: 'Bearer fake-token' };
const form = { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' };

/** The `kakao-mock` command in a new process (no module loaded yet), on a free port, with the documented examples. */
const spawnMock = (args: string[]) => startMockCommand(['--static', ...args]);

/** Writes `text` to a fresh connection and collects everything until the server closes it (or `ms`). */
function raw(port: number, text: string | Buffer, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`${data}<<timed out>>`);
    }, ms);
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The responses in a raw HTTP/1.1 stream (bytes as latin1): status line and UTF-8 body (content-length framed). */
function responses(stream: string): { status: number; body: string }[] {
  const out: { status: number; body: string }[] = [];
  let rest = stream;
  for (let m; (m = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n/.exec(rest)); ) {
    const length = Number(/content-length: (\d+)/i.exec(m[2]!)?.[1] ?? 0);
    const start = m[0].length;
    out.push({ status: Number(m[1]), body: Buffer.from(rest.slice(start, start + length), 'latin1').toString('utf8') });
    rest = rest.slice(start + length);
  }
  return out;
}

describe('no single request stalls the mock', () => {
  it('decodes a 30,000-key form in linear time, serving a concurrent request meanwhile', async () => {
    const body = Array.from({ length: 30_000 }, (_, i) => `k${i}=v`).join('&');
    const started = performance.now();
    const big = fetch(`${mock.url}/v2/api/talk/memo/default/send`, { method: 'POST', headers: { ...bearer, ...form }, body }).then(async (r) => ({ status: r.status, text: await r.text(), ms: performance.now() - started }));
    const small = fetch(`${mock.url}/v2/user/me`, { headers: bearer }).then(async (r) => ({ status: r.status, ms: performance.now() - started }));
    const [b, s] = await Promise.all([big, small]);
    expect(b.status).toBe(400);
    expect(JSON.parse(b.text)).toEqual({ code: -2, msg: 'The Parameter [template_object] cannot be null.' });
    // About 0.15 s on an idle machine (12–18 s when decoding was quadratic); the margin is for a
    // machine shared with other test files.
    expect(b.ms).toBeLessThan(2000);
    expect(s.status).toBe(200);
    expect(s.ms).toBeLessThan(2000);
  });

  it('answers an 8 MiB body with the 413, never a reset (50 tries)', async () => {
    const body = Buffer.alloc(8 * 1024 * 1024, 'a');
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${mock.url}/v2/api/talk/memo/default/send`, { method: 'POST', headers: { ...bearer, ...form }, body });
      expect(res.status, `try ${i}`).toBe(413);
      expect(isKakaoShaped(await res.text())).toBe(true);
    }
  });

  it('compiles every validator before it listens: the first call of each of the 84 operations waits no longer than a later one', async () => {
    const fresh = await startKakaoMock({ port: 0, static: true });
    // Every operation at once, twice: a validator compiled on first use makes the first round
    // seconds slower than the second (2 s summed over the 84 before the fix).
    const round = async () => {
      const started = performance.now();
      const statuses = await Promise.all(
        requests.map(async (r) => {
          const query = encodeParams(r.init.params?.query ?? {});
          const path = r.path.replace(/\{(\w+)\}/g, (_, n) => encodeURIComponent(String(r.init.params?.path?.[n])));
          const res = await fetch(`${fresh.url}${path}${query ? `?${query}` : ''}`, { method: r.op.method.toUpperCase(), headers: bearer, redirect: 'manual' });
          await res.arrayBuffer();
          return res.status;
        }),
      );
      expect(statuses.length).toBe(84);
      return performance.now() - started;
    };
    try {
      // Open the connections first (an unknown path), so that both rounds reuse them.
      await Promise.all(requests.map(async () => (await fetch(`${fresh.url}/warm-up`)).arrayBuffer()));
      const first = await round();
      const second = await round();
      expect(first, `first ${first.toFixed(0)} ms, second ${second.toFixed(0)} ms`).toBeLessThan(2 * second + 250);
    } finally {
      await fresh.close();
    }
  });

  it('--dynamic is ready when it prints its URL: the first generated answer comes within a second', async () => {
    const child = spawnMock(['--dynamic']);
    try {
      const url = await child.url;
      const started = performance.now();
      const res = await fetch(`${url}/v2/user/me`, { headers: bearer });
      expect(res.status).toBe(200);
      await res.json();
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await child.stop();
    }
  }, 60_000);

  it('the first Prefer: dynamic=true does not block other requests while Prism loads', async () => {
    const child = spawnMock([]);
    try {
      const url = await child.url;
      const dynamic = fetch(`${url}/v2/user/me`, { headers: { ...bearer, Prefer: 'dynamic=true' } });
      const lags: number[] = [];
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const started = performance.now();
        const res = await fetch(`${url}/v2/user/me`, { headers: bearer });
        expect(res.status).toBe(200);
        lags.push(performance.now() - started);
      }
      expect(Math.max(...lags), lags.map((l) => l.toFixed(0)).join(' ')).toBeLessThan(300);
      expect((await dynamic).status).toBe(200);
    } finally {
      await child.stop();
    }
  }, 60_000);

  it('answers a body that stops arriving with a Kakao-shaped 408 after the request timeout', async () => {
    const strict = await startKakaoMock({ port: 0, static: true, requestTimeoutMs: 500 });
    try {
      const reply = await raw(strict.port, `POST /v1/user/logout HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nabc`, 4000);
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
      expect(isKakaoShaped(responses(reply)[0]!.body)).toBe(true);
    } finally {
      await strict.close();
    }
  });

  it('limits connections (maxConnections)', async () => {
    const small = await startKakaoMock({ port: 0, static: true, maxConnections: 2 });
    const open: net.Socket[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const s = net.connect(small.port, '127.0.0.1');
        await new Promise((r) => s.once('connect', r));
        open.push(s);
      }
      await new Promise((r) => setTimeout(r, 100));
      const third = await raw(small.port, 'GET /v2/user/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n', 2000);
      expect(third).not.toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const s of open) s.destroy();
      await small.close();
    }
  });
});

describe('malformed HTTP gets an answer in the host shape', () => {
  const get = 'GET /v2/user/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n';

  it('a pipeline with a malformed last request gets every answer owed before it', async () => {
    const reply = await raw(mock.port, `${get}${get}GARBAGE\x00 /x HTTP/1.1\r\n\r\n`);
    const got = responses(reply);
    expect(got.map((r) => r.status)).toEqual([200, 200, 400]);
    expect(isKakaoShaped(got[2]!.body)).toBe(true);
  });

  it('HTTP/1.1 without Host gets a Kakao-shaped 400', async () => {
    const [r] = responses(await raw(mock.port, 'GET /v2/user/me HTTP/1.1\r\nAuthorization: Bearer t\r\n\r\n'));
    expect(r?.status).toBe(400);
    expect(JSON.parse(r!.body)).toMatchObject({ code: -2 });
  });

  it('Expect: nonsense gets a Kakao-shaped 417', async () => {
    const [r] = responses(await raw(mock.port, 'POST /v1/user/logout HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nExpect: nonsense\r\nContent-Length: 0\r\n\r\n'));
    expect(r?.status).toBe(417);
    expect(JSON.parse(r!.body)).toMatchObject({ code: -2 });
  });

  it('CONNECT gets a Kakao-shaped answer', async () => {
    const [r] = responses(await raw(mock.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
    expect(r?.status).toBe(405);
    expect(JSON.parse(r!.body)).toMatchObject({ code: -2 });
  });

  it('malformed HTTP on dapi and kauth paths gets their shapes', async () => {
    const [dapi] = responses(await raw(mock.port, 'GET /v2/local/search/keyword.json?query=x HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
    expect(dapi?.status).toBe(400);
    expect(JSON.parse(dapi!.body)).toMatchObject({ errorType: 'InvalidArgument' });
    const [kauth] = responses(await raw(mock.port, 'POST /oauth/token HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
    expect(kauth?.status).toBe(400);
    expect(JSON.parse(kauth!.body)).toMatchObject({ error: 'invalid_request' });
  });
});

describe("Kakao's request rules", () => {
  // The operations whose descriptions say Kakao requires target_id_type and target_id with the Admin key.
  const adminTarget = [
    ['post', '/v1/user/logout'],
    ['post', '/v1/user/unlink'],
    ['get', '/v2/user/me'],
    ['post', '/v2/user/me'],
    ['get', '/v1/user/shipping_address'],
    ['get', '/v2/user/scopes'],
    ['post', '/v2/user/revoke/scopes'],
    ['get', '/v2/user/service_terms'],
    ['post', '/v2/user/upgrade/service_terms'],
    ['post', '/v2/user/revoke/service_terms'],
    ['get', '/v2/api/talk/channels'],
  ] as const;
  const admin = { Authorization: `KakaoAK mock-admin-key` };
  const withoutTarget = (o: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'target_id' && k !== 'target_id_type'));
  const target = { target_id_type: 'user_id', target_id: '123456789' };
  // JSON text travels as text (the requests carry it as values, for the client to stringify).
  const encode = (o: Record<string, unknown>) => new URLSearchParams(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();

  it('covers the 11 operations', () => {
    for (const [method, path] of adminTarget) expect(requests.some((r) => r.op.method === method && r.path === path), `${method} ${path}`).toBe(true);
  });

  it.each(adminTarget)('%s %s with the Admin key and no target: -2 naming target_id_type (also with the target sent as JSON)', async (method, path) => {
    const r = requests.find((x) => x.op.method === method && x.path === path)!;
    const query = encode(withoutTarget(r.init.params?.query));
    const url = `${mock.url}${path}${query ? `?${query}` : ''}`;
    const bodyFields = withoutTarget(r.init.body);
    const init = method === 'get' ? {} : { headers: { ...admin, ...form }, body: encode(bodyFields) };
    const missing = await fetch(url, { method: method.toUpperCase(), headers: admin, ...init });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ code: -2, msg: 'The Parameter [target_id_type] cannot be null.' });

    if (method === 'post') {
      // Kakao reads these bodies only form-encoded: a JSON target is no target.
      const asJson = await fetch(url, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...bodyFields, ...target }) });
      expect(asJson.status).toBe(400);
      expect(await asJson.json()).toEqual({ code: -2, msg: 'The Parameter [target_id_type] cannot be null.' });
    }

    // With the target where Kakao reads it, the same call succeeds.
    const sent =
      method === 'get'
        ? await fetch(`${mock.url}${path}?${encode({ ...withoutTarget(r.init.params?.query), ...target })}`, { headers: admin })
        : await fetch(url, { method: 'POST', headers: { ...admin, ...form }, body: encode({ ...bodyFields, ...target }) });
    expect(sent.status, await sent.clone().text()).toBe(200);
    // With the user's token, no target is needed.
    const token = await fetch(url, { method: method.toUpperCase(), headers: { ...bearer, ...(method === 'post' ? form : {}) }, ...(method === 'post' ? { body: encode(bodyFields) } : {}) });
    expect(token.status).toBe(200);
  });

  it.each(['text/plain', 'application/json'])('a %s body to a form endpoint whose body is optional gets -2', async (type) => {
    const res = await fetch(`${mock.url}/v1/user/logout`, { method: 'POST', headers: { ...bearer, 'Content-Type': type }, body: type === 'text/plain' ? 'hello' : '{"a":1}' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe(-2);
    expect(body.msg).toContain('application/x-www-form-urlencoded');
  });

  it('a text template without link is reported as link, not as the feed template’s content', async () => {
    const res = await fetch(`${mock.url}/v2/api/talk/memo/default/send`, { method: 'POST', headers: { ...bearer, ...form }, body: encodeParams({ template_object: JSON.stringify({ object_type: 'text', text: 'hi' }) }) });
    expect(res.status).toBe(400);
    const { code, msg } = await res.json();
    expect(code).toBe(-2);
    expect(msg).toContain('[template_object]');
    expect(msg).toContain("'link'");
    expect(msg).not.toContain("'content'");
  });

  it('an unknown object_type or grant_type is named as such', async () => {
    const template = await fetch(`${mock.url}/v2/api/talk/memo/default/send`, { method: 'POST', headers: { ...bearer, ...form }, body: encodeParams({ template_object: JSON.stringify({ object_type: 'poster' }) }) });
    expect((await template.json()).msg).toMatch(/object_type.*feed, list, location, commerce, text, calendar/);
    const token = await fetch(`${mock.url}/oauth/token`, { method: 'POST', headers: form, body: encodeParams({ grant_type: 'password', client_id: mock.keys.restApiKey }) });
    const body = await token.json();
    expect(body.error).toBe('invalid_request');
    expect(body.error_description).toContain('[grant_type]');
    expect(body.error_description).toContain('authorization_code, refresh_token');
  });
});

describe('Prefer', () => {
  it('code=503 serves the documented -9798 body', async () => {
    const res = await fetch(`${mock.url}/v2/user/me`, { headers: { ...bearer, Prefer: 'code=503' } });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: -9798 });
  });

  it('a malformed Prefer is ignored, as Kakao ignores the header', async () => {
    const res = await fetch(`${mock.url}/v2/user/me`, { headers: { ...bearer, Prefer: 'code=abc' } });
    expect(res.status).toBe(200);
  });

  it('code=200 at /oauth/token still checks the client (Prefer selects, it does not bypass)', async () => {
    const res = await fetch(`${mock.url}/oauth/token`, { method: 'POST', headers: { ...form, Prefer: 'code=200' }, body: encodeParams({ grant_type: 'refresh_token', client_id: 'fake-other-app', refresh_token: 'x' }) });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'invalid_client', error_code: 'KOE101' });
  });

  it('code=401 answers with the same text as an unknown access token', async () => {
    const chosen = await (await fetch(`${mock.url}/v2/user/me`, { headers: { ...bearer, Prefer: 'code=401' } })).json();
    const real = await (await fetch(`${mock.url}/v2/user/me`)).json();
    expect(chosen).toEqual(real);
  });
});
