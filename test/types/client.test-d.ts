// Type tests (vitest typecheck): what the generated types allow and forbid through the client.
import type { FetchOptions } from 'openapi-fetch';
import type { HttpMethod } from 'openapi-typescript-helpers';
import { describe, expectTypeOf, it } from 'vitest';
import type { OperationInit } from '../../src/types.js';
import {
  createKakaoClient,
  exchangeCode,
  KakaoApiError,
  paginate,
  parseCallback,
  verifyIdToken,
  type CallInit,
  type DapiErrorType,
  type KakaoAuthError,
  type KakaoDapiError,
  type KakaoError,
  type KakaoHttpError,
  type KapiErrorCode,
  type KauthErrorCode,
  type paths,
} from '../../src/index.js';
import { createKakaoClient as createLite } from '../../src/lite.js';
import { getUserMe, listFriends, searchPlacesByKeyword } from '../../src/operations.js';

const kakao = createKakaoClient({ accessToken: 'fake' });

describe('typed calls', () => {
  it('types data from the operation\'s 200 response', async () => {
    const { data } = await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
    expectTypeOf(data?.id).toEqualTypeOf<number | undefined>();
    expectTypeOf(data?.kakao_account?.email).toEqualTypeOf<string | undefined>();
  });

  it('takes JSON-text parameters as typed values', async () => {
    await kakao.POST('/v1/user/update_profile', { body: { properties: { my_key: 'value' } } });
    await kakao.GET('/v2/app/users', { params: { query: { target_id_type: 'user_id', target_ids: [1, 2] } } });
  });

  it('rejects a path that does not exist', async () => {
    // @ts-expect-error not an operation
    await kakao.GET('/v2/user/nope');
  });

  it('rejects a wrong method for a path', async () => {
    // @ts-expect-error /v1/user/logout is POST only
    await kakao.GET('/v1/user/logout');
  });

  it('rejects an unknown or ill-typed query parameter', async () => {
    // @ts-expect-error secure_resource is a boolean
    await kakao.GET('/v2/user/me', { params: { query: { secure_resource: 'yes' } } });
    // @ts-expect-error target_id_type only allows user_id
    await kakao.GET('/v2/user/me', { params: { query: { target_id_type: 'email' } } });
  });

  it('rejects a wrong JSON-text object', async () => {
    // @ts-expect-error property_keys is a list of keys, not one string
    await kakao.GET('/v2/user/me', { params: { query: { property_keys: 'kakao_account.email' } } });
    // @ts-expect-error property_keys are strings
    await kakao.GET('/v2/user/me', { params: { query: { property_keys: [42] } } });
    // @ts-expect-error target_ids are user IDs (numbers)
    await kakao.GET('/v2/app/users', { params: { query: { target_id_type: 'user_id', target_ids: ['a'] } } });
    // @ts-expect-error properties map keys to string values
    await kakao.POST('/v1/user/update_profile', { body: { properties: { my_key: 1 } } });
    // @ts-expect-error property_keys are strings, in a form body too
    await kakao.POST('/v2/user/me', { body: { property_keys: [42] } });
    // @ts-expect-error the body of POST /v1/user/update_profile is required
    await kakao.POST('/v1/user/update_profile');
  });

  it('rejects a wrong body', async () => {
    // @ts-expect-error grant_type must be authorization_code or refresh_token
    await kakao.POST('/oauth/token', { body: { grant_type: 'password', client_id: 'x' } });
    // @ts-expect-error the code exchange needs code
    await exchangeCode(kakao, { redirect_uri: 'https://example.com/cb' });
  });

  it('types errors by kind, with Kakao\'s fields, narrowed by the host of the path', async () => {
    const { error } = await kakao.GET('/v2/user/me');
    expectTypeOf(error).toEqualTypeOf<KakaoApiError | KakaoHttpError | undefined>();
    if (error?.kind === 'api') expectTypeOf(error.code).toEqualTypeOf<KapiErrorCode | (number & {})>();
    if (error?.kind === 'http') expectTypeOf(error.body).toEqualTypeOf<unknown>();
    // @ts-expect-error `code` exists only on kind 'api'
    void error?.code;
    const token = await kakao.POST('/oauth/token', { body: { grant_type: 'refresh_token', client_id: 'k', refresh_token: 'r' } });
    expectTypeOf(token.error).toEqualTypeOf<KakaoAuthError | KakaoHttpError | undefined>();
    if (token.error?.kind === 'auth') expectTypeOf(token.error.error_code).toEqualTypeOf<KauthErrorCode | (string & {}) | undefined>();
    const search = await kakao.GET('/v2/search/web', { params: { query: { query: 'kakao' } } });
    expectTypeOf(search.error).toEqualTypeOf<KakaoDapiError | KakaoHttpError | undefined>();
    if (search.error?.kind === 'dapi') expectTypeOf(search.error.errorType).toEqualTypeOf<DapiErrorType | (string & {})>();
    // the codes come from the documents' examples
    expectTypeOf<-401>().toMatchTypeOf<KapiErrorCode>();
    expectTypeOf<'KOE322'>().toMatchTypeOf<KauthErrorCode>();
    expectTypeOf<'MissingParameter'>().toMatchTypeOf<DapiErrorType>();
    const typed: KakaoError = new KakaoApiError(401, { code: -401, msg: 'x' });
    expectTypeOf(typed.kind).toMatchTypeOf<string>();
  });

  it('narrows data once the error is handled', async () => {
    const me = await kakao.GET('/v2/user/me');
    if (me.error) throw me.error;
    expectTypeOf(me.data.id).toEqualTypeOf<number>();
  });

  it('types the per-call credential choice', async () => {
    await kakao.GET('/v2/user/me', { auth: 'adminKey', params: { query: { target_id_type: 'user_id', target_id: 1 } } });
    // @ts-expect-error not a credential name
    await kakao.GET('/v2/user/me', { auth: 'password' });
    // @ts-expect-error unknown per-call option
    await kakao.GET('/v2/user/me', { retries: 3 });
  });

  it('rejects a credential the operation does not accept', async () => {
    // @ts-expect-error GET /v2/user/me takes accessToken or adminKey, not restApiKey
    await kakao.GET('/v2/user/me', { auth: 'restApiKey' });
    // @ts-expect-error the Local search takes the REST API key only
    await kakao.GET('/v2/local/search/keyword.json', { auth: 'accessToken', params: { query: { query: 'x' } } });
    // @ts-expect-error a per-call credential the operation does not accept
    await kakao.GET('/v1/user/access_token_info', { adminKey: 'k' });
    await kakao.GET('/v1/user/access_token_info', { accessToken: 'user-token' });
    await kakao.GET('/v2/user/me', { auth: 'none' });
  });

  it('requires the parameters a credential makes required (x-kakao-required-with)', async () => {
    // @ts-expect-error with the Admin key, target_id_type and target_id are required
    await kakao.GET('/v2/user/me', { auth: 'adminKey' });
    // @ts-expect-error target_id is missing
    await kakao.GET('/v2/user/me', { auth: 'adminKey', params: { query: { target_id_type: 'user_id' } } });
    // @ts-expect-error a per-call Admin key needs them too
    await kakao.GET('/v2/user/me', { adminKey: 'k' });
    await kakao.GET('/v2/user/me', { adminKey: 'k', params: { query: { target_id_type: 'user_id', target_id: 1 } } });
    // @ts-expect-error the form body of POST /v2/user/me needs them with the Admin key
    await kakao.POST('/v2/user/me', { auth: 'adminKey', body: { secure_resource: true } });
    await kakao.POST('/v2/user/me', { auth: 'adminKey', body: { target_id_type: 'user_id', target_id: 1 } });
    // with an access token they stay optional
    await kakao.GET('/v2/user/me');
    await kakao.GET('/v2/user/me', { accessToken: 'user-token' });
  });

  it('types per-call tokens, token stores, retries and timeouts', async () => {
    const store = { get: () => ({ access_token: 'a', refresh_token: 'r' }), set: () => {} };
    await kakao.GET('/v1/user/access_token_info', { tokenStore: store, retry: false, timeout: 5000 });
    await kakao.POST('/v2/api/talk/memo/default/send', { body: { template_object: { object_type: 'text', text: 'hi', link: {} } }, retry: true });
    // @ts-expect-error the Local search takes no user token
    await kakao.GET('/v2/search/web', { tokenStore: store, params: { query: { query: 'x' } } });
  });

  it('types XML as text and offers the concrete Local paths', async () => {
    const json = await kakao.GET('/v2/local/search/keyword.json', { params: { query: { query: '카카오' } } });
    expectTypeOf(json.data?.documents).not.toBeAny();
    const xml = await kakao.GET('/v2/local/search/keyword.xml', { params: { query: { query: '카카오' } }, parseAs: 'text' });
    expectTypeOf(xml.data).toEqualTypeOf<string | undefined>();
    // @ts-expect-error an XML answer must be read as text
    await kakao.GET('/v2/local/search/keyword.xml', { params: { query: { query: '카카오' } } });
    // @ts-expect-error format xml needs parseAs
    await kakao.GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'xml' }, query: { query: 'x' } } });
    const viaTemplate = await kakao.GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'xml' }, query: { query: 'x' } }, parseAs: 'text' });
    expectTypeOf(viaTemplate.data).toEqualTypeOf<string | undefined>();
    await kakao.GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'json' }, query: { query: 'x' } } });
  });

  it('lists the known property_keys (autocomplete) and still takes any string', () => {
    type Key = NonNullable<NonNullable<CallInit<paths, '/v2/user/me', 'get'>>['params']>['query'] extends infer Q ? (Q extends { property_keys?: (infer K)[] } ? K : never) : never;
    expectTypeOf<'kakao_account.email'>().toMatchTypeOf<Key>();
    expectTypeOf<Extract<Key, 'kakao_account.email' | 'has_signed_up'>>().toEqualTypeOf<'kakao_account.email' | 'has_signed_up'>();
    expectTypeOf<'properties.my_key'>().toMatchTypeOf<Key>();
  });

  it('takes what openapi-fetch takes, for every operation (its options written out without Writable)', () => {
    type Op = { [P in keyof paths]: { [M in HttpMethod]: paths[P][M] extends undefined ? never : [P, M] }[HttpMethod] }[keyof paths];
    type Init<O> = O extends [infer P extends keyof paths, infer M extends HttpMethod] ? NonNullable<paths[P][M]> : never;
    type Wider<O> = O extends unknown ? ([OperationInit<Init<O>>] extends [FetchOptions<Init<O>>] ? never : O) : never;
    type Narrower<O> = O extends unknown ? ([FetchOptions<Init<O>>] extends [OperationInit<Init<O>>] ? never : O) : never;
    expectTypeOf<Wider<Op>>().toEqualTypeOf<never>();
    // openapi-fetch's Writable turns the open string of property_keys into an object type of
    // String's methods (any object with them passes); the client keeps `string & {}` (strings only).
    expectTypeOf<Narrower<Op>>().toEqualTypeOf<['/v2/user/me', 'post']>();
  });

  it('pages only the operations that page, typed by the operation', async () => {
    for await (const page of paginate(kakao, '/v2/search/web', { params: { query: { query: 'kakao' } } })) {
      expectTypeOf(page.meta.is_end).toEqualTypeOf<boolean>();
      expectTypeOf(page.documents).toBeArray();
    }
    // @ts-expect-error /v2/user/me does not page
    paginate(kakao, '/v2/user/me');
    // @ts-expect-error the search needs its query
    paginate(kakao, '/v2/search/web', { params: { query: { size: 10 } } });
  });

  it('types the OIDC helpers', async () => {
    const claims = await verifyIdToken(kakao, 'token', { nonce: 'n' });
    expectTypeOf(claims.sub).toEqualTypeOf<string>();
    const back = parseCallback('https://example.com/cb?code=c&state=s', { state: 's' });
    if (back.error) expectTypeOf(back.error.error).toMatchTypeOf<string>();
    else expectTypeOf(back.code).toEqualTypeOf<string>();
  });
});

