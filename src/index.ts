// kakao-openapi: a typed client for the Kakao REST API, generated from its OpenAPI description.
import { createClientFor, type KakaoClient, type KakaoClientOptions } from './client.js';
import { operations } from '../generated/client/operations.js';

/** A client for every operation of the Kakao REST API (for a browser app, `kakao-openapi/lite` ships only the operations it names). */
export const createKakaoClient = (options: KakaoClientOptions = {}): KakaoClient => createClientFor(operations, options);
export { retryAfterMs } from './client.js';
export type {
  Credential,
  CredentialName,
  KakaoCallOptions,
  KakaoClient,
  KakaoClientOptions,
  KakaoRequestEvent,
  KakaoRequestOptions,
  KakaoResponseEvent,
  KakaoResult,
  KakaoTokens,
  RetryOptions,
  TokenStore,
} from './client.js';
export {
  isKakaoError,
  KakaoApiError,
  KakaoAuthError,
  KakaoDapiError,
  KakaoError,
  KakaoHttpError,
  KakaoInvalidResponseError,
} from './errors.js';
export type { KakaoErrorKind, KakaoResponseError } from './errors.js';
export type { CallInit, HostErrors, RoutedPaths } from './types.js';
export type { Route } from '../generated/client/routes.js';
export { authorizeUrl, createPkce, exchangeCode, refreshToken } from './login.js';
export type { AuthorizeUrlParams, ExchangeCodeParams, RefreshTokenParams } from './login.js';
export { KAKAO_ISSUER, KakaoIdTokenError, parseCallback, verifyIdToken } from './oidc.js';
export type { CallbackResult, IdTokenPayload, VerifyIdTokenOptions } from './oidc.js';
export { encodeParams } from './serialize.js';
export { pageItems, paginate } from './paging.js';
export type { PaginateOptions } from './paging.js';
export { operations, securitySchemes } from '../generated/client/operations.js';
export type { AuthorizeErrorCode, DapiErrorType, KapiErrorCode, KauthError, KauthErrorCode, OperationInfo, OperationMeta, PagedPath, Paging } from '../generated/client/operations.js';
export type { components, operations as OperationTypes, paths } from '../generated/client/paths.js';
