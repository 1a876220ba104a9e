// Benchmark fixture: the same 20 calls as consumer.ts, written with plain openapi-fetch and the
// on-the-wire types of generated/types/kakao.ts (openapi-typescript), as a user without this
// package would: one client per host, Authorization and JSON text by hand. `npm run bench` compares
// the type-checking cost of the two (instantiations).
import createClient from 'openapi-fetch';
import type { paths } from '../generated/types/kakao.js';

const kauth = createClient<paths>({ baseUrl: 'https://kauth.kakao.com' });
const kapi = createClient<paths>({ baseUrl: 'https://kapi.kakao.com' });
const user = { Authorization: 'Bearer fake' };
const admin = { Authorization: 'KakaoAK fake' };
const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

export async function calls() {
  await kauth.GET('/oauth/authorize', { params: { query: { client_id: 'fake', redirect_uri: 'https://example.com/cb', response_type: 'code', state: 's' } }, parseAs: 'text' });
  await kauth.POST('/oauth/token', { body: { grant_type: 'authorization_code', client_id: 'fake', code: 'c', redirect_uri: 'https://example.com/cb' }, headers: form });
  await kauth.POST('/oauth/token', { body: { grant_type: 'refresh_token', client_id: 'fake', refresh_token: 'r' }, headers: form });
  await kapi.POST('/v1/user/logout', { headers: user });
  await kapi.POST('/v1/user/unlink', { headers: user });
  await kapi.GET('/v1/user/access_token_info', { headers: user });
  await kapi.GET('/v2/user/me', { params: { query: { property_keys: '["kakao_account.email"]' } }, headers: user });
  await kapi.POST('/v2/user/me', { body: { property_keys: '["kakao_account.profile"]' }, headers: { ...user, ...form } });
  await kapi.GET('/v2/app/users', { params: { query: { target_id_type: 'user_id', target_ids: '[1,2]' } }, headers: admin });
  await kapi.GET('/v1/user/ids', { params: { query: { limit: 10, order: 'asc' } }, headers: admin });
  await kapi.POST('/v1/user/update_profile', { body: { properties: '{"key":"value"}' }, headers: { ...user, ...form } });
  await kapi.GET('/v1/user/shipping_address', { headers: user });
  await kapi.GET('/v2/user/scopes', { headers: user });
  await kapi.POST('/v2/user/revoke/scopes', { body: { scopes: '["account_email"]' }, headers: { ...user, ...form } });
  await kapi.GET('/v2/user/service_terms', { headers: user });
  await kapi.POST('/v2/user/revoke/service_terms', { body: { tags: 'tag1,tag2' }, headers: { ...user, ...form } });
  await kauth.GET('/.well-known/openid-configuration');
  await kauth.GET('/.well-known/jwks.json');
  await kauth.POST('/oauth/tokeninfo', { body: { id_token: 'x' }, headers: form });
  const me = await kapi.GET('/v1/oidc/userinfo', { headers: user });
  return me.data?.sub;
}
