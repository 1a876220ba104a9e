// The error bodies the mock answers with, in Kakao's two shapes. Texts in Kakao's own wording are
// marked; the others say "mock:" so nobody mistakes them for Kakao's.

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type ErrorShape = 'kapi' | 'kauth';

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

/** A request Kakao would refuse as invalid: -2 on kapi/dapi (Kakao's message patterns), invalid_request on kauth. */
export function invalidRequest(shape: ErrorShape, message: string, status = 400): MockResponse {
  return shape === 'kauth' ? authError(status, 'invalid_request', message) : apiError(status, -2, message);
}

/** Kakao's wording for a missing parameter ("The Parameter [receiver_uuids] cannot be null."). */
export const missingParameter = (name: string) => `The Parameter [${name}] cannot be null.`;

/** Kakao's wording for an invalid value ("Constraints on the parameter [x] are unsatisfied. …"). */
export const invalidParameter = (name: string, detail: string) => `Constraints on the parameter [${name}] are unsatisfied. ${detail}`;

/** 401 for a missing, malformed or unknown access token (Kakao's text and RFC 6750 header). */
export const invalidToken = () =>
  apiError(401, -401, 'this access token does not exist', { 'www-authenticate': 'Bearer error=invalid_token' });
