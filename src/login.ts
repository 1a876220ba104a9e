// Kakao Login helpers, built on the described operations: the authorize URL (GET /oauth/authorize),
// the code exchange and the token refresh (POST /oauth/token), and PKCE (S256, the only method
// Kakao's discovery document lists).
import type { paths } from '../generated/client/paths.js';
import { KakaoError } from './errors.js';
import type { KakaoClient } from './client.js';
import { encodeParams } from './serialize.js';

type AuthorizeQuery = paths['/oauth/authorize']['get']['parameters']['query'];
type TokenBody = NonNullable<paths['/oauth/token']['post']['requestBody']>['content']['application/x-www-form-urlencoded'];
type Managed = 'client_id' | 'client_secret' | 'grant_type';

/** Query of the authorize URL; `client_id` (the REST API key) and `response_type=code` are filled in. */
export type AuthorizeUrlParams = Omit<AuthorizeQuery, 'client_id' | 'response_type'>;
/** The code exchange; `client_id`, `client_secret` and `grant_type` are filled in. */
export type ExchangeCodeParams = Omit<Extract<TokenBody, { grant_type: 'authorization_code' }>, Managed>;
/** The token refresh; `client_id`, `client_secret` and `grant_type` are filled in. */
export type RefreshTokenParams = Omit<Extract<TokenBody, { grant_type: 'refresh_token' }>, Managed>;

async function appCredentials(kakao: KakaoClient, operation: string) {
  const clientId = await kakao.credential('restApiKey');
  if (!clientId) throw new KakaoError('usage', `${operation} needs restApiKey (Kakao Login's client_id), which was not given to createKakaoClient`, operation);
  const clientSecret = await kakao.credential('clientSecret');
  return { client_id: clientId, ...(clientSecret ? { client_secret: clientSecret } : {}) };
}

/** The URL to send the user's browser to, to start Kakao Login. Pass a `state` and check it on return. */
export async function authorizeUrl(kakao: KakaoClient, params: AuthorizeUrlParams): Promise<string> {
  const info = kakao.operation('GET', '/oauth/authorize');
  if (!info) throw new KakaoError('usage', "GET /oauth/authorize is not among this client's operations (for a lite client, add getAuthorizationCode from 'kakao-openapi/operations')");
  const { client_id } = await appCredentials(kakao, info.operationId);
  const query = encodeParams({ client_id, response_type: 'code', ...params }, info.jsonQuery, info.csvQuery);
  return `${kakao.hostFor(info).replace(/\/$/, '')}/oauth/authorize?${query}`;
}

/** Exchanges the authorization code from the redirect for tokens. */
export async function exchangeCode(kakao: KakaoClient, params: ExchangeCodeParams) {
  const body = { grant_type: 'authorization_code' as const, ...(await appCredentials(kakao, 'issueToken')), ...params };
  return kakao.POST('/oauth/token', { body: body as TokenBody });
}

/** Gets a new access token (and, when Kakao renews it, a new refresh token). */
export async function refreshToken(kakao: KakaoClient, params: RefreshTokenParams) {
  const body = { grant_type: 'refresh_token' as const, ...(await appCredentials(kakao, 'issueToken')), ...params };
  return kakao.POST('/oauth/token', { body: body as TokenBody });
}

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A PKCE pair: keep `codeVerifier` for the exchange, send `codeChallenge` with the authorize URL. */
export async function createPkce(): Promise<{ codeVerifier: string; codeChallenge: string; codeChallengeMethod: 'S256' }> {
  const codeVerifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
  return { codeVerifier, codeChallenge: base64url(new Uint8Array(digest)), codeChallengeMethod: 'S256' };
}
