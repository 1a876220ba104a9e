// How the client hands a request to fetch (it builds the request itself, not openapi-fetch's
// runtime): plain `fetch(url, init)` by default, a Request for a custom fetch and for middleware,
// openapi-fetch's middleware contract (use/eject, per call, onRequest/onResponse/onError), and
// openapi-fetch's reading of a response (parseAs, 204 and empty bodies).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { createKakaoClient } from '../../src/index.js';
import { json, recordingFetch } from '../helpers/fetch.js';

const USER = 'fake-user-token';
const ME = { id: 1, connected_at: '2022-04-11T01:45:28Z' };
type Sent = [string, RequestInit & { headers: Record<string, string> }];

describe('the default fetch', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is called as fetch(url, init), with no Request built, the URL, headers and body complete', async () => {
    const seen: unknown[][] = [];
    vi.stubGlobal('fetch', async (...args: unknown[]) => (seen.push(args), json({ successful_receiver_uuids: [] })));
    const kakao = createKakaoClient({ accessToken: USER, baseUrl: 'http://127.0.0.1:4010/' });
    await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.email'] } } });
    await kakao.POST('/v1/api/talk/friends/message/default/send', { body: { receiver_uuids: ['u1'], template_object: { object_type: 'text', text: 'hi', link: {} } } });
    const [[url, init], [postUrl, postInit]] = seen as [Sent, Sent];
    expect(url).toBe('http://127.0.0.1:4010/v2/user/me?property_keys=%5B%22kakao_account.email%22%5D');
    expect(init).toMatchObject({ method: 'GET', headers: { Authorization: `Bearer ${USER}` }, body: undefined });
    expect(init.signal).toBeInstanceOf(AbortSignal);
    expect(postUrl).toBe('http://127.0.0.1:4010/v1/api/talk/friends/message/default/send');
    expect(postInit.headers['Content-Type']).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(Object.fromEntries(new URLSearchParams(postInit.body as string))).toEqual({ receiver_uuids: '["u1"]', template_object: '{"object_type":"text","text":"hi","link":{}}' });
    // Nothing of the call's own options (credentials, params, retry…) reaches fetch's init.
    expect(Object.keys(init).sort()).toEqual(['body', 'headers', 'method', 'signal']);
  });

  it('passes RequestInit options through, and the caller\'s headers win over the client\'s', async () => {
    const seen: Sent[] = [];
    vi.stubGlobal('fetch', async (url: string, init: never) => (seen.push([url, init]), json(ME)));
    await createKakaoClient({ accessToken: USER }).GET('/v2/user/me', { cache: 'no-store', headers: { 'X-Trace': 't1', Authorization: 'Bearer other' } });
    expect(seen[0]![1]).toMatchObject({ cache: 'no-store', headers: { 'x-trace': 't1', authorization: 'Bearer other' } });
    expect(seen[0]![1].headers.Authorization).toBeUndefined();
  });

  it('with timeout: false, hands the caller\'s signal to fetch as it is; aborting it fails the call with kind aborted', async () => {
    const signals: AbortSignal[] = [];
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      signals.push(init.signal!);
      return new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    });
    const controller = new AbortController();
    const call = createKakaoClient({ accessToken: USER, timeout: false }).GET('/v2/user/me', { signal: controller.signal });
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]).toBe(controller.signal);
    controller.abort();
    await expect(call).rejects.toMatchObject({ kind: 'aborted', attempts: 1 });
  });
});

describe('a custom fetch', () => {
  it('receives a Request (as with openapi-fetch), per client or per call', async () => {
    const client = recordingFetch(() => json(ME));
    const perCall = recordingFetch(() => json(ME));
    const kakao = createKakaoClient({ accessToken: USER, fetch: client.fetch });
    await kakao.GET('/v2/user/me');
    await kakao.GET('/v2/user/me', { fetch: perCall.fetch });
    expect(client.calls).toHaveLength(1);
    expect(perCall.calls).toHaveLength(1);
    expect(perCall.calls[0]!.headers.get('authorization')).toBe(`Bearer ${USER}`);
  });
});

