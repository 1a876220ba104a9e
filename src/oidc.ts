// Kakao Login with OpenID Connect: the redirect back to the app (parseCallback) and the ID token
// (verifyIdToken). Signatures are checked by jose (a maintained JOSE library), with Kakao's keys
// from GET /.well-known/jwks.json read through the client (so `baseUrl` and `fetch` apply), cached
// per client and fetched again when a token names a key the cache does not hold.
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { AuthorizeErrorCode } from '../generated/client/operations.js';
import type { components } from '../generated/client/paths.js';
import type { KakaoClient } from './client.js';
import { KakaoError } from './errors.js';

/** The issuer of Kakao's ID tokens (IdTokenPayload.iss). */
export const KAKAO_ISSUER = 'https://kauth.kakao.com';

export type IdTokenPayload = components['schemas']['IdTokenPayload'] & JWTPayload;

export interface VerifyIdTokenOptions {
  /** The app key the token must be issued to (`aud`); default: the client's restApiKey. */
  clientId?: string;
  /** The nonce sent to GET /oauth/authorize; the token must carry the same. */
  nonce?: string;
  /** Default https://kauth.kakao.com. */
  issuer?: string;
  /** Seconds of clock difference tolerated on `exp`/`iat` (default 0). */
  clockTolerance?: number;
  /** How long fetched keys are reused, in ms (default one hour; Kakao asks clients to cache them and not to fetch too often). */
  keysMaxAge?: number;
}

/** An ID token that did not verify: bad signature, wrong issuer or audience, expired, nonce mismatch, unknown key. */
export class KakaoIdTokenError extends KakaoError {
  declare readonly kind: 'id-token';
  /** jose's error code (ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ERR_JWT_EXPIRED …) or ERR_NONCE_MISMATCH. */
  readonly code: string;
  constructor(message: string, code: string, cause?: unknown) {
    super('id-token', message, 'verifyIdToken', { cause });
    this.code = code;
  }
}

interface KeyCache {
  keys?: ReturnType<typeof createLocalJWKSet>;
  at: number;
  /** The fetch in flight: concurrent verifications wait for one. */
  loading?: Promise<ReturnType<typeof createLocalJWKSet>>;
}
const caches = new WeakMap<KakaoClient, KeyCache>();
// Kakao may block clients that fetch the keys too often: an unknown key refetches at most this often.
const REFETCH_COOLDOWN_MS = 30_000;

async function loadKeys(kakao: KakaoClient, cache: KeyCache) {
  cache.loading ??= (async () => {
    const { data, error } = await kakao.GET('/.well-known/jwks.json');
    if (error) throw error;
    cache.keys = createLocalJWKSet(data as unknown as JSONWebKeySet);
    cache.at = Date.now();
    return cache.keys;
  })().finally(() => (cache.loading = undefined));
  return cache.loading;
}

/** Verifies a Kakao ID token (RS256) and returns its claims; throws KakaoIdTokenError when it does not hold. */
export async function verifyIdToken(kakao: KakaoClient, idToken: string, options: VerifyIdTokenOptions = {}): Promise<IdTokenPayload> {
  const audience = options.clientId ?? (await kakao.credential('restApiKey'));
  if (!audience) throw new KakaoError('usage', 'verifyIdToken needs clientId (or restApiKey on the client): the app key the token must be issued to', 'verifyIdToken');
  let cache = caches.get(kakao);
  if (!cache) caches.set(kakao, (cache = { at: 0 }));
  const fresh = cache.keys && Date.now() - cache.at < (options.keysMaxAge ?? 3_600_000);
  const verify = (keys: ReturnType<typeof createLocalJWKSet>) =>
    jwtVerify(idToken, keys, { issuer: options.issuer ?? KAKAO_ISSUER, audience, algorithms: ['RS256'], clockTolerance: options.clockTolerance ?? 0 });
  let payload: JWTPayload;
  try {
    try {
      payload = (await verify(fresh ? cache.keys! : await loadKeys(kakao, cache))).payload;
    } catch (error) {
      // A key Kakao added since the keys were fetched: fetch them again (not more often than the cooldown).
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || Date.now() - cache.at < REFETCH_COOLDOWN_MS) throw error;
      payload = (await verify(await loadKeys(kakao, cache))).payload;
    }
  } catch (error) {
    if (error instanceof KakaoError) throw error;
    const code = (error as { code?: string }).code ?? 'ERR_JOSE';
    throw new KakaoIdTokenError(`The ID token did not verify: ${(error as Error).message} (${code})`, code, error);
  }
  if (options.nonce !== undefined && payload.nonce !== options.nonce) {
    throw new KakaoIdTokenError('The ID token did not verify: its nonce is not the one sent to /oauth/authorize', 'ERR_NONCE_MISMATCH');
  }
  return payload as IdTokenPayload;
}

/** The redirect back from Kakao Login: the code, or Kakao's error. */
export type CallbackResult =
  | { code: string; state?: string; error?: never }
  | { code?: never; state?: string; error: { error: AuthorizeErrorCode | (string & {}); error_description?: string } };

/**
 * Reads the redirect URI Kakao sent the browser to (`?code=…&state=…` or `?error=…`). Throws
 * KakaoError kind 'usage' when `state` is not the one sent (not our login: never exchange its code).
 */
export function parseCallback(url: string | URL, options: { state?: string }): CallbackResult {
  const query = new URL(url).searchParams;
  const state = query.get('state') ?? undefined;
  if (options.state !== undefined && state !== options.state) {
    throw new KakaoError('usage', 'The Kakao Login callback carries another state than the one sent: not this login (possible CSRF)', 'getAuthorizationCode');
  }
  const error = query.get('error');
  if (error) {
    const description = query.get('error_description');
    return { state, error: { error, ...(description !== null ? { error_description: description } : {}) } };
  }
  const code = query.get('code');
  if (!code) throw new KakaoError('usage', 'The Kakao Login callback has neither code nor error', 'getAuthorizationCode');
  return { code, state };
}
