// The client's method types: openapi-fetch's, with these changes. The error branch is our typed
// error, narrowed by the operation's host (the client always sets one on failure, even for empty or
// non-JSON bodies). The per-call options are exact and per operation, read from the generated
// OperationMeta: only the credentials the operation accepts, the parameters a credential makes
// required (x-kakao-required-with), and `parseAs` for XML. The request and response types skip
// openapi-fetch's Writable/Readable (see BodyOption).
import type {
  BodySerializer,
  ClientOptions,
  HeadersOptions,
  Middleware,
  ParamsOption,
  ParseAs,
  ParseAsResponse,
  PathSerializer,
  QuerySerializer,
  QuerySerializerOptions,
} from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, ResponseObjectMap, SuccessResponse } from 'openapi-typescript-helpers';
import type { KakaoApiError, KakaoAuthError, KakaoDapiError, KakaoHttpError, KakaoResponseError } from './errors.js';
import type { Credential, OperationMeta, TokenStore } from '../generated/client/operations.js';
import type { paths } from '../generated/client/paths.js';

/** The credentials, named like the security schemes of the description. */
export type CredentialName = 'accessToken' | 'restApiKey' | 'adminKey';

/** Retries on 429, 5xx and network errors (exponential backoff with jitter, honouring Retry-After). */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** Delay before the first retry, in ms (default 500); doubles each retry. */
  minDelay?: number;
  /** Longest delay between attempts, in ms (default 8000). */
  maxDelay?: number;
  /** A Retry-After longer than this (ms, default 60000) is not waited for: the error is returned. */
  maxRetryAfter?: number;
}

/**
 * Options of every call, beside the operation's own (see OperationMeta):
 * - `retry`: `false` never retries; `true`, a count or RetryOptions also retry an operation that
 *   is not safe to repeat (a message send, a creation), which is off by default.
 * - `timeout`: ms per attempt (default the client's, 30000); `false` for none.
 */
export interface KakaoRequestOptions {
  retry?: boolean | number | RetryOptions;
  timeout?: number | false;
}

/**
 * Every per-call option (the operation's types allow only the credentials it accepts):
 * `auth` chooses the credential where an operation accepts several (`'none'` sends no
 * Authorization header); `accessToken`, `restApiKey`, `adminKey` or `tokenStore` give one for this
 * call only (a server acting for many users).
 */
export interface KakaoCallOptions extends KakaoRequestOptions {
  auth?: CredentialName | 'none';
  accessToken?: Credential;
  restApiKey?: Credential;
  adminKey?: Credential;
  tokenStore?: TokenStore;
}

type Meta<P, M> = P extends keyof OperationMeta ? (M extends keyof OperationMeta[P] ? OperationMeta[P][M] : never) : never;

// openapi-fetch's request body option without its Writable<…>: Writable strips the $Read markers
// that openapi-typescript emits only with `readWriteMarkers`, which the client's types are built
// without (test/types.test.ts checks it), so it changes no type here; but it maps every object it meets,
// and an open string `'known' | … | (string & {})` is an object to it: it expanded String's ~50
// methods, recursively, for each call with such a value (5,000 instantiations for one property_keys).
type BodyOption<T> = T extends { requestBody?: never }
  ? { body?: never }
  : T extends { requestBody: { content: infer C } }
    ? { body: C[keyof C] }
    : T extends { requestBody?: { content: infer C } }
      ? { body?: C[keyof C] }
      : { body?: never };

/** openapi-fetch's per-call options (its FetchOptions) of operation T, the body as above (exported for the type tests). */
export type OperationInit<T> = ParamsOption<T> &
  BodyOption<T> & {
    baseUrl?: string;
    querySerializer?: QuerySerializer<T> | QuerySerializerOptions;
    bodySerializer?: BodySerializer<T>;
    pathSerializer?: PathSerializer;
    parseAs?: ParseAs;
    fetch?: ClientOptions['fetch'];
    headers?: HeadersOptions;
    middleware?: Middleware[];
  } & Omit<RequestInit, 'body' | 'headers'>;

/** The options a call to path P with method M takes. */
export type CallInit<Paths, P extends keyof Paths, M extends HttpMethod> = OperationInit<Paths[P][M & keyof Paths[P]]> &
  KakaoRequestOptions &
  (Meta<P, M> extends { call: infer C } ? C : KakaoCallOptions);

// Whether the options may be left out is decided by the operation's own parameters (the variants of
// a credential choice only matter once the caller writes one); the generator decides it once
// (OperationMeta `optional`), which spares the types a RequiredKeysOf on every call.
type InitParam<P, M, Init> = Meta<P, M> extends { optional: true } ? [Init?] : [Init];

/** The errors a host answers with: its own error shape, or a body that is not Kakao's. */
export interface HostErrors {
  kapi: KakaoApiError | KakaoHttpError;
  kauth: KakaoAuthError | KakaoHttpError;
  dapi: KakaoDapiError | KakaoHttpError;
}
type ErrorOf<P, M> = Meta<P, M> extends { host: infer H } ? (H extends keyof HostErrors ? HostErrors[H] : KakaoResponseError) : KakaoResponseError;

/** Success: typed `data`. Failure: `error` is the host's Kakao error or a KakaoHttpError (see `kind`). */
// The success branch is written out (openapi-fetch's FetchResponse success member) rather than
// picked with Extract<FetchResponse, …>, which made TypeScript build the error member of every call
// too: a third of the client's type-checking cost. Without openapi-fetch's Readable<…>, for the
// reason given at BodyOption (no read/write markers here).
export type KakaoResult<T extends Record<string | number, any>, Init, E = KakaoResponseError> =
  | { data: ParseAsResponse<SuccessResponse<ResponseObjectMap<T>, 'application/json'>, Init>; error?: never; response: Response }
  | { data?: never; error: E; response: Response };

export type KakaoMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths, Path, Method>,
>(
  url: Path,
  ...init: InitParam<Path, Method, Init>
) => Promise<KakaoResult<Paths[Path][Method], Init, ErrorOf<Path, Method>>>;

export type KakaoRequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends CallInit<Paths, Path, Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Path, Method, Init>
) => Promise<KakaoResult<Paths[Path][Method], Init, ErrorOf<Path, Method>>>;

export interface KakaoMethods<Paths extends {}> {
  request: KakaoRequestMethod<Paths>;
  GET: KakaoMethod<Paths, 'get'>;
  PUT: KakaoMethod<Paths, 'put'>;
  POST: KakaoMethod<Paths, 'post'>;
  DELETE: KakaoMethod<Paths, 'delete'>;
  OPTIONS: KakaoMethod<Paths, 'options'>;
  HEAD: KakaoMethod<Paths, 'head'>;
  PATCH: KakaoMethod<Paths, 'patch'>;
  TRACE: KakaoMethod<Paths, 'trace'>;
  /** Registers openapi-fetch middleware. */
  use(...middleware: Middleware[]): void;
  /** Unregisters openapi-fetch middleware. */
  eject(...middleware: Middleware[]): void;
}

type PathOf<K> = K extends `${string} ${infer P}` ? P : never;
/**
 * The paths of a lite client: those its operations serve (`K`: `'get /v2/user/me' | …`, from the
 * operations' Route types), each with only the methods given; the other methods of a path are
 * absent, as openapi-typescript writes a method a path lacks.
 */
export type RoutedPaths<K extends string> = {
  [P in PathOf<K> & keyof paths]: { [M in keyof paths[P] as `${M & string} ${P}` extends K ? M : never]-?: paths[P][M] } & {
    [M in keyof paths[P] as `${M & string} ${P}` extends K ? never : M]?: never;
  };
};