describe('the lite client (kakao-openapi/lite)', () => {
  const lite = createLite({ accessToken: 'fake', restApiKey: 'fake', operations: [getUserMe, searchPlacesByKeyword] });

  it('types the operations it was given as the full client does', async () => {
    const { data } = await lite.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
    expectTypeOf(data?.kakao_account?.email).toEqualTypeOf<string | undefined>();
    await lite.GET('/v2/local/search/keyword.json', { params: { query: { query: 'kakao' } } });
    await lite.GET('/v2/local/search/keyword.{format}', { params: { path: { format: 'json' }, query: { query: 'kakao' } } });
  });

  it('pages with paginate()', async () => {
    for await (const page of paginate(createLite({ accessToken: 'fake', operations: [listFriends] }), '/v1/api/talk/friends')) expectTypeOf(page.elements).not.toBeAny();
  });

  it('does not compile a call to an operation it was not given', async () => {
    // @ts-expect-error listFriends was not given
    await lite.GET('/v1/api/talk/friends');
    // @ts-expect-error only GET /v2/user/me was given, not POST
    await lite.POST('/v2/user/me', { body: {} });
    // @ts-expect-error still typed per operation: property_keys is a list
    await lite.GET('/v2/user/me', { params: { query: { property_keys: 'kakao_account.email' } } });
  });
});
