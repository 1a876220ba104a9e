// What a production server needs from the client, with an injected fetch: retries (counts and
// delays under fake timers, Retry-After, no repeat of what is unsafe to repeat), timeouts,
// per-call credentials, a single-flight token refresh, hooks that never see a credential,
// response metadata on errors, redaction everywhere, and Local's concrete paths.
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKakaoClient, KakaoError, paginate, retryAfterMs, type KakaoTokens, type TokenStore } from '../../src/index.js';
import { json, recordingFetch, type Recorded } from '../helpers/fetch.js';

const KEYS = { restApiKey: 'fake-rest-key-SECRET2', adminKey: 'fake-admin-key-SECRET3', clientSecret: 'fake-client-secret-SECRET4' };
const USER = 'fake-user-token-SECRET1';
const ME = { id: 1, connected_at: '2022-04-11T01:45:28Z' };

const auth = (r: Recorded) => r.headers.get('authorization');
const later = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
};

describe('retries', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('retries a 503 of a safe operation after an exponential backoff with jitter (375 ms, then 750 ms)', async () => {
    let n = 0;
    const { fetch, calls } = recordingFetch(() => (++n < 3 ? new Response('', { status: 503 }) : json(ME)));
    const pending = createKakaoClient({ accessToken: USER, fetch }).GET('/v2/user/me');
    await later(0);
    expect(calls).toHaveLength(1);
    await later(374);
    expect(calls).toHaveLength(1);
    await later(1);
    expect(calls).toHaveLength(2);
    await later(749);
    expect(calls).toHaveLength(2);
    await later(1);
    expect(calls).toHaveLength(3);
    const { data } = await pending;
    expect(data).toEqual(ME);
  });

  it('honours Retry-After (seconds) on 429', async () => {
    let n = 0;
    const { fetch, calls } = recordingFetch(() => (++n === 1 ? json({ errorType: 'RequestThrottled', message: 'API limit has been exceeded.' }, 429, { 'retry-after': '2' }) : json({ meta: { is_end: true }, documents: [] })));
    const pending = createKakaoClient({ restApiKey: KEYS.restApiKey, fetch }).GET('/v2/search/web', { params: { query: { query: 'x' } } });
    await later(1999);
    expect(calls).toHaveLength(1);
    await later(1);
    expect(calls).toHaveLength(2);
    expect((await pending).data).toBeDefined();
  });

  it('gives up when Retry-After is longer than maxRetryAfter, and after the last retry reports the attempts', async () => {
    const long = recordingFetch(() => json({ code: -10, msg: 'API limit has been exceeded.' }, 429, { 'retry-after': '3600' }));
    const first = await createKakaoClient({ accessToken: USER, fetch: long.fetch }).GET('/v2/user/me');
    expect(long.calls).toHaveLength(1);
    expect(first.error).toMatchObject({ kind: 'api', code: -10, status: 429, attempts: 1 });
    expect(first.error?.headers?.get('retry-after')).toBe('3600');

    const down = recordingFetch(() => new Response('', { status: 502 }));
    const pending = createKakaoClient({ accessToken: USER, fetch: down.fetch, retry: { retries: 3, minDelay: 100 } }).GET('/v2/user/me');
    await later(10_000);
    const { error } = await pending;
    expect(down.calls).toHaveLength(4);
    expect(error).toMatchObject({ kind: 'http', status: 502, attempts: 4 });
  });

  it('retries a network error of a safe operation', async () => {
    let n = 0;
    const fetch = async (_req: Request) => {
      if (++n === 1) throw new TypeError('fetch failed');
      return json(ME);
    };
    const pending = createKakaoClient({ accessToken: USER, fetch }).GET('/v2/user/me');
    await later(375);
    expect((await pending).data).toEqual(ME);
    expect(n).toBe(2);
  });

  it('does not repeat a message send (x-kakao-idempotent / POST) unless the call opts in', async () => {
    const send = { body: { template_object: { object_type: 'text' as const, text: 'hi', link: {} } } };
    const once = recordingFetch(() => new Response('', { status: 503 }));
    const kakao = createKakaoClient({ accessToken: USER, fetch: once.fetch });
    const { error } = await kakao.POST('/v2/api/talk/memo/default/send', send);
    expect(once.calls).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, attempts: 1 });

    const opted = recordingFetch(() => new Response('', { status: 503 }));
    const pending = createKakaoClient({ accessToken: USER, fetch: opted.fetch }).POST('/v2/api/talk/memo/default/send', { ...send, retry: 1 });
    await later(1000);
    await pending;
    expect(opted.calls).toHaveLength(2);
  });

  it('retries a POST the spec marks idempotent (POST /v2/user/me), and none at all with retry: false', async () => {
    const marked = recordingFetch(() => new Response('', { status: 500 }));
    const pending = createKakaoClient({ accessToken: USER, fetch: marked.fetch }).POST('/v2/user/me');
    await later(2000);
    await pending;
    expect(marked.calls).toHaveLength(3);
    const off = recordingFetch(() => new Response('', { status: 500 }));
    await createKakaoClient({ accessToken: USER, fetch: off.fetch }).GET('/v2/user/me', { retry: false });
    expect(off.calls).toHaveLength(1);
    const clientOff = recordingFetch(() => new Response('', { status: 500 }));
    await createKakaoClient({ accessToken: USER, fetch: clientOff.fetch, retry: false }).GET('/v2/user/me');
    expect(clientOff.calls).toHaveLength(1);
  });

  it('does not retry a 4xx other than 429', async () => {
    const { fetch, calls } = recordingFetch(() => json({ code: -2, msg: 'bad' }, 400));
    await createKakaoClient({ accessToken: USER, fetch }).GET('/v2/user/me');
    expect(calls).toHaveLength(1);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('timeouts', () => {
  const hanging = (seen: AbortSignal[] = []) => ({
    seen,
    fetch: (req: Request) =>
      new Promise<Response>((_resolve, reject) => {
        seen.push(req.signal);
        req.signal.addEventListener('abort', () => reject(req.signal.reason));
      }),
  });

  it('fails an attempt after the client timeout, with kind timeout', async () => {
    const { fetch } = hanging();
    const attempt = createKakaoClient({ accessToken: USER, fetch, timeout: 30, retry: false }).GET('/v2/user/me');
    await expect(attempt).rejects.toMatchObject({ kind: 'timeout', attempts: 1 });
  });

  it('a per-call timeout overrides the client one; a caller abort is not retried', async () => {
    const { fetch, seen } = hanging();
    const kakao = createKakaoClient({ accessToken: USER, fetch, timeout: 60_000 });
    await expect(kakao.GET('/v2/user/me', { timeout: 20, retry: false })).rejects.toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const aborted = kakao.GET('/v2/user/me', { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(aborted).rejects.toMatchObject({ kind: 'aborted', attempts: 1 });
    expect(seen).toHaveLength(2);
  });

  it('has a default timeout (30 s) on every attempt, and clears its timer when the attempt ends', async () => {
    const { fetch, seen } = hanging();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const outcome = createKakaoClient({ accessToken: USER, fetch }).GET('/v2/user/me', { retry: false }).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(29_999);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(seen[0]!.reason).toMatchObject({ name: 'TimeoutError' });
      expect(await outcome).toMatchObject({ kind: 'timeout', attempts: 1 });
      // A call that ends in time leaves no timer behind.
      await createKakaoClient({ accessToken: USER, fetch: async () => json(ME) }).GET('/v2/user/me');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('per-call credentials', () => {
  it('sends the token given to the call, for a server acting for many users', async () => {
    const { fetch, calls } = recordingFetch(() => json(ME));
    const kakao = createKakaoClient({ ...KEYS, fetch });
    await kakao.GET('/v2/user/me', { accessToken: 'token-of-alice' });
    await kakao.GET('/v1/user/access_token_info', { accessToken: () => 'token-of-bob' });
    await kakao.GET('/v2/user/me', { adminKey: 'other-admin-key', params: { query: { target_id_type: 'user_id', target_id: 7 } } });
    expect(calls.map(auth)).toEqual(['Bearer token-of-alice', 'Bearer token-of-bob', 'KakaoAK other-admin-key']);
  });

  it('fails before sending when neither the call nor the client has a credential', async () => {
    const { fetch, calls } = recordingFetch();
    await expect(createKakaoClient({ fetch }).GET('/v2/user/me')).rejects.toThrow('getUserMe needs accessToken or adminKey');
    expect(calls).toHaveLength(0);
  });
});

function memoryStore(initial: KakaoTokens) {
  let tokens = initial;
  const saved: KakaoTokens[] = [];
  const store: TokenStore = {
    get: async () => tokens,
    set: async (next) => {
      saved.push(next);
      tokens = next;
    },
  };
  return { store, saved, current: () => tokens };
}

describe('token refresh on -401', () => {
  it('refreshes once for 20 concurrent calls, saves the new tokens and retries each call', async () => {
    const { store, saved } = memoryStore({ access_token: 'old-token', refresh_token: 'refresh-1' });
    let refreshes = 0;
    const { fetch, calls } = recordingFetch(async (r) => {
      if (r.url.pathname === '/oauth/token') {
        refreshes++;
        await new Promise((resolve) => setTimeout(resolve, 20)); // slow enough for every call to wait on it
        return json({ token_type: 'bearer', access_token: 'new-token', expires_in: 43199 });
      }
      return auth(r) === 'Bearer new-token' ? json(ME) : json({ code: -401, msg: 'this access token is already expired' }, 401);
    });
    const kakao = createKakaoClient({ restApiKey: KEYS.restApiKey, clientSecret: KEYS.clientSecret, fetch });
    const results = await Promise.all(Array.from({ length: 20 }, () => kakao.GET('/v2/user/me', { tokenStore: store })));
    expect(results.map((r) => r.data?.id)).toEqual(Array(20).fill(1));
    expect(refreshes).toBe(1);
    expect(saved).toEqual([{ access_token: 'new-token', refresh_token: 'refresh-1' }]);
    const token = calls.find((c) => c.url.pathname === '/oauth/token')!;
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({ grant_type: 'refresh_token', client_id: KEYS.restApiKey, refresh_token: 'refresh-1', client_secret: KEYS.clientSecret });
    // Later calls use the saved token straight away.
    await kakao.GET('/v2/user/me', { tokenStore: store });
    expect(refreshes).toBe(1);
  });

  it('saves a renewed refresh token, and uses the client-level store by default', async () => {
    const { store, current } = memoryStore({ access_token: 'old', refresh_token: 'r-old' });
    const { fetch } = recordingFetch((r) =>
      r.url.pathname === '/oauth/token' ? json({ token_type: 'bearer', access_token: 'new', expires_in: 1, refresh_token: 'r-new', refresh_token_expires_in: 2 }) : auth(r) === 'Bearer new' ? json(ME) : json({ code: -401, msg: 'expired' }, 401),
    );
    const { data } = await createKakaoClient({ restApiKey: KEYS.restApiKey, tokenStore: store, fetch }).GET('/v1/user/access_token_info');
    expect(data).toBeDefined();
    expect(current()).toEqual({ access_token: 'new', refresh_token: 'r-new' });
  });

  it('returns the -401 when the refresh fails, without a second refresh', async () => {
    const { store, saved } = memoryStore({ access_token: 'old', refresh_token: 'r-expired' });
    let refreshes = 0;
    const { fetch } = recordingFetch((r) => {
      if (r.url.pathname !== '/oauth/token') return json({ code: -401, msg: 'expired' }, 401);
      refreshes++;
      return json({ error: 'invalid_grant', error_description: 'expired_or_invalid_refresh_token', error_code: 'KOE322' }, 400);
    });
    const { error } = await createKakaoClient({ restApiKey: KEYS.restApiKey, fetch }).GET('/v2/user/me', { tokenStore: store });
    expect(error).toMatchObject({ kind: 'api', code: -401 });
    expect(refreshes).toBe(1);
    expect(saved).toEqual([]);
  });

  it('does not refresh a plain per-call token', async () => {
    const { fetch, calls } = recordingFetch(() => json({ code: -401, msg: 'expired' }, 401));
    await createKakaoClient({ ...KEYS, fetch }).GET('/v2/user/me', { accessToken: 'plain' });
    expect(calls.map((c) => c.url.pathname)).toEqual(['/v2/user/me']);
  });
});

describe('hooks', () => {
  it('report each attempt with operation, status, duration, attempt and Kakao error code, and never a credential', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      const seen: unknown[][] = [];
      let n = 0;
      const { fetch } = recordingFetch(() => (++n === 1 ? json({ code: -9798, msg: `down for ${USER}` }, 503) : json(ME)));
      const kakao = createKakaoClient({
        ...KEYS,
        accessToken: USER,
        fetch,
        onRequest: (...args) => seen.push(['request', ...args]),
        onResponse: (...args) => seen.push(['response', ...args]),
      });
      const pending = kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
      await vi.advanceTimersByTimeAsync(1000);
      await pending;
      expect(seen.map(([what, e]) => [what, (e as { attempt: number }).attempt])).toEqual([
        ['request', 1],
        ['response', 1],
        ['request', 2],
        ['response', 2],
      ]);
      expect(seen[1]![1]).toMatchObject({ operationId: 'getUserMe', method: 'GET', path: '/v2/user/me', status: 503, errorCode: -9798, retryIn: 375 });
      expect(seen[3]![1]).toMatchObject({ status: 200, attempt: 2 });
      expect(typeof (seen[3]![1] as { duration: number }).duration).toBe('number');
      const everything = inspect(seen, { depth: Infinity, showHidden: true });
      for (const secret of [USER, ...Object.values(KEYS)]) expect(everything).not.toContain(secret);
      for (const [, ...args] of seen) expect(args).toHaveLength(1);
    } finally {
      vi.useRealTimers();
      vi.restoreAllMocks();
    }
  });
});

describe('redaction and credential calls', () => {
  const secrets = [USER, ...Object.values(KEYS)];
  const clean = (value: unknown) => {
    const text = `${String(value)} ${inspect(value, { depth: Infinity, showHidden: true })} ${JSON.stringify(value)}`;
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  it('a network error whose message carries the token (a custom fetch) is scrubbed, cause included', async () => {
    const fetch = async (req: Request) => {
      throw new Error(`proxy refused ${req.headers.get('authorization')}`);
    };
    const error = await createKakaoClient({ accessToken: USER, fetch, retry: false })
      .GET('/v2/user/me')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KakaoError);
    expect((error as KakaoError).message).toContain('proxy refused Bearer ***');
    clean(error);
  });

  it('a non-Kakao JSON error body that echoes a key is scrubbed in util.inspect', async () => {
    const { fetch } = recordingFetch(() => json({ upstream: { echoed: `KakaoAK ${KEYS.adminKey}`, list: [KEYS.adminKey] } }, 403));
    const { error } = await createKakaoClient({ adminKey: KEYS.adminKey, fetch }).GET('/v1/user/ids');
    expect(error?.kind).toBe('http');
    expect(error).toMatchObject({ body: { upstream: { echoed: 'KakaoAK ***', list: ['***'] } } });
    clean(error);
  });

  it('calls a credential function once per attempt; one that throws on a later call does not turn a -401 into a throw', async () => {
    let reads = 0;
    const accessToken = () => {
      if (++reads > 1) throw new Error('token source gone');
      return USER;
    };
    const { fetch } = recordingFetch(() => json({ code: -401, msg: `this access token does not exist: ${USER}` }, 401));
    const { error } = await createKakaoClient({ accessToken, fetch }).GET('/v2/user/me');
    expect(reads).toBe(1);
    expect(error).toMatchObject({ kind: 'api', code: -401, msg: 'this access token does not exist: ***' });
    clean(error);
  });
});

describe('response metadata and host-narrowed errors', () => {
  it('puts status, headers and the response on errors, and paginate throws them with the response', async () => {
    const { fetch } = recordingFetch(() => json({ errorType: 'MissingParameter', message: 'query parameter required' }, 400, { 'x-kakao-test': 'seen' }));
    const kakao = createKakaoClient({ restApiKey: KEYS.restApiKey, fetch });
    const error = await (async () => {
      for await (const _ of paginate(kakao, '/v2/search/web', { params: { query: { query: 'x' } } })) void _;
    })().catch((e: unknown) => e as KakaoError);
    expect(error).toMatchObject({ kind: 'dapi', status: 400, errorType: 'MissingParameter', attempts: 1 });
    expect(error?.headers?.get('x-kakao-test')).toBe('seen');
    expect(error?.response?.status).toBe(400);
    expect(Object.keys(error!)).not.toContain('response');
  });

  it('reads only the host\'s own error shape: an OAuth body from kapi is a KakaoHttpError', async () => {
    const { fetch } = recordingFetch(() => json({ error: 'invalid_token' }, 401));
    const { error } = await createKakaoClient({ accessToken: USER, fetch }).GET('/v2/user/me');
    expect(error?.kind).toBe('http');
  });
});

describe('Local paths as Kakao writes them', () => {
  it('sends .json and .xml paths to the {format} operation, reading XML as text', async () => {
    const { fetch, calls } = recordingFetch((r) =>
      r.url.pathname.endsWith('.xml') ? new Response('<result/>', { headers: { 'content-type': 'text/xml;charset=UTF-8' } }) : json({ meta: { is_end: true, pageable_count: 0, total_count: 0 }, documents: [] }),
    );
    const kakao = createKakaoClient({ restApiKey: KEYS.restApiKey, fetch });
    const asJson = await kakao.GET('/v2/local/search/keyword.json', { params: { query: { query: '카카오' } } });
    expect(asJson.data?.documents).toEqual([]);
    const asXml = await kakao.GET('/v2/local/search/keyword.xml', { params: { query: { query: '카카오' } }, parseAs: 'text' });
    expect(asXml.data).toBe('<result/>');
    expect(calls.map((c) => `${c.url.host}${c.url.pathname} ${auth(c)}`)).toEqual([
      `dapi.kakao.com/v2/local/search/keyword.json KakaoAK ${KEYS.restApiKey}`,
      `dapi.kakao.com/v2/local/search/keyword.xml KakaoAK ${KEYS.restApiKey}`,
    ]);
    expect(kakao.operation('GET', '/v2/local/search/keyword.json')?.operationId).toBe('searchPlacesByKeyword');
  });
});
