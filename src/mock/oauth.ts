// The static mock's Kakao Login flow (`--static`; the sandbox has its own in sandbox/tokens.ts),
// end to end: GET /oauth/authorize answers like Kakao after the user agreed
// (302 to redirect_uri with a code and the state), POST /oauth/token accepts that code once
// (checking client_id, client secret, redirect_uri and PKCE), GET /oauth/logout redirects back.
import crypto from 'node:crypto';
import { authError, type MockResponse } from './kakao-errors.js';
import type { MockKeys } from './auth.js';
import type { Json } from './operations.js';

interface IssuedCode {
  redirectUri: string;
  codeChallenge?: string;
  issuedAt: number;
}

/** The static mock's memory bound (the sandbox has its own, on its clock): codes expire and the oldest go first. */
const CODE_MS = 10 * 60 * 1000;
const MAX_CODES = 10000;

const random = () => crypto.randomBytes(24).toString('base64url');

const absoluteUrl = (value: unknown): URL | undefined => {
  try {
    return new URL(String(value));
  } catch {
    return undefined;
  }
};

export function createOAuth(keys: MockKeys) {
  const codes = new Map<string, IssuedCode>();

  const checkClient = (body: Json): MockResponse | null => {
    if (body.client_id !== keys.restApiKey) return authError(401, 'invalid_client', `Not exist client_id [${body.client_id ?? ''}]`, 'KOE101');
    if (keys.clientSecret !== undefined && body.client_secret !== keys.clientSecret) return authError(401, 'invalid_client', 'Bad client credentials', 'KOE010');
    return null;
  };

  return {
    authorize(query: Json): MockResponse {
      if (query.client_id !== keys.restApiKey) return authError(401, 'invalid_client', `Not exist client_id [${query.client_id ?? ''}]`, 'KOE101');
      const target = absoluteUrl(query.redirect_uri);
      if (!target) return authError(400, 'invalid_request', 'mock: redirect_uri is not an absolute URL');
      const code = random();
      // A Map keeps insertion order: the first entries are the oldest.
      for (const [old, issued] of codes) {
        if (codes.size < MAX_CODES && Date.now() - issued.issuedAt < CODE_MS) break;
        codes.delete(old);
      }
      codes.set(code, { redirectUri: query.redirect_uri, issuedAt: Date.now(), ...(query.code_challenge ? { codeChallenge: String(query.code_challenge) } : {}) });
      target.searchParams.set('code', code);
      if (query.state !== undefined) target.searchParams.set('state', String(query.state));
      return { status: 302, headers: { location: target.toString() } };
    },

    logout(query: Json): MockResponse {
      if (query.client_id !== keys.restApiKey) return authError(401, 'invalid_client', `Not exist client_id [${query.client_id ?? ''}]`, 'KOE101');
      const target = absoluteUrl(query.logout_redirect_uri);
      if (!target) return authError(400, 'invalid_request', 'mock: logout_redirect_uri is not an absolute URL');
      if (query.state !== undefined) target.searchParams.set('state', String(query.state));
      return { status: 302, headers: { location: target.toString() } };
    },

    /** Checks a token request; on success returns the fields to put over the documented example. */
    token(body: Json): MockResponse | { tokens: Record<string, string> } {
      const refused = checkClient(body);
      if (refused) return refused;
      if (body.grant_type === 'authorization_code') {
        const issued = codes.get(body.code);
        if (!issued || Date.now() - issued.issuedAt >= CODE_MS) return authError(400, 'invalid_grant', `authorization code not found for code=${body.code}`, 'KOE320');
        if (issued.redirectUri !== body.redirect_uri) return authError(400, 'invalid_grant', 'Redirect URI mismatch.', 'KOE303');
        if (issued.codeChallenge) {
          const expected = body.code_verifier ? crypto.createHash('sha256').update(String(body.code_verifier)).digest('base64url') : undefined;
          if (expected !== issued.codeChallenge) return authError(400, 'invalid_grant', 'mock: code_verifier does not match the code_challenge of the authorization request');
        }
        codes.delete(body.code);
        return { tokens: { access_token: random(), refresh_token: random() } };
      }
      return { tokens: { access_token: random() } };
    },
  };
}
