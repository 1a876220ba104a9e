// Example: Kakao Login on a server, then a few calls with the user's token — as a user of the
// package writes it. Call main({ baseUrl }) against the mock (`npm run mock -- --rest-api-key
// fake-rest-api-key --client-secret fake-client-secret`), or main({ fetch }) with your own fetch,
// as the tests do (test/example-app.test.ts, test/mock/cli.test.ts).
import { authorizeUrl, createKakaoClient, createPkce, exchangeCode, isKakaoError } from 'kakao-openapi';

export interface ExampleOptions {
  /** Where Kakao is: a mock's URL; omit for the real Kakao hosts. */
  baseUrl?: string;
  /** The fetch to use (a test's fake Kakao, or the global one). */
  fetch?: (request: Request) => Promise<Response>;
  log?: (...args: unknown[]) => void;
}

export async function main({ baseUrl, fetch = globalThis.fetch, log = console.log }: ExampleOptions = {}) {
  // Server-side app credentials (fake values: put your own in the environment).
  const app = createKakaoClient({ restApiKey: 'fake-rest-api-key', clientSecret: 'fake-client-secret', baseUrl, fetch });

  // 1. Send the browser to Kakao, with a state and PKCE.
  const state = crypto.randomUUID();
  const pkce = await createPkce();
  const loginUrl = await authorizeUrl(app, {
    redirect_uri: 'https://example.com/oauth/kakao/callback',
    state,
    code_challenge: pkce.codeChallenge,
    code_challenge_method: pkce.codeChallengeMethod,
  });

  // 2. Kakao redirects back with ?code=…&state=… (here we follow the redirect as a browser would).
  const redirect = await fetch(new Request(loginUrl, { redirect: 'manual' }));
  const callback = new URL(redirect.headers.get('location') ?? '');
  if (callback.searchParams.get('state') !== state) throw new Error('state mismatch: not our login');
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`login refused: ${callback.searchParams.get('error')}`);

  // 3. Exchange the code for tokens.
  const tokens = await exchangeCode(app, { code, redirect_uri: 'https://example.com/oauth/kakao/callback', code_verifier: pkce.codeVerifier });
  if (tokens.error) throw tokens.error;
  log('token type:', tokens.data.token_type, 'expires in', tokens.data.expires_in, 's');

  // 4. Call APIs as the user.
  const user = createKakaoClient({ accessToken: tokens.data.access_token, baseUrl, fetch });
  const me = await user.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email', 'kakao_account.profile'] } } });
  if (me.error) {
    if (isKakaoError(me.error) && me.error.kind === 'api') log('Kakao refused:', me.error.code, me.error.msg);
    throw me.error;
  }
  log('user id:', me.data.id, 'nickname:', me.data.kakao_account?.profile?.nickname);

  const info = await user.GET('/v1/user/access_token_info');
  if (info.error) throw info.error;
  log('token belongs to app', info.data.app_id, 'for', info.data.expires_in, 's more');

  const logout = await user.POST('/v1/user/logout');
  if (logout.error) throw logout.error;
  log('logged out user', logout.data.id);
  return { userId: me.data.id, appId: info.data.app_id, loggedOut: logout.data.id };
}
