// Authorization codes, access and refresh tokens, and ID tokens, on the mock's clock, with Kakao's
// documented rules: KOE320 for a code that is unknown, used or expired; KOE303 for another
// redirect_uri; KOE322 for a refresh token that is unknown, expired or revoked; KOE319 for none;
// KOE400 for an invalid ID token; a refresh renews the refresh token only when it has less than a
// month left. Everything issued expires and is then forgotten, so a long-lived mock does not grow.
import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { authError, type MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import type { CodeRecord, SandboxState, SandboxUser } from './state.js';
import { userInfoClaims } from './consent.js';
import { ok } from './respond.js';

export const ISSUER = 'https://kauth.kakao.com';
const random = () => crypto.randomBytes(24).toString('base64url');

/** An error page as the browser shows it (Kakao answers authorize errors with a page, not JSON); status Kakao does not document. */
export function koePage(code: string, text: string, status = 400): MockResponse {
  const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return {
    status,
    headers: { 'content-type': 'text/html;charset=UTF-8' },
    body: `<!doctype html><meta charset="utf-8"><title>${code}</title><h1>${code}</h1><p>${escaped}</p><p>(kakao-openapi-mock: Kakao shows this error as a page in the browser.)</p>`,
  };
}

/** The signing key of the mock's ID tokens, made once per process (RS256, as Kakao's discovery document states). */
let keyPair: Promise<{ privateKey: CryptoKey; publicKey: CryptoKey; kid: string; jwk: JWK }> | undefined;
export const signingKey = () =>
  (keyPair ??= (async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = crypto.createHash('sha256').update(String(jwk.n)).digest('base64url').slice(0, 16);
    return { privateKey, publicKey, kid, jwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
  })());

export function createTokens(state: () => SandboxState, now: () => number) {
  let issued = 0;

  /** Forgets what has expired, and unredeemed codes beyond the limit (oldest first). */
  function sweep() {
    const s = state();
    const t = now();
    for (const [k, v] of Object.entries(s.codes)) if (v.expires_at <= t) delete s.codes[k];
    for (const [k, v] of Object.entries(s.access_tokens)) if (v.expires_at <= t) delete s.access_tokens[k];
    for (const [k, v] of Object.entries(s.refresh_tokens)) if (v.expires_at <= t) delete s.refresh_tokens[k];
    const codes = Object.keys(s.codes);
    for (let i = 0; i < codes.length - s.limits.maxLiveCodes; i++) delete s.codes[codes[i]!];
  }
  const tick = () => {
    if (++issued % 256 === 0) sweep();
  };

  async function idToken(user: SandboxUser, scopes: string[], expiresAt: number, nonce?: string): Promise<string> {
    const { privateKey, kid } = await signingKey();
    const s = state();
    const iat = Math.floor(now() / 1000);
    const claims: Json = { auth_time: iat, ...(nonce ? { nonce } : {}) };
    const info = userInfoClaims(user, scopes);
    for (const k of ['nickname', 'picture', 'email'] as const) if (info[k] !== undefined) claims[k] = info[k];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(s.app.restApiKey)
      .setSubject(String(user.id))
      .setIssuedAt(iat)
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .sign(privateKey);
  }

  /** A token response: a new access token, and a new refresh token when `renew`. */
  async function issue(user: SandboxUser, scopes: string[], refresh: { renew: boolean; old?: string; openid: boolean; nonce?: string }): Promise<Json> {
    const s = state();
    tick();
    const t = now();
    const access = random();
    const accessExpires = t + s.limits.accessTokenSeconds * 1000;
    let refreshToken = refresh.old;
    const body: Json = { token_type: 'bearer', access_token: access, expires_in: s.limits.accessTokenSeconds };
    if (refresh.renew) {
      if (refresh.old) delete s.refresh_tokens[refresh.old];
      refreshToken = random();
      s.refresh_tokens[refreshToken] = { user_id: user.id, scopes, expires_at: t + s.limits.refreshTokenSeconds * 1000, openid: refresh.openid, ...(refresh.nonce ? { nonce: refresh.nonce } : {}) };
      body.refresh_token = refreshToken;
      body.refresh_token_expires_in = s.limits.refreshTokenSeconds;
    }
    s.access_tokens[access] = { user_id: user.id, scopes, expires_at: accessExpires, ...(refreshToken ? { refresh_token: refreshToken } : {}) };
    if (scopes.length) body.scope = scopes.join(' ');
    if (refresh.openid) body.id_token = await idToken(user, scopes, accessExpires, refresh.nonce);
    return body;
  }

  const userOf = (id: number) => state().users.find((u) => u.id === id && u.linked);

  return {
    sweep,

    /** Records a code for `user` that `redirectUri` can exchange until it expires. */
    newCode(user: SandboxUser, code: Omit<CodeRecord, 'user_id' | 'expires_at'>): string {
      const s = state();
      tick();
      const value = random();
      s.codes[value] = { ...code, user_id: user.id, expires_at: now() + s.limits.codeSeconds * 1000 };
      return value;
    },

    /** grant_type=authorization_code, after the client checks. */
    async exchange(body: Json): Promise<MockResponse> {
      const s = state();
      const issuedCode = s.codes[body.code];
      if (!issuedCode || issuedCode.expires_at <= now()) {
        if (issuedCode) delete s.codes[body.code];
        return authError(400, 'invalid_grant', `authorization code not found for code=${body.code}`, 'KOE320');
      }
      const spend = () => {
        if (s.limits.failedExchangeSpendsCode) delete s.codes[body.code];
      };
      if (issuedCode.redirect_uri !== body.redirect_uri) {
        spend();
        return authError(400, 'invalid_grant', 'Redirect URI mismatch.', 'KOE303');
      }
      if (issuedCode.code_challenge) {
        const expected = body.code_verifier ? crypto.createHash('sha256').update(String(body.code_verifier)).digest('base64url') : undefined;
        if (expected !== issuedCode.code_challenge) {
          spend();
          return authError(400, 'invalid_grant', 'mock: code_verifier does not match the code_challenge of the authorization request');
        }
      }
      delete s.codes[body.code];
      const user = userOf(issuedCode.user_id);
      if (!user) return authError(400, 'invalid_grant', `authorization code not found for code=${body.code}`, 'KOE320');
      const openid = issuedCode.scopes.includes('openid');
      return ok(await issue(user, issuedCode.scopes, { renew: true, openid, nonce: issuedCode.nonce }));
    },

    /** grant_type=refresh_token, after the client checks. */
    async refresh(body: Json): Promise<MockResponse> {
      const s = state();
      if (body.refresh_token === undefined || body.refresh_token === '') return authError(400, 'invalid_request', 'mock: no refresh_token was sent', 'KOE319');
      const record = s.refresh_tokens[body.refresh_token];
      const user = record && userOf(record.user_id);
      if (!record || record.expires_at <= now() || !user) {
        if (record) delete s.refresh_tokens[body.refresh_token];
        return authError(400, 'invalid_grant', 'expired_or_invalid_refresh_token', 'KOE322');
      }
      const renew = record.expires_at - now() < s.limits.refreshRenewSeconds * 1000;
      const scopes = record.scopes.filter((id) => user.agreed.includes(id));
      record.scopes = scopes;
      return {
        status: 200,
        headers: { 'content-type': 'application/json;charset=UTF-8' },
        body: await issue(user, scopes, { renew, old: body.refresh_token, openid: record.openid, nonce: record.nonce }),
      };
    },

    /** The access token's record when it is live; undefined otherwise (expired ones are forgotten). */
    lookup(token: string) {
      const s = state();
      const record = s.access_tokens[token];
      if (!record) return undefined;
      if (record.expires_at <= now() || !userOf(record.user_id)) {
        delete s.access_tokens[token];
        return undefined;
      }
      return record;
    },

    /** Logout: this access token and its refresh token stop working. */
    revoke(token: string) {
      const s = state();
      const record = s.access_tokens[token];
      if (record?.refresh_token) delete s.refresh_tokens[record.refresh_token];
      delete s.access_tokens[token];
    },

    /** Every token of a user stops working (unlink; logout with the Admin key). */
    revokeUser(userId: number) {
      const s = state();
      for (const [k, v] of Object.entries(s.access_tokens)) if (v.user_id === userId) delete s.access_tokens[k];
      for (const [k, v] of Object.entries(s.refresh_tokens)) if (v.user_id === userId) delete s.refresh_tokens[k];
    },

    /** POST /oauth/tokeninfo: the payload of an ID token this mock signed and that has not expired; KOE400 otherwise. */
    async tokenInfo(token: unknown): Promise<MockResponse> {
      const { publicKey } = await signingKey();
      try {
        const { payload } = await jwtVerify(String(token ?? ''), publicKey, { issuer: ISSUER, currentDate: new Date(now()), algorithms: ['RS256'] });
        return ok(payload);
      } catch {
        // Kakao's documented body for KOE400 has no error_description.
        return { status: 400, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: { error: 'invalid_token', error_code: 'KOE400' } };
      }
    },

    async jwks(): Promise<MockResponse> {
      const { jwk } = await signingKey();
      return ok({ keys: [jwk] });
    },
  };
}

export type Tokens = ReturnType<typeof createTokens>;
