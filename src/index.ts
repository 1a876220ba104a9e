// kakao-openapi: a typed client for the Kakao REST API, generated from its OpenAPI description.
export { createKakaoClient, retryAfterMs } from './client.js';
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
export type { CallInit, HostErrors } from './types.js';
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
