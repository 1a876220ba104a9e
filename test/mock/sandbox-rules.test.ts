// The sandbox's rules one by one, in-process through the core (no server): Kakao's token and code
// rules, consent, the control API, seeds, the memory bound, and `static` keeping the old behaviour.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { createMockCore, defaultMockKeys, loadCheckedBundle, startKakaoMock, type SandboxSeed } from '../../src/mock/index.js';
import type { Json } from '../helpers/spec.js';

const doc = loadCheckedBundle();
const REDIRECT = 'http://localhost:3000/cb';
const KEY = defaultMockKeys.restApiKey;

function sandbox(seed?: SandboxSeed) {
  const core = createMockCore({ doc, keys: defaultMockKeys, ...(seed ? { seed } : {}) });
  const call = async (method: string, url: string, { token, form, headers = {} }: { token?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) => {
    const h: Record<string, string> = { ...headers };
    if (token) h.authorization = `Bearer ${token}`;
    if (form) h['content-type'] = 'application/x-www-form-urlencoded';
    const res = await core.handle({ method, url, headers: h, body: Buffer.from(form ? new URLSearchParams(form).toString() : '') });
    return res as { status: number; headers: Record<string, string>; body: Json };
  };
  const control = (pathname: string, body?: unknown) => core.handle({ method: body === undefined ? 'GET' : 'POST', url: pathname, headers: {}, body: Buffer.from(body === undefined ? '' : JSON.stringify(body)) }) as Promise<{ status: number; body: Json }>;
  const authorize = async (query: Record<string, string> = {}) => {
    const res = await call('GET', `/oauth/authorize?${new URLSearchParams({ client_id: KEY, redirect_uri: REDIRECT, response_type: 'code', ...query })}`);
    return { res, code: res.status === 302 ? new URL(res.headers.location!).searchParams.get('code')! : undefined };
  };
  const exchange = (code: string, extra: Record<string, string> = {}) => call('POST', '/oauth/token', { form: { grant_type: 'authorization_code', client_id: KEY, code, redirect_uri: REDIRECT, ...extra } });
  const refresh = (refreshToken: string) => call('POST', '/oauth/token', { form: { grant_type: 'refresh_token', client_id: KEY, refresh_token: refreshToken } });
  const login = async () => {
    const { code } = await authorize();
    return (await exchange(code!)).body as { access_token: string; refresh_token: string; id_token?: string; expires_in: number };
  };
  return { core, call, control, authorize, exchange, refresh, login, advance: (seconds: number) => control('/__mock/clock', { advance: seconds }) };
}

describe('access tokens', () => {
  it('only tokens the sandbox issued or was seeded with are accepted (-401 otherwise); static accepts any', async () => {
    const s = sandbox({ tokens: [{ access_token: 'seeded-token', user_id: 123456789 }] });
    expect((await s.call('GET', '/v2/user/me', { token: 'fake-made-up' })).body).toEqual({ code: -401, msg: 'this access token does not exist' });
    expect((await s.call('GET', '/v2/user/me', { token: 'seeded-token' })).status).toBe(200);
    const { access_token } = await s.login();
    expect((await s.call('GET', '/v2/user/me', { token: access_token })).body.id).toBe(123456789);
    const still = createMockCore({ doc, keys: defaultMockKeys, static: true });
    const old = await still.handle({ method: 'GET', url: '/v2/user/me', headers: { authorization: 'Bearer fake-made-up' }, body: Buffer.alloc(0) });
    expect(old.status).toBe(200);
    expect(old.body).toEqual(doc.paths['/v2/user/me'].get.responses['200'].content['application/json'].examples.everything.value);
    expect(still.sandbox).toBeUndefined();
    expect((await still.handle({ method: 'GET', url: '/__mock/state', headers: {}, body: Buffer.alloc(0) })).status).toBe(404);
  });

  it('expire on the clock; access_token_info counts down on it', async () => {
    const s = sandbox();
    const { access_token, expires_in } = await s.login();
    expect(expires_in).toBe(43200);
    await s.advance(3600);
    const info = (await s.call('GET', '/v1/user/access_token_info', { token: access_token })).body;
    expect(info).toMatchObject({ id: 123456789, app_id: 1234 });
    expect(43200 - 3600 - info.expires_in).toBeLessThanOrEqual(1); // a second may pass between the calls
    await s.advance(43200 - 3600);
    expect((await s.call('GET', '/v1/user/access_token_info', { token: access_token })).body).toMatchObject({ code: -401 });
  });

  it('logout ends the token and its refresh token', async () => {
    const s = sandbox();
    const tokens = await s.login();
    expect((await s.call('POST', '/v1/user/logout', { token: tokens.access_token })).body).toEqual({ id: 123456789 });
    expect((await s.call('GET', '/v2/user/me', { token: tokens.access_token })).status).toBe(401);
    expect((await s.refresh(tokens.refresh_token)).body).toMatchObject({ error: 'invalid_grant', error_code: 'KOE322' });
  });
});

describe('authorization codes', () => {
  it('are spent by use (KOE320 the second time) and unknown ones are KOE320', async () => {
    const s = sandbox();
    const { code } = await s.authorize();
    expect((await s.exchange(code!)).status).toBe(200);
    expect((await s.exchange(code!)).body).toMatchObject({ error: 'invalid_grant', error_code: 'KOE320' });
    expect((await s.exchange('never-issued')).body).toMatchObject({ error_code: 'KOE320', error_description: 'authorization code not found for code=never-issued' });
  });

  it('expire after the configured lifetime (the mock default, 600 s)', async () => {
    const s = sandbox();
    const { code } = await s.authorize();
    await s.advance(601);
    expect((await s.exchange(code!)).body).toMatchObject({ error_code: 'KOE320' });
  });

  it('are spent by a failed exchange: a wrong PKCE verifier, another redirect_uri (KOE303)', async () => {
    const s = sandbox();
    const verifier = 'v'.repeat(43);
    const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
    const first = await s.authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect((await s.exchange(first.code!, { code_verifier: 'w'.repeat(43) })).body).toMatchObject({ error: 'invalid_grant' });
    expect((await s.exchange(first.code!, { code_verifier: verifier })).body).toMatchObject({ error_code: 'KOE320' });
    const second = await s.authorize();
    expect((await s.exchange(second.code!, { redirect_uri: 'http://localhost:3000/other' })).body).toMatchObject({ error_code: 'KOE303' });
    expect((await s.exchange(second.code!)).body).toMatchObject({ error_code: 'KOE320' });
  });

  it('go only to registered redirect URIs: others get the KOE006 page, javascript: included', async () => {
    const s = sandbox({ app: { redirectUris: ['https://app.example.com/cb', 'http://localhost'] } });
    for (const uri of ['https://evil.example.com/cb', 'javascript:alert(1)', 'https://app.example.com/cb/extra', 'http://localhost.evil.example.com/cb']) {
      const { res } = await s.authorize({ redirect_uri: uri });
      expect(res.status, uri).toBe(400);
      expect(res.headers['content-type'], uri).toContain('text/html');
      expect(res.body, uri).toContain('<title>KOE006</title>');
      expect(res.headers.location, uri).toBeUndefined();
    }
    expect((await s.authorize({ redirect_uri: 'https://app.example.com/cb' })).res.status).toBe(302);
    expect((await s.authorize({ redirect_uri: 'http://localhost:8080/any/path' })).res.status).toBe(302);
  });
});

describe('refresh tokens', () => {
  it('missing: KOE319; unknown: KOE322 with Kakao\'s text', async () => {
    const s = sandbox();
    expect((await s.refresh('')).body).toMatchObject({ error_code: 'KOE319' });
    expect((await s.refresh('never-issued')).body).toEqual({ error: 'invalid_grant', error_description: 'expired_or_invalid_refresh_token', error_code: 'KOE322' });
  });

  it('renew themselves only with less than a month left; the replaced one is then refused', async () => {
    const s = sandbox();
    const tokens = await s.login();
    const early = await s.refresh(tokens.refresh_token);
    expect(early.status).toBe(200);
    expect(early.body).not.toHaveProperty('refresh_token');
    await s.advance(31 * 24 * 3600); // 29 days left of the 60
    const late = await s.refresh(tokens.refresh_token);
    expect(late.body).toMatchObject({ refresh_token: expect.any(String), refresh_token_expires_in: 5184000 });
    expect((await s.refresh(tokens.refresh_token)).body).toMatchObject({ error_code: 'KOE322' });
    expect((await s.refresh(late.body.refresh_token)).status).toBe(200);
  });

  it('expire after their lifetime (KOE322)', async () => {
    const s = sandbox();
    const tokens = await s.login();
    await s.advance(5184000);
    expect((await s.refresh(tokens.refresh_token)).body).toMatchObject({ error_code: 'KOE322' });
  });
});

describe('ID tokens', () => {
  it('are signed with the key the mock publishes at /.well-known/jwks.json, and tokeninfo refuses others (KOE400)', async () => {
    const s = sandbox();
    const { id_token } = await s.login();
    const discovery = (await s.call('GET', '/.well-known/openid-configuration', { headers: { host: '127.0.0.1:4010' } })).body;
    expect(discovery).toMatchObject({ issuer: 'https://kauth.kakao.com', jwks_uri: 'http://127.0.0.1:4010/.well-known/jwks.json' });
    const jwks = (await s.call('GET', '/.well-known/jwks.json')).body;
    const { payload, protectedHeader } = await jwtVerify(id_token!, createLocalJWKSet(jwks), { issuer: 'https://kauth.kakao.com', audience: KEY, currentDate: new Date(Date.now() + 1000) });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: '123456789', nickname: '홍길동', email: 'sample@sample.com' });
    expect((await s.call('POST', '/oauth/tokeninfo', { form: { id_token: id_token! } })).body).toMatchObject({ sub: '123456789' });
    expect((await s.call('POST', '/oauth/tokeninfo', { form: { id_token: 'garbage' } })).body).toEqual({ error: 'invalid_token', error_code: 'KOE400' });
    const [h, p] = id_token!.split('.');
    expect((await s.call('POST', '/oauth/tokeninfo', { form: { id_token: `${h}.${p}.${'A'.repeat(342)}` } })).status).toBe(400);
    await s.advance(43201);
    expect((await s.call('POST', '/oauth/tokeninfo', { form: { id_token: id_token! } })).body).toMatchObject({ error_code: 'KOE400' });
  });
});

