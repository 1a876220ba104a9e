// Kakao Login helpers: the authorize URL, the code exchange, the refresh, PKCE.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizeUrl, createKakaoClient, createPkce, exchangeCode, refreshToken } from '../../src/index.js';
import { json, recordingFetch } from '../helpers/fetch.js';

const KEYS = { restApiKey: 'fake-rest-api-key', clientSecret: 'fake-client-secret' };
const TOKENS = { token_type: 'bearer', access_token: 'fake-access', expires_in: 21599, refresh_token: 'fake-refresh', refresh_token_expires_in: 5183999 };

describe('authorizeUrl', () => {
  it('points at kauth with client_id, response_type=code and the caller\'s parameters', async () => {
    const url = new URL(
      await authorizeUrl(createKakaoClient(KEYS), {
        redirect_uri: 'https://example.com/callback',
        state: 'fake-state-123',
        scope: ['account_email', 'profile_nickname'],
        prompt: ['login'],
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://kauth.kakao.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'fake-rest-api-key',
      response_type: 'code',
      redirect_uri: 'https://example.com/callback',
      state: 'fake-state-123',
      scope: 'account_email,profile_nickname',
      prompt: 'login',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    expect(url.toString()).not.toContain('fake-client-secret');
  });

  it('follows baseUrl (a mock)', async () => {
    const url = await authorizeUrl(createKakaoClient({ ...KEYS, baseUrl: 'http://127.0.0.1:4010' }), { redirect_uri: 'https://example.com/cb' });
    expect(url.startsWith('http://127.0.0.1:4010/oauth/authorize?')).toBe(true);
  });

  it('needs the REST API key', async () => {
    await expect(authorizeUrl(createKakaoClient({}), { redirect_uri: 'https://example.com/cb' })).rejects.toThrow('needs restApiKey');
  });
});

describe('exchangeCode and refreshToken', () => {
  it('exchangeCode posts the form to kauth with the app credentials and no Authorization header', async () => {
    const { fetch, calls } = recordingFetch(() => json(TOKENS));
    const { data } = await exchangeCode(createKakaoClient({ ...KEYS, fetch }), { code: 'fake-code', redirect_uri: 'https://example.com/cb', code_verifier: 'fake-verifier' });
    expect(data?.access_token).toBe('fake-access');
    const req = calls[0]!;
    expect(`${req.method} ${req.url}`).toBe('POST https://kauth.kakao.com/oauth/token');
    expect(req.headers.get('authorization')).toBeNull();
    expect(req.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'fake-rest-api-key',
      client_secret: 'fake-client-secret',
      code: 'fake-code',
      redirect_uri: 'https://example.com/cb',
      code_verifier: 'fake-verifier',
    });
  });

  it('refreshToken posts grant_type=refresh_token; without a client secret none is sent', async () => {
    const { fetch, calls } = recordingFetch(() => json({ token_type: 'bearer', access_token: 'fake-new', expires_in: 21599 }));
    const { data } = await refreshToken(createKakaoClient({ restApiKey: KEYS.restApiKey, fetch }), { refresh_token: 'fake-refresh' });
    expect(data?.access_token).toBe('fake-new');
    expect(Object.fromEntries(new URLSearchParams(calls[0]!.body))).toEqual({ grant_type: 'refresh_token', client_id: 'fake-rest-api-key', refresh_token: 'fake-refresh' });
  });

  it('a refused code arrives as a typed KakaoAuthError', async () => {
    const { fetch } = recordingFetch(() => json({ error: 'invalid_grant', error_description: 'authorization code not found for code=fake-code', error_code: 'KOE320' }, 400));
    const { error } = await exchangeCode(createKakaoClient({ ...KEYS, fetch }), { code: 'fake-code', redirect_uri: 'https://example.com/cb' });
    expect(error).toMatchObject({ kind: 'auth', error_code: 'KOE320', status: 400 });
  });
});

describe('createPkce', () => {
  it('makes an S256 pair: challenge = base64url(SHA-256(verifier))', async () => {
    const { codeVerifier, codeChallenge, codeChallengeMethod } = await createPkce();
    expect(codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(codeChallenge).toBe(crypto.createHash('sha256').update(codeVerifier).digest('base64url'));
    expect(codeChallengeMethod).toBe('S256');
    expect((await createPkce()).codeVerifier).not.toBe(codeVerifier);
  });
});
