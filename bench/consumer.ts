// Benchmark fixture: a consumer file that calls 20 operations, for `npm run bench` to measure the
// type-checking cost (tsc time and instantiation count) of the generated types through the client.
import { authorizeUrl, createKakaoClient, exchangeCode, refreshToken } from 'kakao-openapi';

const kakao = createKakaoClient({ accessToken: 'fake', adminKey: 'fake', restApiKey: 'fake' });

export async function calls() {
  await authorizeUrl(kakao, { redirect_uri: 'https://example.com/cb', state: 's' });
  await exchangeCode(kakao, { code: 'c', redirect_uri: 'https://example.com/cb' });
  await refreshToken(kakao, { refresh_token: 'r' });
  await kakao.POST('/v1/user/logout');
  await kakao.POST('/v1/user/unlink');
  await kakao.GET('/v1/user/access_token_info');
  await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
  await kakao.POST('/v2/user/me', { body: { property_keys: ['kakao_account.profile'] } });
  await kakao.GET('/v2/app/users', { params: { query: { target_id_type: 'user_id', target_ids: [1, 2] } } });
  await kakao.GET('/v1/user/ids', { params: { query: { limit: 10, order: 'asc' } } });
  await kakao.POST('/v1/user/update_profile', { body: { properties: { key: 'value' } } });
  await kakao.GET('/v1/user/shipping_address');
  await kakao.GET('/v2/user/scopes');
  await kakao.POST('/v2/user/revoke/scopes', { body: { scopes: ['account_email'] } });
  await kakao.GET('/v2/user/service_terms');
  await kakao.POST('/v2/user/revoke/service_terms', { body: { tags: 'tag1,tag2' } });
  await kakao.GET('/.well-known/openid-configuration');
  await kakao.GET('/.well-known/jwks.json');
  await kakao.POST('/oauth/tokeninfo', { body: { id_token: 'x' } });
  const me = await kakao.GET('/v1/oidc/userinfo');
  return me.data?.sub;
}
