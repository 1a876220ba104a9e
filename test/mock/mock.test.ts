// The mock against the client, for every operation of the combined document (cases from the spec):
// documented success bodies, Kakao's auth rules and Kakao-shaped errors through the typed errors.
// These run the static mock (documented examples, any Bearer token); test/mock/sandbox*.test.ts
// cover the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKakaoClient, type KakaoClient } from '../../src/index.js';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { createAjv } from '../helpers/schema.js';
import { validRequests, type ValidRequest } from '../helpers/requests.js';
import { deref, escapePointer, loadBundle, type Json } from '../helpers/spec.js';

const doc = loadBundle();
const ajv = createAjv(doc);
const requests = validRequests(doc);
let mock: KakaoMock;
let kakao: KakaoClient;

beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, static: true });
  kakao = createKakaoClient({ baseUrl: mock.url, accessToken: 'fake-user-token', restApiKey: mock.keys.restApiKey, adminKey: mock.keys.adminKey });
});
afterAll(() => mock?.close());

const isRedirect = (r: ValidRequest) => /^3/.test(r.success);
/** The documented examples name a fake app; on kauth the mock knows only its own client_id. */
const ownApp = (init: ValidRequest['init']): ValidRequest['init'] => {
  const query = init.params?.query;
  return query && 'client_id' in query ? { ...init, params: { ...init.params, query: { ...query, client_id: mock.keys.restApiKey } } } : init;
};
const call = (r: ValidRequest, init: Record<string, unknown> = {}) =>
  kakao.request(r.op.method as 'get', r.path as never, { ...ownApp(r.init), ...(isRedirect(r) ? { redirect: 'manual' } : {}), ...init } as never);

/** A code from the mock's authorize endpoint, as the browser would bring it back. */
async function authorizationCode(redirectUri = 'https://example.com/oauth/kakao/callback') {
  const { response } = await kakao.GET('/oauth/authorize', { params: { query: { client_id: mock.keys.restApiKey, redirect_uri: redirectUri, response_type: 'code', state: 'fake-state' } }, redirect: 'manual' } as never);
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('fake-state');
  return location.searchParams.get('code')!;
}

function responseSchemaPointer(r: ValidRequest, status: string) {
  const ptr = `#/paths/${escapePointer(r.path)}/${r.op.method}/responses/${status}`;
  const response = r.op.operation.responses[status];
  const base = response.$ref ?? ptr;
  return `doc${base}/content/application~1json/schema`;
}

