// createClientFor, behind createKakaoClient of kakao-openapi and of kakao-openapi/lite: calls typed
// by the generated paths (openapi-fetch's types), plus what Kakao needs: a host per operation, the
// right Authorization per operation (from the client or per call), Kakao's form and JSON-text
// encoding, typed errors, retries of what is safe to repeat, a timeout, and a token refresh on -401.
// Everything per operation is read from the routing table it is given (generated: operations.ts
// for the full client, routes.ts for the lite one); nothing here lists endpoints.
//
// Why the request is built here rather than by openapi-fetch's runtime: issue #15 sets two cost
// targets, at most 1.05x a bare fetch per request and 4.5 kB min+gz for a browser app making one
// call. openapi-fetch's runtime alone measured 1.18x a bare fetch and 2.6 kB (it builds a Request,
// merges headers several times and copies the init onto the request). For Kakao's operations the
// work is small: host + path (the only path parameter is `{format}`) + query, headers, a JSON or
// form body, and `fetch(url, init)`. openapi-fetch's middleware contract is kept: with middleware
// or a custom `fetch`, a Request is built and passed through them as openapi-fetch does.
import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';
import type { paths } from '../generated/client/paths.js';
import type { Credential, KakaoTokens, OperationInfo, TokenStore } from '../generated/client/operations.js';
import { issueToken } from '../generated/client/routes.js';
import { securitySchemes } from '../generated/client/security.js';
import { KakaoError, KakaoHttpError, KakaoInvalidResponseError, redact, toFetchError, toResponseError, withMeta } from './errors.js';
import { encodeParams } from './serialize.js';
import type { CredentialName, KakaoCallOptions, KakaoMethods, RetryOptions } from './types.js';

export type { CredentialName, KakaoCallOptions, KakaoRequestOptions, KakaoResult, RetryOptions } from './types.js';
export type { Credential, KakaoTokens, TokenStore } from '../generated/client/operations.js';

