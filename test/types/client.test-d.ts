// Type tests (vitest typecheck): what the generated types allow and forbid through the client.
import { describe, expectTypeOf, it } from 'vitest';
import { createKakaoClient, exchangeCode, KakaoApiError, paginate, type KakaoError } from '../../src/index.js';

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
  });

  it('rejects a wrong body', async () => {
    // @ts-expect-error grant_type must be authorization_code or refresh_token
    await kakao.POST('/oauth/token', { body: { grant_type: 'password', client_id: 'x' } });
    // @ts-expect-error the code exchange needs code
    await exchangeCode(kakao, { redirect_uri: 'https://example.com/cb' });
  });

  it('types errors by kind, with Kakao\'s fields', async () => {
    const { error } = await kakao.GET('/v2/user/me');
    if (error?.kind === 'api') expectTypeOf(error.code).toEqualTypeOf<number>();
    if (error?.kind === 'auth') expectTypeOf(error.error_code).toEqualTypeOf<string | undefined>();
    if (error?.kind === 'http') expectTypeOf(error.body).toEqualTypeOf<unknown>();
    if (error?.kind === 'dapi') expectTypeOf(error.errorType).toEqualTypeOf<string>();
    // @ts-expect-error `code` exists only on kind 'api'
    void error?.code;
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
});
