// createKakaoClient: openapi-fetch typed by the generated paths, plus what Kakao needs and
// openapi-fetch does not do: a host per operation, the right Authorization per operation, Kakao's
// form and JSON-text encoding, and typed errors. Everything per operation is read from the
// generated routing table (generated/client/operations.ts); nothing here lists endpoints.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/client/paths.js';
import { operations, securitySchemes, type OperationInfo } from '../generated/client/operations.js';
import { KakaoError, KakaoHttpError, KakaoInvalidResponseError, redact, toFetchError, toResponseError } from './errors.js';
import { encodeParams } from './serialize.js';
import type { CredentialName, KakaoCallOptions, KakaoMethods } from './types.js';

export type { CredentialName, KakaoCallOptions, KakaoResult } from './types.js';

/** A credential, or a function that returns the current one (e.g. after a token refresh). */
export type Credential = string | (() => string | Promise<string>);

export interface KakaoClientOptions {
  /** The user's access token, sent as `Authorization: Bearer …`. https://developers.kakao.com/docs/latest/en/kakaologin/rest-api#request-token */
  accessToken?: Credential;
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
  /** Allow `adminKey` or `clientSecret` in a browser. Kakao forbids both in client code; only for trusted local tools. */
  dangerouslyAllowSecretsInBrowser?: boolean;
}

export type KakaoClient = KakaoMethods<paths> & {
  /** The operation a method and path belong to, from the generated routing table. */
  operation(method: string, path: string): OperationInfo | undefined;
  /** The base URL a call to this operation goes to (its Kakao host, or `baseUrl`). */
  hostFor(info: OperationInfo): string;
  /** Reads a credential (calling it when it is a function); `undefined` when not configured. */
  credential(name: CredentialName | 'clientSecret'): Promise<string | undefined>;
};

const FORM = 'application/x-www-form-urlencoded';
const METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'] as const;

const isBrowser = () => typeof window !== 'undefined' && typeof (globalThis as { document?: unknown }).document !== 'undefined';

export function createKakaoClient(options: KakaoClientOptions = {}): KakaoClient {
  if (isBrowser() && !options.dangerouslyAllowSecretsInBrowser) {
    for (const name of ['adminKey', 'clientSecret'] as const) {
      if (options[name] !== undefined) {
        throw new KakaoError('usage', `${name} must not be used in a browser: Kakao allows it on servers only (set dangerouslyAllowSecretsInBrowser to override)`);
      }
    }
  }
  const base = createClient<paths, 'application/json'>({ fetch: options.fetch, baseUrl: options.baseUrl });
  if (options.middleware?.length) base.use(...options.middleware);

  const credential = async (name: CredentialName | 'clientSecret') => {
    const value = options[name];
    return typeof value === 'function' ? await value() : value;
  };
  const hostFor = (info: OperationInfo) => options.baseUrl ?? info.host;
  const secrets = async () =>
    (await Promise.all((['accessToken', 'restApiKey', 'adminKey', 'clientSecret'] as const).map(credential))).filter((v): v is string => typeof v === 'string');

  /** The Authorization header for a call: the first alternative whose credentials are all configured. */
  async function authorization(info: OperationInfo, choice: KakaoCallOptions['auth']): Promise<string | undefined> {
    if (choice === 'none' || info.security.length === 0) return undefined;
    const alternatives = choice ? info.security.filter((alt) => alt.includes(choice)) : info.security;
    if (choice && alternatives.length === 0) {
      throw new KakaoError('usage', `${info.operationId} does not accept ${choice}; it takes ${describe(info)}`, info.operationId);
    }
    for (const alternative of alternatives) {
      if (alternative.length === 0) return undefined; // `{}`: anonymous access allowed
      // Kakao reads one Authorization header; every scheme in our description is an `http` one.
      const name = alternative[0] as CredentialName;
      const configured = options[name];
      const value = typeof configured === 'function' ? await configured() : configured;
      if (typeof value === 'string' && value.length > 0) {
        const scheme = securitySchemes[name];
        return `${scheme === 'bearer' ? 'Bearer' : scheme} ${value}`;
      }
    }
    throw new KakaoError('usage', `${info.operationId} needs ${describe(info)}, which was not given to createKakaoClient`, info.operationId);
  }

  async function call(method: string, path: string, init: Record<string, unknown> = {}) {
    const info = operations[`${method} ${path}`];
    if (!info) throw new KakaoError('usage', `${method} ${path} is not an operation of the Kakao API description`);
    const { auth, headers: callerHeaders, parseAs, ...rest } = init as Record<string, unknown> & KakaoCallOptions;
    // openapi-fetch merges these over its defaults; the caller's own headers win over ours.
    const given = callerHeaders === undefined ? undefined : new Headers(callerHeaders as HeadersInit);
    const headers: Record<string, string> = {};
    if (!given?.has('Authorization')) {
      const value = await authorization(info, auth);
      if (value) headers.Authorization = value;
    }
    const form = info.body === FORM;
    if (form && !given?.has('Content-Type')) headers['Content-Type'] = `${FORM};charset=utf-8`;
    given?.forEach((value, key) => (headers[key] = value));
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await base.request(method.toLowerCase() as 'get', path as never, {
        ...rest,
        headers,
        baseUrl: hostFor(info),
        parseAs: (parseAs as 'json' | undefined) ?? 'text',
        querySerializer: (query: Record<string, unknown>) => encodeParams(query, info.jsonQuery, info.csvQuery),
        ...(form ? { bodySerializer: (body: Record<string, unknown>) => encodeParams(body, info.jsonBody) } : {}),
      } as never);
    } catch (error) {
      throw error instanceof KakaoError ? error : toFetchError(error, info.operationId);
    }
    const { response } = result;
    if (!response.ok) {
      const error = result.error === undefined ? new KakaoHttpError(response.status, undefined, info.operationId) : toResponseError(response.status, result.error, info.operationId);
      return { error: redact(error, await secrets()), response };
    }
    let data = result.data;
    if (parseAs === undefined && typeof data === 'string') {
      try {
        data = data === '' ? undefined : JSON.parse(data);
      } catch (cause) {
        throw new KakaoInvalidResponseError(response.status, response.headers.get('content-type'), info.operationId, cause);
      }
    }
    return { data, response };
  }

  const client = {
    ...base,
    request: (method: string, path: string, init?: Record<string, unknown>) => call(method.toUpperCase(), path, init),
    operation: (method: string, path: string) => operations[`${method.toUpperCase()} ${path}`],
    hostFor,
    credential,
  } as Record<string, unknown>;
  for (const method of METHODS) client[method] = (path: string, init?: Record<string, unknown>) => call(method, path, init);
  return client as unknown as KakaoClient;
}

const describe = (info: OperationInfo) => info.security.map((alt) => alt.join(' + ') || 'no credential').join(' or ');
