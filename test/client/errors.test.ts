// Errors: Kakao's error bodies become typed errors by kind; transport failures are reported
// clearly; no error carries a credential.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKakaoClient, KakaoApiError, KakaoAuthError, KakaoError, KakaoHttpError, KakaoInvalidResponseError } from '../../src/index.js';
import { json, recordingFetch } from '../helpers/fetch.js';

const FAKE = { accessToken: 'fake-access-token-SECRET1', restApiKey: 'fake-rest-key-SECRET2', adminKey: 'fake-admin-key-SECRET3', clientSecret: 'fake-client-secret-SECRET4' };
const noSecrets = (e: unknown) => {
  const text = `${String(e)} ${JSON.stringify(e)} ${(e as Error).stack ?? ''}`;
  for (const secret of Object.values(FAKE)) expect(text).not.toContain(secret);
};

describe('Kakao error bodies', () => {
  it('kapi {code, msg} → KakaoApiError with status, code, msg', async () => {
    const { fetch } = recordingFetch(() => json({ code: -401, msg: 'this access token does not exist' }, 401, { 'www-authenticate': 'Bearer error=invalid_token' }));
    const { data, error, response } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toBeInstanceOf(KakaoApiError);
    expect(error).toMatchObject({ kind: 'api', status: 401, code: -401, msg: 'this access token does not exist', operationId: 'getUserMe' });
    noSecrets(error);
  });

  it('-402 keeps the scope fields', async () => {
    const body = { code: -402, msg: 'insufficient scopes.', api_type: 'USER_ME', required_scopes: ['account_email'], allowed_scopes: ['profile'] };
    const { fetch } = recordingFetch(() => json(body, 403));
    const { error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    expect(error).toMatchObject({ kind: 'api', ...body });
  });

  it('kauth {error, error_description, error_code} → KakaoAuthError', async () => {
    const body = { error: 'invalid_grant', error_description: 'authorization code not found for code=abc', error_code: 'KOE320' };
    const { fetch } = recordingFetch(() => json(body, 400));
    const kakao = createKakaoClient({ ...FAKE, fetch });
    const { error } = await kakao.POST('/oauth/token', { body: { grant_type: 'authorization_code', client_id: 'x', code: 'abc', redirect_uri: 'https://example.com/cb' } });
    expect(error).toBeInstanceOf(KakaoAuthError);
    expect(error).toMatchObject({ kind: 'auth', status: 400, operationId: 'issueToken', ...body });
    expect((error as KakaoAuthError).message).toContain('KOE320');
    noSecrets(error);
  });

  it('a non-Kakao error body (HTML from a gateway) → KakaoHttpError with the text', async () => {
    const { fetch } = recordingFetch(() => new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const { error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    expect(error).toBeInstanceOf(KakaoHttpError);
    expect(error).toMatchObject({ kind: 'http', status: 502, body: '<html>Bad Gateway</html>' });
  });

  it('an empty error body → KakaoHttpError', async () => {
    const { fetch } = recordingFetch(() => new Response(null, { status: 503, headers: { 'content-length': '0' } }));
    const { error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    expect(error).toMatchObject({ kind: 'http', status: 503 });
  });

  it('a success body that is not JSON → KakaoInvalidResponseError (thrown)', async () => {
    const { fetch } = recordingFetch(() => new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const attempt = createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    await expect(attempt).rejects.toBeInstanceOf(KakaoInvalidResponseError);
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid-response', status: 200, contentType: 'text/html' });
  });

  it('a success body is parsed and returned as data', async () => {
    const { fetch } = recordingFetch(() => json({ id: 123456789, kakao_account: { email: 'sample@sample.com' } }));
    const { data, error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    expect(error).toBeUndefined();
    expect(data?.id).toBe(123456789);
    expect(data?.kakao_account?.email).toBe('sample@sample.com');
  });
});

describe('transport failures (thrown)', () => {
  it('network failure → kind "network"', async () => {
    const fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const attempt = createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me');
    await expect(attempt).rejects.toBeInstanceOf(KakaoError);
    await expect(attempt).rejects.toMatchObject({ kind: 'network', operationId: 'getUserMe' });
    await attempt.catch(noSecrets);
  });

  // Like a real fetch: rejects with the signal's reason, at once if it is already aborted. It keeps
  // the request, as a real fetch keeps it while in flight: a Request follows the caller's signal
  // only weakly, and an unreferenced one could be collected before the abort reaches it.
  const inFlight: Request[] = [];
  const hang = (input: Request) =>
    new Promise<Response>((_resolve, reject) => {
      inFlight.push(input);
      if (input.signal.aborted) reject(input.signal.reason);
      input.signal.addEventListener('abort', () => reject(input.signal.reason));
    });

  it('a per-call AbortSignal.timeout → kind "timeout"', async () => {
    const signal = AbortSignal.timeout(20);
    const attempt = createKakaoClient({ ...FAKE, fetch: hang }).GET('/v2/user/me', { signal });
    await expect(attempt).rejects.toMatchObject({ kind: 'timeout', operationId: 'getUserMe' });
    expect(signal.aborted).toBe(true);
  });

  it('an aborted call → kind "aborted"', async () => {
    const controller = new AbortController();
    const attempt = createKakaoClient({ ...FAKE, fetch: hang }).GET('/v2/user/me', { signal: controller.signal });
    controller.abort();
    await expect(attempt).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('an unknown operation → kind "usage", nothing sent', async () => {
    const { fetch, calls } = recordingFetch();
    await expect(createKakaoClient({ ...FAKE, fetch }).GET('/v9/nothing' as never)).rejects.toMatchObject({ kind: 'usage' });
    expect(calls).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('a per-call choice the operation does not accept fails before sending', async () => {
    const { fetch, calls } = recordingFetch();
    // @ts-expect-error the types refuse it too (test/types/client.test-d.ts); JavaScript callers get this error
    const attempt = createKakaoClient({ ...FAKE, fetch }).GET('/v2/user/me', { auth: 'restApiKey' });
    await expect(attempt).rejects.toThrow('getUserMe does not accept restApiKey; it takes accessToken or adminKey');
    expect(calls).toHaveLength(0);
  });

  it('the access token may be a function, read on every call', async () => {
    let token = 'fake-token-1';
    const { fetch, calls } = recordingFetch();
    const kakao = createKakaoClient({ accessToken: () => token, fetch });
    await kakao.GET('/v1/user/access_token_info');
    token = 'fake-token-2';
    await kakao.GET('/v1/user/access_token_info');
    expect(calls.map((c) => c.headers.get('authorization'))).toEqual(['Bearer fake-token-1', 'Bearer fake-token-2']);
  });

  it('an Authorization header given by the caller wins', async () => {
    const { fetch, calls } = recordingFetch();
    await createKakaoClient({ fetch }).GET('/v2/user/me', { headers: { Authorization: 'Bearer fake-explicit' } });
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer fake-explicit');
  });

  it('usage errors name the credential, never its value', async () => {
    const { fetch } = recordingFetch();
    const error = await createKakaoClient({ restApiKey: FAKE.restApiKey, clientSecret: FAKE.clientSecret, fetch })
      .GET('/v2/user/me')
      .catch((e: unknown) => e);
    expect(String(error)).toContain('accessToken or adminKey');
    noSecrets(error);
  });
});

describe('in a browser', () => {
  afterEach(() => vi.unstubAllGlobals());
  const stubBrowser = () => {
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
  };

  it.each(['adminKey', 'clientSecret'] as const)('refuses %s', (name) => {
    stubBrowser();
    expect(() => createKakaoClient({ [name]: 'fake-secret-value' })).toThrow(`${name} must not be used in a browser`);
    try {
      createKakaoClient({ [name]: 'fake-secret-value' });
    } catch (e) {
      expect(String(e)).not.toContain('fake-secret-value');
    }
  });

  it('allows them only with dangerouslyAllowSecretsInBrowser', () => {
    stubBrowser();
    expect(() => createKakaoClient({ adminKey: 'fake', clientSecret: 'fake', dangerouslyAllowSecretsInBrowser: true })).not.toThrow();
  });

  it('allows an access token and the REST API key', () => {
    stubBrowser();
    expect(() => createKakaoClient({ accessToken: 'fake', restApiKey: 'fake' })).not.toThrow();
  });

  it('does not refuse secrets on a server', () => {
    expect(() => createKakaoClient({ adminKey: 'fake', clientSecret: 'fake' })).not.toThrow();
  });
});

describe('dapi errors and redaction', () => {
  it('dapi {errorType, message} → KakaoDapiError', async () => {
    const { fetch } = recordingFetch(() => json({ errorType: 'MissingParameter', message: 'query parameter required' }, 400));
    const { error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/search/web', { params: { query: { query: '' } } });
    expect(error).toMatchObject({ kind: 'dapi', status: 400, errorType: 'MissingParameter', errorMessage: 'query parameter required', operationId: 'searchWebDocuments' });
  });

  it('credentials Kakao echoes in error texts are replaced by ***', async () => {
    const { fetch } = recordingFetch(() => json({ code: -3, msg: `This api is not allowed by using app_key(${FAKE.adminKey}).` }, 403));
    const { error } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/app/users', { auth: 'adminKey', params: { query: { target_id_type: 'user_id', target_ids: [1] } } });
    expect(error).toMatchObject({ kind: 'api', code: -3, msg: 'This api is not allowed by using app_key(***).' });
    noSecrets(error);
    const dapi = recordingFetch(() => json({ errorType: 'AccessDeniedError', message: `wrong appKey(${FAKE.restApiKey}) format` }, 401));
    const { error: dapiError } = await createKakaoClient({ ...FAKE, fetch: dapi.fetch }).GET('/v2/search/web', { params: { query: { query: 'x' } } });
    expect(dapiError).toMatchObject({ kind: 'dapi', errorMessage: 'wrong appKey(***) format' });
    noSecrets(dapiError);
  });

  it('an XML body read as JSON says how to read it', async () => {
    const { fetch } = recordingFetch(() => new Response('<result/>', { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' } }));
    // @ts-expect-error the types require parseAs for xml; JavaScript callers get this error
    await expect(createKakaoClient({ ...FAKE, fetch }).GET('/v2/local/search/address.{format}', { params: { path: { format: 'xml' }, query: { query: 'x' } } })).rejects.toThrow("pass parseAs: 'text'");
    const { data } = await createKakaoClient({ ...FAKE, fetch }).GET('/v2/local/search/address.{format}', { params: { path: { format: 'xml' }, query: { query: 'x' } }, parseAs: 'text' });
    expect(data).toBe('<result/>');
  });
});
