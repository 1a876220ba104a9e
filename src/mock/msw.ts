// `kakao-openapi-mock/msw`: MSW request handlers for Kakao's four hosts, a thin adapter over the
// same core (and so the same sandbox state) the mock's server uses, so that frontend and Node tests
// need no server. MSW is an optional peer dependency: only this entry point imports it.
//
//   import { setupServer } from 'msw/node';
//   import { createKakaoHandlers } from 'kakao-openapi-mock/msw';
//   const kakao = createKakaoHandlers({ seed: { … } });
//   const server = setupServer(...kakao.handlers);
//
// It runs where Node's APIs are (Node, and vitest/jest with jsdom or happy-dom), not in a browser's
// service worker: the sandbox reads seed files and signs ID tokens with Node's crypto.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { MockKeys } from './auth.js';
import { createMockCore, type MockCore } from './core.js';
import type { Json } from './operations.js';
import type { Sandbox, SandboxSeed } from './sandbox/index.js';
import { defaultMockKeys, loadCheckedBundle } from './server.js';

/** Kakao's hosts that the documents name: Login, the APIs, Local and Search, and the API status. */
export const KAKAO_HOSTS = ['https://kauth.kakao.com', 'https://kapi.kakao.com', 'https://dapi.kakao.com', 'https://api-status.kakao.com'];

export interface KakaoHandlersOptions {
  /** The credentials the mock accepts; defaults are the fake values in `defaultMockKeys`. */
  keys?: Partial<MockKeys>;
  /** Documented examples only, any Bearer token accepted (no sandbox state). Default false. */
  static?: boolean;
  /** The sandbox's seed, or the path of a JSON/YAML seed file, over the default (see the README). */
  seed?: SandboxSeed | string;
  /** The combined bundle; default: the one `startKakaoMock` serves. */
  document?: Json;
  /** The origins to answer for; default Kakao's four hosts (a `baseUrl` of your client works too). */
  hosts?: string[];
}

export interface KakaoHandlers {
  /** Pass them to `setupServer(...)` (msw/node) or `server.use(...)`. */
  handlers: HttpHandler[];
  /** The sandbox's state, reset and clock; undefined with `static`. */
  sandbox?: Sandbox;
  keys: MockKeys;
  core: MockCore;
}

export function createKakaoHandlers(options: KakaoHandlersOptions = {}): KakaoHandlers {
  const keys: MockKeys = { ...defaultMockKeys, ...options.keys };
  const core = createMockCore({ doc: options.document ?? loadCheckedBundle(), keys, static: options.static, seed: options.seed });
  const handlers = (options.hosts ?? KAKAO_HOSTS).map((host) =>
    http.all(`${host.replace(/\/$/, '')}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      headers.host ??= url.host;
      const body = Buffer.from(await request.arrayBuffer());
      const answer = await core.handle({ method: request.method, url: `${url.pathname}${url.search}`, headers, body, origin: url.origin });
      const responseHeaders = new Headers(answer.headers ?? {});
      let text: string | null = null;
      if (answer.body !== undefined) {
        text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        if (!responseHeaders.has('content-type')) responseHeaders.set('content-type', 'application/json;charset=UTF-8');
      }
      return new HttpResponse(text, { status: answer.status, headers: responseHeaders });
    }),
  );
  return { handlers, keys: core.sandbox?.keys() ?? keys, core, ...(core.sandbox ? { sandbox: core.sandbox } : {}) };
}
