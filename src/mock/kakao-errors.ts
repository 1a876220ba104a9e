// The error bodies the mock answers with, in Kakao's two shapes. Texts in Kakao's own wording are
// marked; the others say "mock:" so nobody mistakes them for Kakao's.

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** kapi.kakao.com `{code, msg}`, kauth.kakao.com OAuth errors, dapi.kakao.com `{errorType, message}`. */
export type ErrorShape = 'kapi' | 'kauth' | 'dapi';

const JSON_TYPE = { 'content-type': 'application/json;charset=UTF-8' };

/** kapi/dapi `{code, msg}`. */
export const apiError = (status: number, code: number, msg: string, headers: Record<string, string> = {}): MockResponse => ({
  status,
  headers: { ...JSON_TYPE, ...headers },
  body: { code, msg },
});

/** kauth `{error, error_description, error_code?}`. */
export const authError = (status: number, error: string, description: string, errorCode?: string): MockResponse => ({
  status,
  headers: JSON_TYPE,
  body: { error, error_description: description, ...(errorCode ? { error_code: errorCode } : {}) },
});

/** dapi `{errorType, message}`. */
export const dapiError = (status: number, errorType: string, message: string): MockResponse => ({
  status,
  headers: JSON_TYPE,
  body: { errorType, message },
});

/** A request Kakao would refuse as invalid: -2 on kapi, invalid_request on kauth, InvalidArgument on dapi. */
export function invalidRequest(shape: ErrorShape, message: string, status = 400): MockResponse {
  if (shape === 'kauth') return authError(status, 'invalid_request', message);
  if (shape === 'dapi') return dapiError(status, 'InvalidArgument', message);
  return apiError(status, -2, message);
}

/**
 * A required parameter is missing, in each host's wording: kapi/kauth "The Parameter [receiver_uuids]
 * cannot be null." (Kakao's Message error page), dapi "query parameter required" (recorded bodies).
 */
export function missingParameter(shape: ErrorShape, name: string): MockResponse {
  if (shape === 'dapi') return dapiError(400, 'MissingParameter', `${name} parameter required`);
  return invalidRequest(shape, `The Parameter [${name}] cannot be null.`);
}

/** An invalid value: kapi/kauth "Constraints on the parameter [x] are unsatisfied. …" (Kakao's wording). */
export function invalidParameter(shape: ErrorShape, name: string, detail: string): MockResponse {
  if (shape === 'dapi') return dapiError(400, 'InvalidArgument', `${name}: ${detail}`);
  return invalidRequest(shape, `Constraints on the parameter [${name}] are unsatisfied. ${detail}`);
}

/** The error shape of a path before it is routed (for bodies too large, unreadable requests). */
export const shapeOfPath = (pathname: string): ErrorShape =>
  pathname.startsWith('/oauth/') ? 'kauth' : /^\/v\d\/(local|search)\//.test(pathname) ? 'dapi' : 'kapi';

/** 401 for a missing, malformed or unknown access token (Kakao's text and RFC 6750 header). */
export const invalidToken = () =>
  apiError(401, -401, 'this access token does not exist', { 'www-authenticate': 'Bearer error=invalid_token' });

/**
 * 503 on kapi: Kakao's error code page pairs `-9798` (service under maintenance) with 503 and
 * publishes no `msg` for it (openapi/components/responses/ServiceUnavailable.yaml), so the text is the mock's.
 */
export const maintenance = () => apiError(503, -9798, 'mock: service under maintenance (Kakao publishes no text for -9798)');
