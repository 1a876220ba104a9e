// OpenID Connect: ID tokens signed by a test key (no network: the keys come from an injected
// fetch standing in for GET /.well-known/jwks.json), and the Login callback parser.
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createKakaoClient, KakaoIdTokenError, parseCallback, verifyIdToken } from '../../src/index.js';
import { json, recordingFetch } from '../helpers/fetch.js';

const APP_KEY = 'fake-rest-api-key';
let signer: CryptoKey;
let publicJwk: JWK;
let otherSigner: CryptoKey;
let otherJwk: JWK;

beforeAll(async () => {
  const a = await generateKeyPair('RS256');
  const b = await generateKeyPair('RS256');
  signer = a.privateKey;
  otherSigner = b.privateKey;
  publicJwk = { ...(await exportJWK(a.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  otherJwk = { ...(await exportJWK(b.publicKey)), kid: 'key-2', alg: 'RS256', use: 'sig' };
});

const now = () => Math.floor(Date.now() / 1000);
function idToken(claims: Record<string, unknown> = {}, { key = signer, kid = 'key-1' } = {}) {
  const payload = { iss: 'https://kauth.kakao.com', aud: APP_KEY, sub: '123456789', iat: now(), exp: now() + 3600, auth_time: now(), nonce: 'nonce-1', ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

function kakaoWithKeys(sets: JWK[][]) {
  let served = 0;
  const recorded = recordingFetch((r) => {
    if (r.url.pathname !== '/.well-known/jwks.json') return json({ error: 'not here' }, 404);
    return json({ keys: sets[Math.min(served++, sets.length - 1)] });
  });
  return { kakao: createKakaoClient({ restApiKey: APP_KEY, fetch: recorded.fetch }), calls: recorded.calls, served: () => served };
}

describe('verifyIdToken', () => {
  it('returns the claims of a valid token, and reuses the fetched keys', async () => {
    const { kakao, calls } = kakaoWithKeys([[publicJwk]]);
    const claims = await verifyIdToken(kakao, await idToken(), { nonce: 'nonce-1' });
    expect(claims).toMatchObject({ iss: 'https://kauth.kakao.com', aud: APP_KEY, sub: '123456789', nonce: 'nonce-1' });
    await verifyIdToken(kakao, await idToken(), { clientId: APP_KEY });
    expect(calls.map((c) => `${c.url.host}${c.url.pathname}`)).toEqual(['kauth.kakao.com/.well-known/jwks.json']);
  });

  const refused: [string, () => Promise<string>, object, string][] = [
    ['wrong aud', () => idToken({ aud: 'another-app' }), {}, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['wrong iss', () => idToken({ iss: 'https://evil.example' }), {}, 'ERR_JWT_CLAIM_VALIDATION_FAILED'],
    ['expired', () => idToken({ exp: now() - 60 }), {}, 'ERR_JWT_EXPIRED'],
    ['wrong nonce', () => idToken(), { nonce: 'another-nonce' }, 'ERR_NONCE_MISMATCH'],
    ['signed by a key that is not Kakao\'s (same kid)', () => idToken({}, { key: otherSigner }), {}, 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
    [
      'tampered payload',
      async () => {
        const [h, p, s] = (await idToken()).split('.');
        const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
        return [h, Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url'), s].join('.');
      },
      {},
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ],
  ];
  it.each(refused)('refuses a token: %s', async (_what, make, options, code) => {
    const { kakao } = kakaoWithKeys([[publicJwk]]);
    const error = await verifyIdToken(kakao, await make(), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KakaoIdTokenError);
    expect(error).toMatchObject({ kind: 'id-token', code });
  });

  it('fetches the keys again for an unknown kid (a key Kakao added), then verifies', async () => {
    const { kakao, served } = kakaoWithKeys([[publicJwk], [publicJwk, otherJwk]]);
    await verifyIdToken(kakao, await idToken());
    expect(served()).toBe(1);
    // Within the cooldown an unknown kid is refused without hammering Kakao…
    const early = await verifyIdToken(kakao, await idToken({}, { key: otherSigner, kid: 'key-2' })).catch((e: unknown) => e);
    expect(early).toMatchObject({ kind: 'id-token', code: 'ERR_JWKS_NO_MATCHING_KEY' });
    expect(served()).toBe(1);
  });

  it('…and after the cooldown (30 s) fetches them again once and verifies', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { kakao, served } = kakaoWithKeys([[publicJwk], [publicJwk, otherJwk]]);
      await verifyIdToken(kakao, await idToken());
      vi.setSystemTime(Date.now() + 31_000);
      const claims = await verifyIdToken(kakao, await idToken({}, { key: otherSigner, kid: 'key-2' }));
      expect(claims.sub).toBe('123456789');
      expect(served()).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a kid that is not among the keys even after fetching them again', async () => {
    const { kakao } = kakaoWithKeys([[publicJwk]]);
    const error = await verifyIdToken(kakao, await idToken({}, { kid: 'key-9' }), { keysMaxAge: 0 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'id-token', code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });
});

describe('parseCallback', () => {
  it('returns the code and state of a successful login', () => {
    expect(parseCallback('https://example.com/cb?code=abc&state=s1', { state: 's1' })).toEqual({ code: 'abc', state: 's1' });
  });

  it('returns Kakao\'s error (e.g. the user cancelled)', () => {
    expect(parseCallback('https://example.com/cb?error=access_denied&error_description=User%20denied%20access&state=s1', { state: 's1' })).toEqual({
      state: 's1',
      error: { error: 'access_denied', error_description: 'User denied access' },
    });
  });

  it('throws when the state is not the one sent', () => {
    expect(() => parseCallback('https://example.com/cb?code=abc&state=other', { state: 's1' })).toThrow('another state');
    expect(() => parseCallback('https://example.com/cb?code=abc', { state: 's1' })).toThrow('another state');
  });
});