describe('middleware (openapi-fetch contract)', () => {
  const tag = (name: string, log: string[]): Middleware => ({
    onRequest: ({ request }) => {
      log.push(`request ${name}`);
      request.headers.set('x-middleware', `${request.headers.get('x-middleware') ?? ''}${name}`);
      return request;
    },
    onResponse: ({ response }) => {
      log.push(`response ${name}`);
      return undefined;
    },
  });

  it('runs onRequest in order and onResponse in reverse, from the option, use() and the call; eject() removes', async () => {
    const log: string[] = [];
    const { fetch, calls } = recordingFetch(() => json(ME));
    const a = tag('a', log);
    const b = tag('b', log);
    const kakao = createKakaoClient({ accessToken: USER, fetch, middleware: [a] });
    kakao.use(b);
    await kakao.GET('/v2/user/me', { middleware: [tag('c', log)] });
    expect(calls[0]!.headers.get('x-middleware')).toBe('abc');
    expect(log).toEqual(['request a', 'request b', 'request c', 'response c', 'response b', 'response a']);
    kakao.eject(a);
    await kakao.GET('/v2/user/me');
    expect(calls[1]!.headers.get('x-middleware')).toBe('b');
    expect(() => kakao.use({} as Middleware)).toThrow('Middleware must be an object');
  });

  it('with the default fetch, builds a Request for middleware and hands it to fetch', async () => {
    const seen: unknown[] = [];
    vi.stubGlobal('fetch', async (input: unknown) => (seen.push(input), json(ME)));
    try {
      const kakao = createKakaoClient({ accessToken: USER, middleware: [{ onRequest: ({ request, schemaPath }) => (request.headers.set('x-path', schemaPath), request) }] });
      const { data } = await kakao.GET('/v2/user/me');
      expect(data).toEqual(ME);
      expect(seen[0]).toBeInstanceOf(Request);
      expect((seen[0] as Request).headers.get('x-path')).toBe('/v2/user/me');
      expect((seen[0] as Request).headers.get('authorization')).toBe(`Bearer ${USER}`);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an onRequest that returns a Response answers without fetch and without onResponse', async () => {
    const { fetch, calls } = recordingFetch();
    const onResponse = vi.fn();
    const kakao = createKakaoClient({ accessToken: USER, fetch, middleware: [{ onRequest: () => json({ id: 7 }), onResponse }] });
    expect((await kakao.GET('/v2/user/me')).data).toEqual({ id: 7 });
    expect(calls).toHaveLength(0);
    expect(onResponse).not.toHaveBeenCalled();
  });

  it('onResponse replaces the response; onError turns a network error into a response or another error', async () => {
    const kakao = createKakaoClient({ accessToken: USER, fetch: async () => json({ code: -401, msg: 'expired' }, 401), middleware: [{ onResponse: () => json(ME) }] });
    expect((await kakao.GET('/v2/user/me')).data).toEqual(ME);

    const down = async () => {
      throw new TypeError('fetch failed');
    };
    const rescued = createKakaoClient({ accessToken: USER, fetch: down, retry: false, middleware: [{ onError: () => json({ id: 9 }) }] });
    expect((await rescued.GET('/v2/user/me')).data).toEqual({ id: 9 });
    const renamed = createKakaoClient({ accessToken: USER, fetch: down, retry: false, middleware: [{ onError: () => new Error('proxy down') }] });
    await expect(renamed.GET('/v2/user/me')).rejects.toMatchObject({ kind: 'network', message: 'getUserMe could not reach Kakao: proxy down' });
  });
});

describe('reading the response (as openapi-fetch)', () => {
  const answer = (response: () => Response) => createKakaoClient({ restApiKey: 'fake-rest-key', fetch: async () => response() });
  const xml = '<result><meta/></result>';
  const local = { params: { query: { query: 'x' } } } as const;

  it('parseAs text, blob, arrayBuffer and stream', async () => {
    const kakao = answer(() => new Response(xml, { headers: { 'content-type': 'text/xml' } }));
    expect((await kakao.GET('/v2/local/search/keyword.xml', { ...local, parseAs: 'text' })).data).toBe(xml);
    expect(await (await kakao.GET('/v2/local/search/keyword.xml', { ...local, parseAs: 'blob' as never })).data).toBeInstanceOf(Blob);
    const buffer = (await kakao.GET('/v2/local/search/keyword.xml', { ...local, parseAs: 'arrayBuffer' as never })).data as unknown as ArrayBuffer;
    expect(new TextDecoder().decode(buffer)).toBe(xml);
    const stream = (await kakao.GET('/v2/local/search/keyword.xml', { ...local, parseAs: 'stream' as never })).data as unknown as ReadableStream;
    expect(await new Response(stream).text()).toBe(xml);
  });

  it('no data for 204 or an empty body, whatever parseAs', async () => {
    expect((await answer(() => new Response(null, { status: 204 })).GET('/v2/local/search/keyword.json', local)).data).toBeUndefined();
    expect((await answer(() => new Response(null, { status: 204 })).GET('/v2/local/search/keyword.xml', { ...local, parseAs: 'text' })).data).toBeUndefined();
    expect((await answer(() => new Response('', { headers: { 'content-length': '0' } })).GET('/v2/local/search/keyword.json', local)).data).toBeUndefined();
  });
});
