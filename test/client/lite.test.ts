// kakao-openapi/lite: the same client over only the operations an app names. It must route exactly
// like the full client, refuse the rest with a usage error, refresh a token without being given the
// token operation, and let a bundler drop every operation the app does not import.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, operations, paginate } from '../../src/index.js';
import { createKakaoClient, KakaoError, type TokenStore } from '../../src/lite.js';
import * as routes from '../../src/operations.js';
import { getAuthorizationCode, getUserMe, listFriends, searchPlacesByKeyword } from '../../src/operations.js';
import { root } from '../helpers/spec.js';
import { json, recordingFetch } from '../helpers/fetch.js';

const ME = { id: 1, connected_at: '2022-04-11T01:45:28Z' };
const exported = Object.entries(routes) as [string, routes.Route][];

describe('kakao-openapi/operations', () => {
  it('exports every operation of the full table under its operationId, with the same routing', () => {
    expect(exported).toHaveLength(Object.keys(operations).length);
    for (const [name, { method, path, ...info }] of exported) {
      expect(info.operationId).toBe(name);
      expect(info).toEqual(operations[`${method} ${path}`]);
    }
  });
});

describe('the lite client', () => {
  it('calls the operations it was given as the full client does', async () => {
    const { fetch, calls } = recordingFetch((r) => (r.url.pathname === '/v2/user/me' ? json(ME) : json({ documents: [], meta: { is_end: true } })));
    const kakao = createKakaoClient({ accessToken: 'fake-user-token', restApiKey: 'fake-rest-api-key', fetch, operations: [getUserMe, searchPlacesByKeyword] });
    const { data } = await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
    expect(data).toEqual(ME);
    await kakao.GET('/v2/local/search/keyword.json', { params: { query: { query: '카카오' } } });
    expect(calls.map((c) => `${c.url.origin}${c.url.pathname}${c.url.search} ${c.headers.get('authorization')}`)).toEqual([
      'https://kapi.kakao.com/v2/user/me?property_keys=%5B%22kakao_account.email%22%5D Bearer fake-user-token',
      `https://dapi.kakao.com/v2/local/search/keyword.json?query=${encodeURIComponent('카카오')} KakaoAK fake-rest-api-key`,
    ]);
    expect(kakao.operation('GET', '/v2/user/me')?.operationId).toBe('getUserMe');
  });

  it('refuses an operation it was not given, and another method of a path it was given, with a usage error', async () => {
    const { fetch, calls } = recordingFetch(() => json(ME));
    const kakao = createKakaoClient({ accessToken: 'fake-user-token', fetch, operations: [getUserMe] });
    for (const [method, url] of [['GET', '/v1/api/talk/friends'], ['POST', '/v2/user/me']] as const) {
      const error = await (kakao.request as (m: string, p: string) => Promise<unknown>)(method, url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KakaoError);
      expect(error).toMatchObject({ kind: 'usage', message: `${method} ${url} is not among this client's operations (add it from 'kakao-openapi/operations')` });
    }
    expect(calls).toHaveLength(0);
  });

  it('refreshes a user token on -401 without being given the token operation', async () => {
    let tokens = { access_token: 'old-token', refresh_token: 'fake-refresh' };
    const store: TokenStore = { get: () => tokens, set: (next) => void (tokens = { ...tokens, ...next }) };
    const { fetch, calls } = recordingFetch((r) =>
      r.url.pathname === '/oauth/token'
        ? json({ token_type: 'bearer', access_token: 'new-token', expires_in: 43199 })
        : r.headers.get('authorization') === 'Bearer new-token'
          ? json(ME)
          : json({ code: -401, msg: 'this access token is already expired' }, 401),
    );
    const kakao = createKakaoClient({ restApiKey: 'fake-rest-api-key', tokenStore: store, fetch, operations: [getUserMe] });
    expect((await kakao.GET('/v2/user/me')).data).toEqual(ME);
    expect(calls.map((c) => `${c.method} ${c.url.host}${c.url.pathname}`)).toEqual(['GET kapi.kakao.com/v2/user/me', 'POST kauth.kakao.com/oauth/token', 'GET kapi.kakao.com/v2/user/me']);
    expect(tokens.access_token).toBe('new-token');
  });

  it('pages with paginate(), and refuses to page an operation it was not given', async () => {
    const { fetch, calls } = recordingFetch((r) =>
      json(r.url.searchParams.get('offset') ? { elements: [{ id: 2 }], total_count: 2 } : { elements: [{ id: 1 }], total_count: 2, after_url: 'https://kapi.kakao.com/v1/api/talk/friends?offset=1&limit=1' }),
    );
    const kakao = createKakaoClient({ accessToken: 'fake-user-token', fetch, operations: [listFriends] });
    const pages = [];
    for await (const page of paginate(kakao, '/v1/api/talk/friends', { params: { query: { limit: 1 } } })) pages.push(page.elements?.map((f) => f.id));
    expect(pages).toEqual([[1], [2]]);
    expect(calls.map((c) => c.url.search)).toEqual(['?limit=1', '?offset=1&limit=1']);
    const other = createKakaoClient({ accessToken: 'fake-user-token', fetch, operations: [getUserMe] });
    await expect(paginate(other, '/v1/api/talk/friends').next()).rejects.toThrow("GET /v1/api/talk/friends is not among this client's operations");
  });

  it('builds the authorize URL when given its operation, and says which operation is missing otherwise', async () => {
    const given = createKakaoClient({ restApiKey: 'fake-rest-api-key', operations: [getAuthorizationCode] });
    expect(await authorizeUrl(given, { redirect_uri: 'https://example.com/cb', state: 's1' })).toBe(
      'https://kauth.kakao.com/oauth/authorize?client_id=fake-rest-api-key&response_type=code&redirect_uri=https%3A%2F%2Fexample.com%2Fcb&state=s1',
    );
    const without = createKakaoClient({ restApiKey: 'fake-rest-api-key', operations: [getUserMe] });
    await expect(authorizeUrl(without, { redirect_uri: 'https://example.com/cb' })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('add getAuthorizationCode') });
  });

  it('bundles only the operations an app imports (the rest are tree-shaken)', async () => {
    const app = "import { createKakaoClient } from './src/lite.ts';\nimport { getUserMe } from './src/operations.ts';\ncreateKakaoClient({ accessToken: 'x', operations: [getUserMe] }).GET('/v2/user/me');";
    const result = await build({ stdin: { contents: app, resolveDir: root, loader: 'ts' }, bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
    const code = result.outputFiles[0]!.text;
    const present = exported.map(([name]) => name).filter((name) => code.includes(`"${name}"`));
    // getUserMe, and the token operation the client refreshes with.
    expect(present.sort()).toEqual(['getUserMe', 'issueToken']);
  });
});
