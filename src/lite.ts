// kakao-openapi/lite: the same client, routing only the operations an app names. The full client
// carries all 84 operations' routing data (about 1.8 kB min+gz), which a bundler cannot drop because
// calls name operations by path strings; here each operation is imported by name from
// `kakao-openapi/operations`, so a browser app ships the routing of the operations it uses only.
import { createClientFor, type KakaoClient, type KakaoClientOptions } from './client.js';
import type { Route } from '../generated/client/routes.js';
import type { RoutedPaths } from './types.js';

type Serves<R> = R extends Route<infer K> ? K : never;

export interface KakaoLiteClientOptions<R extends Route> extends KakaoClientOptions {
  /** The operations this client calls, from `kakao-openapi/operations` (`[getUserMe, listFriends]`). */
  operations: readonly R[];
}

/**
 * A client for the given operations only: the same options, calls and errors as
 * `createKakaoClient` of `kakao-openapi`; its types accept only these operations' paths and
 * methods, and a call to another one fails with a usage error.
 */
export function createKakaoClient<R extends Route>(options: KakaoLiteClientOptions<R>): KakaoClient<RoutedPaths<Serves<R>>> {
  const table = Object.fromEntries((options.operations ?? []).map((op) => [`${op.method} ${op.path}`, op]));
  return createClientFor(table, options, "among this client's operations (add it from 'kakao-openapi/operations')");
}

export { isKakaoError, KakaoApiError, KakaoAuthError, KakaoDapiError, KakaoError, KakaoHttpError, KakaoInvalidResponseError } from './errors.js';
export type { KakaoErrorKind, KakaoResponseError } from './errors.js';
export type { Credential, CredentialName, KakaoCallOptions, KakaoClient, KakaoClientOptions, KakaoRequestEvent, KakaoRequestOptions, KakaoResponseEvent, KakaoResult, KakaoTokens, RetryOptions, TokenStore } from './client.js';
export type { Route } from '../generated/client/routes.js';
export type { RoutedPaths } from './types.js';