/** What the request hook sees: never a credential, a header, a query or a body. */
export interface KakaoRequestEvent {
  operationId: string;
  method: string;
  /** The path template (`/v2/user/me`), not the URL. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** What the response hook sees: the outcome of one attempt. */
export interface KakaoResponseEvent extends KakaoRequestEvent {
  /** HTTP status; undefined when no response came (network error, timeout). */
  status?: number;
  /** ms from sending to the answer (or failure). */
  duration: number;
  /** Kakao's error code (`code`, `error_code` or `errorType`), or the error kind when no response came. */
  errorCode?: number | string;
  /** ms before the next attempt, when the client retries. */
  retryIn?: number;
}

export interface KakaoClientOptions {
  /** The user's access token, sent as `Authorization: Bearer …`. https://developers.kakao.com/docs/latest/en/kakaologin/rest-api#request-token */
  accessToken?: Credential;
  /** The user's tokens, refreshed once on -401 and saved back. https://developers.kakao.com/docs/latest/en/kakaologin/rest-api#refresh-token */
  tokenStore?: TokenStore;
  /** The app's REST API key: `Authorization: KakaoAK …`, and `client_id` of Kakao Login. https://developers.kakao.com/docs/latest/en/app-setting/app#platform-key */
  restApiKey?: Credential;
  /** The app's Admin key, `Authorization: KakaoAK …`. Server only: Kakao forbids it in client code. https://developers.kakao.com/docs/latest/en/app-setting/app#admin-key */
  adminKey?: Credential;
  /** The client secret sent with token requests. Server only. https://developers.kakao.com/docs/latest/en/app-setting/app#client-secret */
  clientSecret?: string;
  /** One URL that replaces every Kakao host (kauth, kapi, dapi, api-status), e.g. a mock's `http://127.0.0.1:4010`. */
  baseUrl?: string;
  /** The `fetch` to use (default `globalThis.fetch`, called as `fetch(url, init)`); a custom one receives a `Request`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Middleware with openapi-fetch's contract (onRequest, onResponse, onError), run on every request. https://openapi-ts.dev/openapi-fetch/middleware-auth */
  middleware?: Middleware[];
  /** Retries of operations that are safe to repeat (default 2 retries); `false` for none. */
  retry?: RetryOptions | false;
  /** ms per attempt before the call fails with kind `timeout` (default 30000); `false` for none. */
  timeout?: number | false;
  /** Called before each attempt. */
  onRequest?: (event: KakaoRequestEvent) => void;
  /** Called after each attempt. */
  onResponse?: (event: KakaoResponseEvent) => void;
  /** Allow `adminKey` or `clientSecret` in a browser or Web Worker. Kakao forbids both in client code; only for trusted local tools. */
  dangerouslyAllowSecretsInBrowser?: boolean;
}

/** A client; `Paths` is every operation's path (the full client) or the operations a lite client was given. */
export type KakaoClient<Paths extends {} = paths> = KakaoMethods<Paths> & {
  /** The operation a method and path belong to (`.json`/`.xml` paths too), from the generated routing table. */
  operation(method: string, path: string): OperationInfo | undefined;
  /** The base URL a call to this operation goes to (its Kakao host, or `baseUrl`). */
  hostFor(info: OperationInfo): string;
  /** Reads a credential (calling it when it is a function); `undefined` when not configured. */
  credential(name: CredentialName | 'clientSecret'): Promise<string | undefined>;
};

const FORM = 'application/x-www-form-urlencoded';
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;
// OAuth 2.0 (RFC 6749) carries the client's credentials and grants in kauth's form bodies.
const BODY_SECRETS = ['client_id', 'client_secret', 'code', 'refresh_token', 'code_verifier'];

const g = globalThis as Record<string, any>;
/**
 * Code that runs on a user's device: a page (window + document) or a Web Worker (dedicated,
 * shared, service). Deno and Bun (which have `window` or worker scopes) and Cloudflare Workers are servers.
 */
const isClientRuntime = () =>
  !g.Deno &&
  !g.Bun &&
  g.navigator?.userAgent !== 'Cloudflare-Workers' &&
  ((typeof g.window === 'object' && typeof g.document === 'object') || (typeof g.WorkerGlobalScope === 'function' && globalThis instanceof g.WorkerGlobalScope));

const call1 = async (value: Credential | undefined) => (typeof value === 'function' ? value() : value);
const usage = (message: string, operationId?: string) => new KakaoError('usage', message, operationId);

/** ms to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const abort = () => (clearTimeout(timer), reject(signal!.reason));
    const timer = setTimeout(() => (signal?.removeEventListener('abort', abort), resolve()), ms);
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
  });

/**
 * The slow path, taken only with middleware or a custom fetch: a Request through openapi-fetch's
 * middleware contract (onRequest in order, may replace the request or answer; onError and
 * onResponse in reverse order, may replace the error or the response).
 */
async function viaMiddleware(url: string, init: RequestInit, list: readonly Middleware[], fetcher: (input: Request) => Promise<Response>, context: Omit<MiddlewareCallbackParams, 'request'>): Promise<Response> {
  let request = new Request(url, init);
  let response: Response | undefined;
  for (const m of list) {
    const result = await m.onRequest?.({ ...context, request });
    if (result instanceof Response) return result; // answered: no fetch, no onResponse (as openapi-fetch)
    request = result || request;
  }
  const reversed = [...list].reverse();
  try {
    response = await fetcher(request);
  } catch (thrown) {
    let error = thrown;
    for (const m of reversed) {
      const result = await m.onError?.({ ...context, request, error });
      if (result instanceof Response) {
        response = result;
        break;
      }
      error = result || error;
    }
    if (!response) throw error;
  }
  for (const m of reversed) response = ((await m.onResponse?.({ ...context, request, response })) as Response | undefined) || response;
  return response;
}

/**
 * The client over a routing table: every operation (`createKakaoClient` of `kakao-openapi`) or the
 * ones an app names (`kakao-openapi/lite`); `unknown` ends the error for a call to another operation.
 */
export function createClientFor<Paths extends {} = paths>(table: Readonly<Record<string, OperationInfo>>, options: KakaoClientOptions = {}, unknown = 'an operation of the Kakao API description'): KakaoClient<Paths> {
  // Decided once: the runtime does not change.
  const refuseSecrets = !options.dangerouslyAllowSecretsInBrowser && isClientRuntime();
  const guard = (given: Record<string, unknown>) => {
    for (const name of refuseSecrets ? ['adminKey', 'clientSecret'] : []) {
      if (given[name] !== undefined) throw usage(`${name} must not be used in a browser or Web Worker: Kakao allows it on servers only (set dangerouslyAllowSecretsInBrowser to override)`);
    }
  };
  guard(options as Record<string, unknown>);
  const middleware: Middleware[] = [];
  const use = (...list: Middleware[]) => {
    for (const m of list) {
      if (m && !(m.onRequest || m.onResponse || m.onError)) throw usage('Middleware must be an object with onRequest(), onResponse() or onError()');
      if (m) middleware.push(m);
    }
  };
  use(...(options.middleware ?? []));

  const credential = async (name: CredentialName | 'clientSecret') =>
    name === 'accessToken' && options.accessToken === undefined ? (await options.tokenStore?.get())?.access_token : call1(options[name]);
  const baseUrl = options.baseUrl?.replace(/\/$/, '');
  const hostFor = (info: OperationInfo) => baseUrl ?? info.host;

  /** Middleware's request id: unique per client, as openapi-fetch's is. */
  let requests = 0;
  /** One refresh in flight per refresh token; concurrent calls that got -401 wait for it. */
  const refreshing = new Map<string, Promise<KakaoTokens | undefined>>();
  const refresh = (store: TokenStore, key: string) => {
    let flight = refreshing.get(key);
    if (!flight) {
      flight = (async () => {
        const clientId = await call1(options.restApiKey);
        // The token operation's own row: a lite client refreshes without being given it.
        const { data } = clientId ? await call('POST', '/oauth/token', { body: { grant_type: 'refresh_token', client_id: clientId, refresh_token: key, client_secret: options.clientSecret }, retry: false }, [issueToken, '/oauth/token']) : {};
        const next = data && ({ access_token: data.access_token, refresh_token: data.refresh_token ?? key } as KakaoTokens);
        if (next) await store.set(next);
        return next;
      })().finally(() => refreshing.delete(key));
      refreshing.set(key, flight);
    }
    return flight;
  };

  /** The operation of a method and path, its path template, and the format of a concrete `.json`/`.xml` path. */
  function resolve(method: string, path: string): [OperationInfo, string, string?] | undefined {
    const info = table[`${method} ${path}`];
    if (info) return [info, path];
    const [, stem, format] = /^(.*)\.(json|xml)$/.exec(path) ?? [];
    const template = `${stem}.{format}`;
    const aliased = format && table[`${method} ${template}`];
    return aliased ? [aliased, template, format] : undefined;
  }

  async function call(method: string, path: string, init: Record<string, any> = {}, found = resolve(method, path)): Promise<any> {
    if (!found) throw usage(`${method} ${path} is not ${unknown}`);
    const [info, template, format] = found;
    const { operationId, security } = info;
    guard(init);
    // What is not ours or the URL's goes to fetch as RequestInit (credentials, cache, keepalive…).
    const { auth: choice, accessToken, restApiKey, adminKey, tokenStore, retry, timeout = options.timeout ?? 30_000, headers, parseAs = format === 'xml' ? 'text' : 'json', signal, params = {}, body, fetch: fetcher = options.fetch, middleware: more = [], ...rest } = init;
    const form = info.body === FORM;
    const query = encodeParams(params.query, info.jsonQuery, info.csvQuery);
    // A concrete `.json`/`.xml` path has no `{…}` left.
    const host = hostFor(info);
    const url = host + path.replace(/{(\w+)}/g, (whole, name) => encodeURIComponent(params.path?.[name] ?? whole)) + (query && `?${query}`);
    const payload = body === undefined ? undefined : form ? encodeParams(body, info.jsonBody) : JSON.stringify(body);
    const given = headers && new Headers(headers);
    const list = more.length ? [...middleware, ...more] : middleware;
    const retryOptions: RetryOptions = { ...(options.retry || {}), ...(typeof retry === 'number' ? { retries: retry } : retry) };
    const maxAttempts = (retry ?? (info.idempotent && options.retry !== false)) ? 1 + (retryOptions.retries ?? 2) : 1;
    // What to scrub from an error: the strings given, the value read for the attempt (no credential function is called again).
    const secrets = () => [options.clientSecret, options.accessToken, options.restApiKey, options.adminKey, accessToken, restApiKey, adminKey, ...(form && body ? BODY_SECRETS.map((k) => body[k]) : [])];
    const event = { operationId, method, path: template };
    // The credential: the one chosen with `auth`, else one given to the call, else the first configured.
    const accepted = security.map((alt) => alt[0] as CredentialName | undefined);
    const wanted = () => security.map((alt) => alt.join(' + ') || 'no credential').join(' or ');
    const perCall = (name: CredentialName) => init[name] !== undefined || (name === 'accessToken' && tokenStore !== undefined);
    if (choice && choice !== 'none' && !accepted.includes(choice)) throw usage(`${operationId} does not accept ${choice}; it takes ${wanted()}`, operationId);
    const order: (CredentialName | undefined)[] = choice === 'none' || given?.has('Authorization') ? [] : choice ? [choice] : [...accepted.filter((n) => n && perCall(n)), ...accepted];
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      const sent: Record<string, string> = {};
      let secret: string | undefined;
      let store: TokenStore | undefined;
      let tokens: KakaoTokens | undefined;
      for (const name of order) {
        store = tokens = undefined;
        if (!name) break; // `{}`: anonymous access allowed
        const given = init[name] ?? (perCall(name) ? undefined : options[name]);
        secret = given !== undefined ? (typeof given === 'function' ? await given() : given) : name === 'accessToken' && (store = tokenStore ?? options.tokenStore) ? (tokens = await store.get())?.access_token : undefined;
        const scheme = securitySchemes[name];
        if (secret) {
          sent.Authorization = `${scheme === 'bearer' ? 'Bearer' : scheme} ${secret}`;
          break;
        }
      }
      if (!secret && order.length && !order.includes(undefined)) throw usage(`${operationId} needs ${wanted()}, which was not given to createKakaoClient or the call`, operationId);
      if ((form || payload !== undefined) && !given?.has('Content-Type')) sent['Content-Type'] = form ? `${FORM};charset=utf-8` : 'application/json';
      // The caller's own headers win over ours.
      given?.forEach((value: string, key: string) => (sent[key] = value));
      options.onRequest?.({ ...event, attempt });
      const started = Date.now();
      const report = (status?: number, errorCode?: number | string, retryIn?: number) =>
        options.onResponse?.({ ...event, attempt, status, duration: Date.now() - started, errorCode, retryIn });

      // One controller per attempt: the timeout (a timer cleared when the body is read, cheaper than
      // AbortSignal.timeout + AbortSignal.any per attempt) and the caller's signal both abort it.
      // With no timeout the caller's signal goes to fetch as it is (an AbortController costs a few µs in Node 20).
      const controller = timeout === false ? undefined : new AbortController();
      const abort = () => controller!.abort(signal.reason);
      const timer = controller && setTimeout(() => controller.abort(new DOMException('The operation timed out', 'TimeoutError')), timeout);
      if (controller && signal?.aborted) abort();
      if (controller) signal?.addEventListener('abort', abort);
      let response: Response | undefined;
      let data: any;
      let error: any;
      // -1: retry after a backoff; undefined: do not retry.
      let wait: number | undefined;
      try {
        const requestInit = { ...rest, method, headers: sent, body: payload, signal: controller?.signal ?? signal };
        response = await (list.length || fetcher
          ? viaMiddleware(url, requestInit, list, fetcher ?? fetch, { schemaPath: template, params, id: String(++requests), options: { baseUrl: host, parseAs, fetch: fetcher ?? fetch } as never })
          : fetch(url, requestInit));
        // As openapi-fetch: no data for 204 or an empty body; the stream, or the parseAs method. JSON and errors are read as text first.
        data = await (!response.ok || parseAs === 'json' ? response.text() : response.status === 204 || response.headers.get('Content-Length') === '0' ? undefined : parseAs === 'stream' ? response.body : (response as any)[parseAs]());
      } catch (thrown) {
        response = undefined;
        error = toFetchError(thrown, operationId);
        if (error.kind !== 'aborted' && !signal?.aborted) wait = -1;
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
      }
      const status = response?.status;
      if (response && !response.ok) {
        error = data ? toResponseError(status!, parseBody(data), operationId, /kapi|kauth|dapi/.exec(info.host)?.[0]) : new KakaoHttpError(status!, undefined, operationId);
        // -401 with a stored user token: refresh once (single flight per token), then try again.
        if (error.code === -401 && tokens?.refresh_token && !refreshed) {
          refreshed = true;
          const current = await store!.get();
          if (current && current.access_token !== tokens.access_token ? current : await refresh(store!, tokens.refresh_token)) {
            report(status, -401, 0);
            attempt--;
            continue;
          }
        }
        // 429 and 5xx: after Retry-After, unless it is longer than maxRetryAfter; else after a backoff.
        const retryAfter = retryAfterMs(response.headers.get('retry-after')) ?? -1;
        if (status === 429 || status! >= 500) wait = retryAfter > (retryOptions.maxRetryAfter ?? 60_000) ? undefined : retryAfter;
      }
      if (!error) {
        report(status);
        if (parseAs === 'json') {
          try {
            data = data ? JSON.parse(data) : undefined;
          } catch (cause) {
            throw withMeta(new KakaoInvalidResponseError(status!, response!.headers.get('content-type'), operationId, cause), response, attempt);
          }
        }
        return { data, response };
      }
      // Kakao's error code for the hook, or the kind of a failure without a response.
      const code = response ? (error.code ?? error.error_code ?? error.error ?? error.errorType) : error.kind;
      if (attempt < maxAttempts && wait !== undefined) {
        const ceiling = Math.min(retryOptions.maxDelay ?? 8000, (retryOptions.minDelay ?? 500) * 2 ** (attempt - 1));
        if (wait < 0) wait = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2); // exponential backoff with jitter
        report(status, code, wait);
        await sleep(wait, signal);
        continue;
      }
      report(status, code);
      withMeta(redact(error, [secret, ...secrets()]), response, attempt);
      if (!response) throw error;
      return { error, response };
    }
  }

  const client: Record<string, unknown> = {
    request: (method: string, path: string, init?: object) => call(method.toUpperCase(), path, init),
    use,
    eject: (...list: Middleware[]) => list.map((m) => middleware.includes(m) && middleware.splice(middleware.indexOf(m), 1)),
    operation: (method: string, path: string) => resolve(method.toUpperCase(), path)?.[0],
    hostFor,
    credential,
  };
  for (const method of METHODS) client[method] = (path: string, init?: object) => call(method, path, init);
  return client as unknown as KakaoClient<Paths>;
}

/** Error bodies are read as text; Kakao's are JSON. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