describe.each(requests.map((r) => [`${r.op.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_t, r) => {
  it(`answers ${r.success} with a body that validates against the schema`, async () => {
    let result;
    if (r.path === '/oauth/token') {
      const code = await authorizationCode();
      result = await kakao.POST('/oauth/token', { body: { grant_type: 'authorization_code', client_id: mock.keys.restApiKey, code, redirect_uri: 'https://example.com/oauth/kakao/callback' } });
    } else result = await call(r);
    expect(result.response.status).toBe(Number(r.success));
    if (isRedirect(r)) {
      expect(() => new URL(result.response.headers.get('location')!)).not.toThrow();
      return;
    }
    expect(result.error).toBeUndefined();
    const content = deref(doc, r.op.operation.responses[r.success]).content;
    if (!content?.['application/json']) return;
    const validate = ajv.compile({ $ref: responseSchemaPointer(r, r.success) });
    expect(validate(result.data) ? [] : validate.errors).toEqual([]);
  });

  const needsCredential = (r.op.operation.security ?? []).length > 0;
  // dapi.kakao.com refuses credentials with `{errorType: 'AccessDeniedError', message}`; kapi with `{code: -401, msg}`.
  const refused = r.op.host === 'dapi.kakao.com' ? { kind: 'dapi', status: 401, errorType: 'AccessDeniedError' } : { kind: 'api', status: 401, code: -401 };
  if (needsCredential) {
    it('without a credential: 401, as a typed Kakao error', async () => {
      const { error, response } = await call(r, { auth: 'none' });
      expect(error).toMatchObject(refused);
      const takesToken = r.op.operation.security.some((alt: Json) => 'accessToken' in alt);
      if (takesToken) expect(response.headers.get('www-authenticate')).toBe('Bearer error=invalid_token');
    });

    it('with an unknown app key: 401', async () => {
      const { error } = await call(r, { headers: { Authorization: 'KakaoAK fake-unknown-key' } });
      expect(error).toMatchObject(r.op.host === 'dapi.kakao.com' ? refused : { ...refused, msg: 'invalid app key.' });
    });

    const accepted = new Set(r.op.operation.security.flatMap((alt: Json) => Object.keys(alt)));
    const wrong = [
      ['accessToken', 'Bearer fake-user-token'],
      ['adminKey', `KakaoAK ${'mock-admin-key'}`],
      ['restApiKey', `KakaoAK ${'mock-rest-api-key'}`],
    ].filter(([name]) => !accepted.has(name));
    it.each(wrong)('with the wrong kind of credential (%s): 401', async (_name, header) => {
      const { error } = await call(r, { headers: { Authorization: header } });
      expect(error).toMatchObject(refused);
    });
  }
});

describe('invalid parameters, for every operation and location (cases from the spec)', () => {
  const shapeOf = (r: ValidRequest) => (r.op.host === 'kauth.kakao.com' ? 'auth' : r.op.host === 'dapi.kakao.com' ? 'dapi' : 'api');
  const text = (error: Json) => String(error?.msg ?? error?.error_description ?? error?.errorMessage);
  const expectInvalid = (result: { error?: Json }, r: ValidRequest, name: string) => {
    const shape = shapeOf(r);
    if (shape === 'auth') expect(result.error).toMatchObject({ kind: 'auth', status: 400, error: 'invalid_request' });
    else if (shape === 'dapi') expect(result.error).toMatchObject({ kind: 'dapi', status: 400 });
    else expect(result.error).toMatchObject({ kind: 'api', status: 400, code: -2 });
    expect(text(result.error)).toContain(shape === 'dapi' ? name : `[${name}]`);
  };

  const missingQuery = requests.flatMap((r) => Object.keys(r.init.params?.query ?? {}).map((name) => [`${r.op.operation.operationId}: query ${name} missing`, r, name] as const));
  it.each(missingQuery)('%s → "The Parameter [name] cannot be null."', async (_t, r, name) => {
    const query = { ...r.init.params!.query };
    delete query[name];
    const result = await call(r, { params: { ...r.init.params, query } });
    expectInvalid(result, r, name);
    expect(text(result.error)).toBe(shapeOf(r) === 'dapi' ? `${name} parameter required` : `The Parameter [${name}] cannot be null.`);
    if (shapeOf(r) === 'dapi') expect(result.error).toMatchObject({ errorType: 'MissingParameter' });
  });

  const jsonText = requests.flatMap((r) => {
    const params = [...(r.op.pathItem.parameters ?? []), ...(r.op.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
    const q = params.filter((p) => p.in === 'query' && deref(doc, p.schema).contentMediaType === 'application/json').map((p) => ['query', p.name] as const);
    const media: Json = Object.values<Json>(deref(doc, r.op.operation.requestBody)?.content ?? {})[0];
    const props = media ? Object.entries<Json>(deref(doc, media.schema).properties ?? {}).filter(([, s]) => deref(doc, s).contentMediaType === 'application/json').map(([n]) => ['body', n] as const) : [];
    return [...q, ...props].map(([where, name]) => [`${r.op.operation.operationId}: ${where} ${name} is broken JSON text`, r, where, name] as const);
  });
  it.each(jsonText)('%s → 400 naming it', async (_t, r, where, name) => {
    const init = where === 'query' ? { params: { ...r.init.params, query: { ...r.init.params?.query, [name]: '["unterminated' } } } : { body: { ...r.init.body, [name]: '{"broken":' } };
    expectInvalid(await call(r, init), r, name);
  });

  const illTyped = requests.flatMap((r) => {
    const params = [...(r.op.pathItem.parameters ?? []), ...(r.op.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
    return params
      .filter((p) => p.in === 'query' && ['integer', 'number', 'boolean'].includes(deref(doc, p.schema).type))
      .map((p) => [`${r.op.operation.operationId}: query ${p.name} ill-typed`, r, p.name] as const);
  });
  it.each(illTyped)('%s → 400 naming it', async (_t, r, name) => {
    expectInvalid(await call(r, { params: { ...r.init.params, query: { ...r.init.params?.query, [name]: 'not-a-number' } } }), r, name);
  });

  it('covers every location the document uses', () => {
    expect(missingQuery.length).toBeGreaterThan(0);
    expect(jsonText.length).toBeGreaterThan(0);
    expect(illTyped.length).toBeGreaterThan(0);
  });
});

describe('Kakao Login flow', () => {
  it('authorize → token with PKCE, once per code', async () => {
    const verifier = 'fake-verifier-0123456789012345678901234567890123';
    const { createHash } = await import('node:crypto');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const { response } = await kakao.GET('/oauth/authorize', { params: { query: { client_id: mock.keys.restApiKey, redirect_uri: 'https://example.com/cb', response_type: 'code', code_challenge: challenge, code_challenge_method: 'S256' } }, redirect: 'manual' } as never);
    const code = new URL(response.headers.get('location')!).searchParams.get('code')!;
    const body = { grant_type: 'authorization_code' as const, client_id: mock.keys.restApiKey, code, redirect_uri: 'https://example.com/cb' };
    const wrongVerifier = await kakao.POST('/oauth/token', { body: { ...body, code_verifier: 'fake-wrong-verifier' } });
    expect(wrongVerifier.error).toMatchObject({ kind: 'auth', error: 'invalid_grant' });
    const ok = await kakao.POST('/oauth/token', { body: { ...body, code_verifier: verifier } });
    expect(ok.error).toBeUndefined();
    expect(ok.data?.access_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const again = await kakao.POST('/oauth/token', { body: { ...body, code_verifier: verifier } });
    expect(again.error).toMatchObject({ kind: 'auth', status: 400, error: 'invalid_grant', error_code: 'KOE320' });
  });

  it('refuses another redirect_uri (KOE303) and an unknown client_id (KOE101)', async () => {
    const code = await authorizationCode('https://example.com/first');
    const mismatch = await kakao.POST('/oauth/token', { body: { grant_type: 'authorization_code', client_id: mock.keys.restApiKey, code, redirect_uri: 'https://example.com/second' } });
    expect(mismatch.error).toMatchObject({ kind: 'auth', error_code: 'KOE303' });
    const client = await kakao.POST('/oauth/token', { body: { grant_type: 'authorization_code', client_id: 'fake-other-app', code, redirect_uri: 'https://example.com/first' } });
    expect(client.error).toMatchObject({ kind: 'auth', status: 401, error: 'invalid_client', error_code: 'KOE101' });
  });

  it('checks the client secret when the mock has one (KOE010)', async () => {
    const strict = await startKakaoMock({ port: 0, static: true, keys: { clientSecret: 'fake-secret' } });
    try {
      const app = createKakaoClient({ baseUrl: strict.url, restApiKey: strict.keys.restApiKey, clientSecret: 'fake-wrong-secret' });
      const { error } = await app.POST('/oauth/token', { body: { grant_type: 'refresh_token', client_id: strict.keys.restApiKey, refresh_token: 'fake-refresh' } });
      expect(error).toMatchObject({ kind: 'auth', status: 401, error_code: 'KOE010' });
    } finally {
      await strict.close();
    }
  });
});

describe('media types', () => {
  it('format=xml, where Kakao publishes no XML sample, is refused in the dapi shape rather than answered with JSON', async () => {
    const { error, response } = await kakao.GET('/v2/local/search/address.{format}', { params: { path: { format: 'xml' }, query: { query: 'x' } }, parseAs: 'text' });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ kind: 'dapi', errorType: 'InvalidArgument' });
    expect((error as Json).errorMessage).toContain('no XML sample');
  });
});

describe('Prefer and dynamic data', () => {
  it('Prefer: code=401 selects the documented 401 response (its first example: the unknown-token text)', async () => {
    const { error } = await kakao.GET('/v2/user/me', { headers: { Prefer: 'code=401' } });
    expect(error).toMatchObject({ kind: 'api', status: 401, code: -401, msg: 'this access token does not exist' });
    const named = await kakao.GET('/v2/user/me', { headers: { Prefer: 'code=401, example=invalidToken' } });
    expect(named.error).toMatchObject({ kind: 'api', status: 401, code: -401, msg: 'InvalidTokenException' });
  });

  it('Prefer: example=… selects a named example', async () => {
    const { error } = await kakao.GET('/v2/user/me', { headers: { Prefer: 'code=403, example=insufficientScopes' } });
    expect(error).toMatchObject({ kind: 'api', status: 403, code: -402, required_scopes: ['talk_message'] });
  });

  it('a Prefer the document cannot satisfy gets a Kakao-shaped 400, not problem+json', async () => {
    const { error, response } = await kakao.GET('/v2/user/me', { headers: { Prefer: 'code=418' } });
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(error).toMatchObject({ kind: 'api', status: 400, code: -2 });
  });

  it('--dynamic generates data that validates against the schema, for every JSON success response', async () => {
    const dynamic = await startKakaoMock({ port: 0, static: true, dynamic: true });
    try {
      const client = createKakaoClient({ baseUrl: dynamic.url, accessToken: 'fake', restApiKey: dynamic.keys.restApiKey, adminKey: dynamic.keys.adminKey });
      for (const r of requests.filter((x) => !isRedirect(x) && x.path !== '/oauth/token')) {
        const result = await client.request(r.op.method as 'get', r.path as never, r.init as never);
        expect(result.error, r.op.operation.operationId).toBeUndefined();
        if (!deref(doc, r.op.operation.responses[r.success]).content?.['application/json']) continue;
        const validate = ajv.compile({ $ref: responseSchemaPointer(r, r.success) });
        expect(validate(result.data) ? [] : [r.op.operation.operationId, validate.errors], r.op.operation.operationId).toEqual([]);
      }
    } finally {
      await dynamic.close();
    }
  });
});
