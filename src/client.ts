// createKakaoClient: openapi-fetch typed by the generated paths, plus what Kakao needs and
// openapi-fetch does not do: a host per operation, the right Authorization per operation (from the
// client or per call), Kakao's form and JSON-text encoding, typed errors, retries of what is safe
// to repeat, a timeout, and a token refresh on -401. Everything per operation is read from the
// generated routing table (generated/client/operations.ts); nothing here lists endpoints.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/client/paths.js';
import { operations, securitySchemes, type Credential, type KakaoTokens, type OperationInfo, type TokenStore } from '../generated/client/operations.js';
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
  /** The `fetch` to use (default `globalThis.fetch`); it receives a `Request`. */
  fetch?: (input: Request) => Promise<Response>;
  /** openapi-fetch middleware, run on every request. https://openapi-ts.dev/openapi-fetch/middleware-auth */
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

export type KakaoClient = KakaoMethods<paths> & {
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

const call1 = async (value: Credential | undefined) => (typeof value === 'function' ? await value() : value);

/** ms to wait from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => (done(), reject(signal!.reason));
    const timer = setTimeout(() => (done(), resolve()), ms);
    signal?.addEventListener('abort', abort, { once: true });
  });

export function createKakaoClient(options: KakaoClientOptions = {}): KakaoClient {
  const guard = (given: Record<string, unknown>) => {
    if (options.dangerouslyAllowSecretsInBrowser || !isClientRuntime()) return;
    for (const name of ['adminKey', 'clientSecret'] as const) {
      if (given[name] !== undefined) {
        throw new KakaoError('usage', `${name} must not be used in a browser or Web Worker: Kakao allows it on servers only (set dangerouslyAllowSecretsInBrowser to override)`);
      }
    }
  };
  guard(options as Record<string, unknown>);
  const base = createClient<paths, 'application/json'>({ fetch: options.fetch, baseUrl: options.baseUrl });
  if (options.middleware?.length) base.use(...options.middleware);

  const clientRetry: RetryOptions = options.retry || {};
  const staticSecrets = [options.clientSecret, options.accessToken, options.restApiKey, options.adminKey].filter((v): v is string => typeof v === 'string');
  const credential = async (name: CredentialName | 'clientSecret') =>
    name === 'accessToken' && options.accessToken === undefined ? (await options.tokenStore?.get())?.access_token : call1(options[name]);
  const hostFor = (info: OperationInfo) => options.baseUrl ?? info.host;
  const operation = (method: string, path: string) => resolve(method.toUpperCase(), path)?.info;

  /** One refresh in flight per refresh token; concurrent calls that got -401 wait for it. */
  const refreshing = new Map<string, Promise<KakaoTokens | undefined>>();
  function refresh(store: TokenStore, tokens: KakaoTokens): Promise<KakaoTokens | undefined> {
    const key = tokens.refresh_token!;
    let flight = refreshing.get(key);
    if (!flight) {
      flight = (async () => {
        const clientId = await call1(options.restApiKey);
        if (!clientId) return undefined;
        const body = { grant_type: 'refresh_token', client_id: clientId, refresh_token: key, ...(options.clientSecret ? { client_secret: options.clientSecret } : {}) };
        const { data } = await call('POST', '/oauth/token', { body, retry: false });
        if (!data) return undefined;
        const next = { access_token: data.access_token, refresh_token: data.refresh_token ?? key } as KakaoTokens;
        await store.set(next);
        return next;
      })().finally(() => refreshing.delete(key));
      refreshing.set(key, flight);
    }
    return flight;
  }

  interface Auth {
    header?: string;
    secret?: string;
    /** The store and tokens an access token came from, for a refresh on -401. */
    store?: TokenStore;
    tokens?: KakaoTokens;
  }

  /** The Authorization for an attempt: the chosen credential, else one given per call, else the first configured. */
  async function authorize(info: OperationInfo, init: KakaoCallOptions): Promise<Auth> {
    const choice = init.auth;
    if (choice === 'none' || info.security.length === 0) return {};
    const accepted = info.security.map((alt) => alt[0] as CredentialName | undefined);
    if (choice && !accepted.includes(choice)) {
      throw new KakaoError('usage', `${info.operationId} does not accept ${choice}; it takes ${describe(info)}`, info.operationId);
    }
    const perCall = (name: CredentialName) => init[name] !== undefined || (name === 'accessToken' && init.tokenStore !== undefined);
    const order = choice ? [choice] : [...accepted.filter((n) => n && perCall(n)), ...accepted];
    for (const name of order) {
      if (name === undefined) return {}; // `{}`: anonymous access allowed
      let value: string | undefined;
      let store: TokenStore | undefined;
      let tokens: KakaoTokens | undefined;
      const given = init[name] ?? (perCall(name) ? undefined : options[name]);
      if (given !== undefined) value = await call1(given);
      else if (name === 'accessToken' && (store = init.tokenStore ?? options.tokenStore)) value = (tokens = await store.get())?.access_token;
      if (typeof value === 'string' && value.length > 0) {
        const scheme = securitySchemes[name];
        return { header: `${scheme === 'bearer' ? 'Bearer' : scheme} ${value}`, secret: value, store, tokens };
      }
    }
    throw new KakaoError('usage', `${info.operationId} needs ${describe(info)}, which was not given to createKakaoClient or the call`, info.operationId);
  }

  /** The operation of a method and path; a concrete `.json`/`.xml` path maps to its `{format}` path. */
  function resolve(method: string, path: string): { info: OperationInfo; template: string; format?: string } | undefined {
    const info = operations[`${method} ${path}`];
    if (info) return { info, template: path };
    const match = /^(.*)\.(json|xml)$/.exec(path);
    const template = match && `${match[1]}.{format}`;
    const aliased = template ? operations[`${method} ${template}`] : undefined;
    return aliased && { info: aliased, template: template!, format: match![2] };
  }

  async function call(method: string, path: string, init: Record<string, unknown> = {}): Promise<any> {
    const found = resolve(method, path);
    if (!found) throw new KakaoError('usage', `${method} ${path} is not an operation of the Kakao API description`);
    const { info, template, format } = found;
    const callOptions = init as KakaoCallOptions & Record<string, unknown>;
    guard(callOptions);
    const { auth, accessToken, restApiKey, adminKey, tokenStore, retry, timeout, headers: callerHeaders, parseAs: givenParseAs, signal, params, ...rest } = callOptions;
    const parseAs = (givenParseAs as string | undefined) ?? (format === 'xml' ? 'text' : undefined);
    const requestParams = format ? { ...(params as object), path: { ...(params as { path?: object })?.path, format } } : params;
    // openapi-fetch merges these over its defaults; the caller's own headers win over ours.
    const given = callerHeaders === undefined ? undefined : new Headers(callerHeaders as HeadersInit);
    const form = info.body === FORM;
    const retryOptions: RetryOptions = retry === undefined || retry === true || retry === false ? clientRetry : { ...clientRetry, ...(typeof retry === 'object' ? retry : { retries: retry }) };
    const allowed = retry === false ? false : retry !== undefined ? true : info.idempotent && options.retry !== false;
    const maxAttempts = allowed ? 1 + (retryOptions.retries ?? 2) : 1;
    const perAttempt = timeout ?? options.timeout ?? 30_000;
    const body = rest.body as Record<string, unknown> | undefined;
    const bodySecrets = form && body ? BODY_SECRETS.map((k) => body[k]).filter((v): v is string => typeof v === 'string') : [];
    const event = { operationId: info.operationId, method, path: template };
    let refreshed = false;

    for (let attempt = 1; ; attempt++) {
      const headers: Record<string, string> = {};
      const credentials: Auth = given?.has('Authorization') ? {} : await authorize(info, callOptions);
      if (credentials.header) headers.Authorization = credentials.header;
      if (form && !given?.has('Content-Type')) headers['Content-Type'] = `${FORM};charset=utf-8`;
      given?.forEach((value, key) => (headers[key] = value));
      // What to scrub from an error: the values read for this attempt and the configured strings (no credential function is called again).
      const secrets = () => [credentials.secret, ...staticSecrets, ...[accessToken, restApiKey, adminKey].filter((v) => typeof v === 'string'), ...bodySecrets] as string[];
      const attemptSignal = perAttempt === false ? (signal as AbortSignal | undefined) : signal ? AbortSignal.any([signal as AbortSignal, AbortSignal.timeout(perAttempt)]) : AbortSignal.timeout(perAttempt);
      options.onRequest?.({ ...event, attempt });
      const started = Date.now();
      const report = (status: number | undefined, errorCode?: number | string, retryIn?: number) =>
        options.onResponse?.({ ...event, attempt, status, duration: Date.now() - started, ...(errorCode !== undefined ? { errorCode } : {}), ...(retryIn !== undefined ? { retryIn } : {}) });
      const backoff = () => {
        const ceiling = Math.min(retryOptions.maxDelay ?? 8000, (retryOptions.minDelay ?? 500) * 2 ** (attempt - 1));
        return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
      };

      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        result = await base.request(method.toLowerCase() as 'get', template as never, {
          ...rest,
          params: requestParams,
          headers,
          signal: attemptSignal,
          baseUrl: hostFor(info),
          parseAs: (parseAs as 'json' | undefined) ?? 'text',
          querySerializer: (query: Record<string, unknown>) => encodeParams(query, info.jsonQuery, info.csvQuery),
          ...(form ? { bodySerializer: (value: Record<string, unknown>) => encodeParams(value, info.jsonBody) } : {}),
        } as never);
      } catch (thrown) {
        if (thrown instanceof KakaoError) throw thrown;
        const error = redact(toFetchError(thrown, info.operationId), secrets());
        const again = attempt < maxAttempts && error.kind !== 'aborted' && !(signal as AbortSignal | undefined)?.aborted;
        const wait = again ? backoff() : undefined;
        report(undefined, error.kind, wait);
        if (wait === undefined) throw withMeta(error, undefined, attempt);
        await sleep(wait, signal as AbortSignal | undefined);
        continue;
      }
      const { response } = result;
      if (!response.ok) {
        const host = info.host.replace(/^https:\/\/|\.kakao\.com$/g, '');
        const error = result.error === undefined || result.error === '' ? new KakaoHttpError(response.status, undefined, info.operationId) : toResponseError(response.status, parseBody(result.error), info.operationId, host);
        const code = error.kind === 'api' ? error.code : error.kind === 'auth' ? (error.error_code ?? error.error) : error.kind === 'dapi' ? error.errorType : undefined;
        // -401 with a stored user token: refresh once (single flight per token), then try again.
        if (code === -401 && credentials.store && credentials.tokens?.refresh_token && !refreshed) {
          refreshed = true;
          const current = await credentials.store.get();
          const fresh = current && current.access_token !== credentials.tokens.access_token ? current : await refresh(credentials.store, credentials.tokens);
          if (fresh) {
            report(response.status, code, 0);
            attempt--;
            continue;
          }
        }
        const retryAfter = retryAfterMs(response.headers.get('retry-after'));
        const transient = response.status === 429 || response.status >= 500;
        const wait = transient && attempt < maxAttempts ? (retryAfter ?? backoff()) : undefined;
        const waits = wait !== undefined && wait <= (retryOptions.maxRetryAfter ?? 60_000);
        report(response.status, code, waits ? wait : undefined);
        if (waits) {
          await sleep(wait!, signal as AbortSignal | undefined);
          continue;
        }
        return { error: withMeta(redact(error, secrets()), response, attempt), response };
      }
      report(response.status);
      let data = result.data;
      if (parseAs === undefined && typeof data === 'string') {
        try {
          data = data === '' ? undefined : JSON.parse(data);
        } catch (cause) {
          throw withMeta(new KakaoInvalidResponseError(response.status, response.headers.get('content-type'), info.operationId, cause), response, attempt);
        }
      }
      return { data, response };
    }
  }

  const client = {
    ...base,
    request: (method: string, path: string, init?: Record<string, unknown>) => call(method.toUpperCase(), path, init),
    operation,
    hostFor,
    credential,
  } as Record<string, unknown>;
  for (const method of METHODS) client[method] = (path: string, init?: Record<string, unknown>) => call(method, path, init);
  return client as unknown as KakaoClient;
}

/** openapi-fetch gives error bodies as text here (parseAs text); Kakao's are JSON. */
function parseBody(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const describe = (info: OperationInfo) => info.security.map((alt) => alt.join(' + ') || 'no credential').join(' or ');