describe('consent', () => {
  it('revoking a consent item narrows /v2/user/me and the OIDC user info, and refuses the APIs that need it (-402)', async () => {
    const s = sandbox();
    const { access_token: token } = await s.login();
    expect((await s.call('GET', '/v1/oidc/userinfo', { token })).body).toMatchObject({ email: 'sample@sample.com' });
    const revoked = await s.call('POST', '/v2/user/revoke/scopes', { token, form: { scopes: '["account_email","talk_message"]' } });
    expect(revoked.body.scopes.find((x: Json) => x.id === 'account_email')).toMatchObject({ agreed: false });
    const me = (await s.call('GET', '/v2/user/me', { token })).body;
    expect(me.kakao_account).toMatchObject({ email_needs_agreement: true });
    expect(me.kakao_account).not.toHaveProperty('email');
    expect((await s.call('GET', '/v1/oidc/userinfo', { token })).body).not.toHaveProperty('email');
    const memo = await s.call('POST', '/v2/api/talk/memo/default/send', { token, form: { template_object: JSON.stringify({ object_type: 'text', text: 'hi', link: { web_url: 'https://example.com' } }) } });
    expect(memo.status).toBe(403);
    expect(memo.body).toMatchObject({ code: -402, msg: 'insufficient scopes.', required_scopes: ['talk_message'] });
    // Agreeing again through the Login flow's additional consent (`scope`).
    const { code } = await s.authorize({ scope: 'talk_message' });
    const again = (await s.exchange(code!)).body.access_token;
    expect((await s.call('POST', '/v2/api/talk/memo/default/send', { token: again, form: { template_object: JSON.stringify({ object_type: 'text', text: 'hi', link: { web_url: 'https://example.com' } }) } })).body).toEqual({ result_code: 0 });
  });

  it('update_profile properties and upgraded service terms are read back', async () => {
    const s = sandbox();
    const { access_token: token } = await s.login();
    await s.call('POST', '/v1/user/update_profile', { token, form: { properties: '{"plan":"gold"}' } });
    expect((await s.call('GET', '/v2/user/me', { token })).body.properties).toMatchObject({ plan: 'gold', CUSTOM_PROPERTY_KEY: 'CUSTOM_PROPERTY_VALUE' });
    await s.call('POST', '/v2/user/revoke/service_terms', { token, form: { tags: 'optional_20200616' } });
    expect((await s.call('GET', '/v2/user/service_terms', { token })).body.service_terms.find((t: Json) => t.tag === 'optional_20200616').agreed).toBe(false);
    await s.call('POST', '/v2/user/upgrade/service_terms', { token, form: { tags: 'optional_20200616,optional_no_consent' } });
    const terms = (await s.call('GET', '/v2/user/service_terms', { token })).body.service_terms;
    expect(terms.filter((t: Json) => t.agreed).map((t: Json) => t.tag).sort()).toEqual(['optional_20200616', 'optional_no_consent', 'service_2020_0218']);
  });
});

