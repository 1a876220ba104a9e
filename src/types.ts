// The client's method types: openapi-fetch's, with two changes. The error branch is our typed
// error (the client always sets one on failure, even for empty or non-JSON bodies, where
// openapi-fetch would give `undefined` or text), and the per-call options are exact (`auth` typed,
// no arbitrary extra keys).
import type { FetchResponse, MaybeOptionalInit, Middleware } from 'openapi-fetch';
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from 'openapi-typescript-helpers';
import type { KakaoResponseError } from './errors.js';

/** The credentials, named like the security schemes of the description. */
export type CredentialName = 'accessToken' | 'restApiKey' | 'adminKey';

/**
 * Per call, choose the credential where an operation accepts several (e.g. `auth: 'adminKey'` for
 * `GET /v2/user/me` with `target_id_type`/`target_id`); `'none'` sends no Authorization header.
 */
export interface KakaoCallOptions {
  auth?: CredentialName | 'none';
}

type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & KakaoCallOptions)?] : [Init & KakaoCallOptions];

/** Success: typed `data`. Failure: `error` is a KakaoApiError, KakaoAuthError or KakaoHttpError (see `kind`). */
export type KakaoResult<T extends Record<string | number, any>, Init> =
  | Extract<FetchResponse<T, Init, 'application/json'>, { error?: never }>
  | { data?: never; error: KakaoResponseError; response: Response };

export type KakaoMethod<Paths extends Record<string, Record<HttpMethod, {}>>, Method extends HttpMethod> = <
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<KakaoResult<Paths[Path][Method], Init>>;

export type KakaoRequestMethod<Paths extends Record<string, Record<HttpMethod, {}>>> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  Init extends MaybeOptionalInit<Paths[Path], Method>,
>(
  method: Method,
  url: Path,
  ...init: InitParam<Init>
) => Promise<KakaoResult<Paths[Path][Method], Init>>;

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
