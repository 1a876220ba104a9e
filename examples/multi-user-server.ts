// Example: one server acting for many users — as a user of the package writes it. One client holds
// the app's credentials; each call names the user's tokens (a TokenStore over the server's session
// storage). An expired access token is refreshed once, saved, and the call goes through; safe calls
// are retried on 429/5xx; the hooks log each attempt without ever seeing a token.
// test/example-app.test.ts runs it against a stand-in for Kakao whose first token has expired.
import { createKakaoClient, exchangeCode, type KakaoTokens, type TokenStore } from 'kakao-openapi';

export interface ServerOptions {
  /** Where Kakao is: a mock's URL; omit for the real Kakao hosts. */
  baseUrl?: string;
  /** The fetch to use (a test's stand-in, or the global one). */
  fetch?: (request: Request) => Promise<Response>;
  log?: (line: string) => void;
}

export function createServer({ baseUrl, fetch, log = console.log }: ServerOptions = {}) {
  // Your session storage (a database table, Redis…): session id → the user's Kakao tokens.
  const sessions = new Map<string, KakaoTokens>();
  const tokensOf = (session: string): TokenStore => ({
    get: () => sessions.get(session),
    set: (tokens) => void sessions.set(session, tokens),
  });

  // One client for the whole server: app credentials only (fake values: use your own from the environment).
  const kakao = createKakaoClient({
    restApiKey: 'fake-rest-api-key',
    clientSecret: 'fake-client-secret',
    baseUrl,
    fetch,
    timeout: 10_000,
    onResponse: (e) => log(`${e.operationId} attempt ${e.attempt}: ${e.status ?? e.errorCode} in ${e.duration} ms${e.errorCode !== undefined ? ` (${e.errorCode})` : ''}`),
  });

  return {
    sessions,
    /** The Login callback: exchange the code and keep the user's tokens in their session. */
    async login(session: string, code: string) {
      const tokens = await exchangeCode(kakao, { code, redirect_uri: 'https://example.com/oauth/kakao/callback' });
      if (tokens.error) throw tokens.error;
      sessions.set(session, { access_token: tokens.data.access_token, refresh_token: tokens.data.refresh_token });
    },
    /** A page for the signed-in user: their profile, with their own tokens. */
    async profile(session: string) {
      const me = await kakao.GET('/v2/user/me', { tokenStore: tokensOf(session), params: { query: { property_keys: ['kakao_account.profile'] } } });
      if (me.error) {
        // -401 after a failed refresh: the user must log in again.
        if (me.error.kind === 'api' && me.error.code === -401) return { signedOut: true as const };
        throw me.error;
      }
      return { id: me.data.id, nickname: me.data.kakao_account?.profile?.nickname };
    },
    /** A token handed in by another service: a per-call access token, no store, no refresh. */
    async tokenInfo(accessToken: string) {
      const info = await kakao.GET('/v1/user/access_token_info', { accessToken });
      if (info.error) throw info.error;
      return info.data.app_id;
    },
  };
}