describe('resources', () => {
  it('push tokens: register, list, deregister; pushes are recorded', async () => {
    const s = sandbox();
    const admin = { authorization: `KakaoAK ${defaultMockKeys.adminKey}` };
    const form = { uuid: '42', device_id: 'fake-device', push_type: 'fcm', push_token: 'fake-push-token' };
    expect((await s.call('POST', '/v2/push/register', { form, headers: admin })).status).toBe(200);
    expect((await s.call('GET', '/v2/push/tokens?uuid=42', { headers: admin })).body).toMatchObject([{ uuid: '42', device_id: 'fake-device', push_token: 'fake-push-token' }]);
    await s.call('POST', '/v2/push/send', { form: { uuids: '["42"]', push_message: '{"for_fcm":{"message":"hello"}}' }, headers: admin });
    expect((await s.control('/__mock/messages')).body.pushes).toMatchObject([{ uuids: ['42'], devices: 1 }]);
    await s.call('POST', '/v2/push/deregister', { form: { uuid: '42', device_id: 'fake-device', push_type: 'fcm' }, headers: admin });
    expect((await s.call('GET', '/v2/push/tokens?uuid=42', { headers: admin })).body).toEqual([]);
  });

  it('channel customer files: create, list, add and delete users', async () => {
    const s = sandbox();
    const admin = { authorization: `KakaoAK ${defaultMockKeys.adminKey}` };
    const json = (body: unknown) => ({ ...admin, 'content-type': 'application/json' });
    const post = (url: string, body: unknown) => s.core.handle({ method: 'POST', url, headers: json(body), body: Buffer.from(JSON.stringify(body)) }) as Promise<{ status: number; body: Json }>;
    const created = await post('/v1/talkchannel/create/target_user_file', { channel_public_id: '_ZeUTxl', file_name: 'Customers', schema: { age: 'number' } });
    const fileId = created.body.file_id;
    expect((await s.call('GET', '/v1/talkchannel/target_user_file?channel_public_id=_ZeUTxl', { headers: admin })).body).toMatchObject({ results: [{ file_id: fileId, file_name: 'Customers' }], using_slot: 1 });
    expect((await post('/v1/talkchannel/update/target_users', { file_id: fileId, channel_public_id: '_ZeUTxl', user_type: 'app', users: [{ id: 1, field: { age: 30 } }, { id: 2, field: { age: 40 } }] })).body).toEqual({ request_count: 2, success_count: 2 });
    await post('/v1/talkchannel/delete/target_users', { file_id: fileId, channel_public_id: '_ZeUTxl', user_type: 'app', user_ids: [{ id: 1 }] });
    expect(s.core.sandbox!.state.customer_files[0].users).toEqual([{ id: 2, field: { age: 40 } }]);
  });

  it('events: more than 31 days, or no period, is refused with -2', async () => {
    const s = sandbox();
    const { access_token: token } = await s.login();
    expect((await s.call('GET', '/v2/api/calendar/events?from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z', { token })).body).toMatchObject({ code: -2 });
    expect((await s.call('GET', '/v2/api/calendar/events?from=2026-01-01T00:00:00Z', { token })).body).toEqual({ code: -2, msg: 'The Parameter [to] cannot be null.' });
  });

  it('events: pages of `limit`, followed by next_page_token', async () => {
    const s = sandbox();
    const { access_token: token } = await s.login();
    const event = JSON.stringify({ title: 'Daily', time: { start_at: '2026-03-01T00:00:00Z', end_at: '2026-03-01T00:30:00Z', time_zone: 'Asia/Seoul' }, rrule: 'FREQ=DAILY;COUNT=25' });
    await s.call('POST', '/v2/api/calendar/create/event', { token, form: { calendar_id: 'primary', event } });
    const seen: string[] = [];
    let url = '/v2/api/calendar/events?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z&limit=10';
    for (let page = 0; page < 5 && url; page++) {
      const body = (await s.call('GET', url, { token, headers: { host: 'kapi.example' } })).body;
      seen.push(...body.events.map((e: Json) => e.time.start_at));
      url = body.has_next ? new URL(body.after_url).pathname + new URL(body.after_url).search : '';
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });
});

describe('the control API and seeds', () => {
  it('state, reset, clock, login; errors keep the {code, msg} shape', async () => {
    const s = sandbox();
    const { access_token: token } = await s.login();
    expect(Object.keys((await s.control('/__mock/state')).body.access_tokens)).toContain(token);
    const before = Date.now();
    const moved = (await s.control('/__mock/clock', { now: '2030-01-01T00:00:00Z' })).body.now;
    expect(Date.parse(moved)).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
    expect(Date.parse(moved)).toBeLessThan(Date.parse('2030-01-01T00:00:00Z') + (Date.now() - before) + 1000);
    expect((await s.control('/__mock/reset', {})).status).toBe(200);
    expect((await s.call('GET', '/v2/user/me', { token })).status).toBe(401);
    expect((await s.control('/__mock/clock', { advance: 'soon' })).body).toMatchObject({ code: -2 });
    expect((await s.control('/__mock/login', { user_id: 1 })).body).toMatchObject({ code: -2 });
    expect((await s.control('/__mock/nothing-here')).status).toBe(404);
    const page = await s.control('/__mock/');
    expect(page.body).toContain('Kakao mock');
  });

  it('reads a YAML seed file, and names the file and the place of a mistake', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-seed-'));
    try {
      const good = path.join(dir, 'seed.yaml');
      fs.writeFileSync(good, 'app:\n  redirectUris: [https://app.example.com/cb]\nusers:\n  - id: 7\n    account: { profile: { nickname: Seven } }\n    agreed: [profile_nickname]\ntokens:\n  - { access_token: seven-token, user_id: 7 }\n');
      const mock = await startKakaoMock({ port: 0, seed: good });
      try {
        const me = await (await fetch(`${mock.url}/v2/user/me`, { headers: { Authorization: 'Bearer seven-token' } })).json();
        expect(me).toMatchObject({ id: 7, kakao_account: { profile_nickname_needs_agreement: false, profile: { nickname: 'Seven' } } });
      } finally {
        await mock.close();
      }
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, '{"users":[{"id":"seven"}]}');
      await expect(startKakaoMock({ port: 0, seed: bad })).rejects.toThrow(`seed file ${bad}: users[0].id must be an integer`);
      await expect(startKakaoMock({ port: 0, seed: path.join(dir, 'missing.yaml') })).rejects.toThrow(/seed file .*missing\.yaml: not found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('memory bound', () => {
  it('forgets expired codes and tokens, and keeps at most maxLiveCodes unredeemed codes', async () => {
    const s = sandbox({ limits: { maxLiveCodes: 500 } });
    for (let i = 0; i < 2000; i++) await s.authorize();
    expect(Object.keys(s.core.sandbox!.state.codes).length).toBeLessThanOrEqual(500 + 256);
    for (let i = 0; i < 300; i++) await s.login();
    expect(Object.keys(s.core.sandbox!.state.access_tokens).length).toBe(300);
    await s.advance(5184000 + 1);
    for (let i = 0; i < 256; i++) await s.authorize();
    const state = s.core.sandbox!.state;
    expect(Object.keys(state.access_tokens).length + Object.keys(state.refresh_tokens).length).toBe(0);
    expect(Object.keys(state.codes).length).toBeLessThanOrEqual(256);
  });
});
