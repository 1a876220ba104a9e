// Typed errors. Kakao's own error bodies become KakaoApiError (kapi/dapi `{code, msg}`) or
// KakaoAuthError (kauth `{error, error_description, error_code}`), keeping Kakao's field names so
// they match the generated error types; everything else that can go wrong has its own kind.
// No error ever carries a credential: messages name credentials, never their values.

export type KakaoErrorKind = 'api' | 'auth' | 'dapi' | 'http' | 'network' | 'timeout' | 'aborted' | 'invalid-response' | 'usage';

/** Base class of every error the client reports; narrow with `kind` or `instanceof`. */
export class KakaoError extends Error {
  readonly kind: KakaoErrorKind;
  /** operationId of the call, when the error belongs to one. */
  readonly operationId: string | undefined;
  constructor(kind: KakaoErrorKind, message: string, operationId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.operationId = operationId;
  }
}

/** kapi.kakao.com / dapi.kakao.com error: `{code, msg}` plus, for -402, the scope fields. */
export class KakaoApiError extends KakaoError {
  declare readonly kind: 'api';
  readonly status: number;
  readonly code: number;
  readonly msg: string;
  readonly api_type?: string;
  readonly required_scopes?: string[];
  readonly allowed_scopes?: string[];
  constructor(status: number, body: { code: number; msg?: string; api_type?: string; required_scopes?: string[]; allowed_scopes?: string[] }, operationId?: string) {
    super('api', `${operationId ?? 'Kakao API'} failed with HTTP ${status}: code ${body.code}${body.msg ? ` (${body.msg})` : ''}`, operationId);
    this.status = status;
    this.code = body.code;
    this.msg = body.msg ?? '';
    if (body.api_type !== undefined) this.api_type = body.api_type;
    if (body.required_scopes !== undefined) this.required_scopes = body.required_scopes;
    if (body.allowed_scopes !== undefined) this.allowed_scopes = body.allowed_scopes;
  }
}

/** kauth.kakao.com error: OAuth 2.0 `error` plus Kakao's `error_code` (KOE…). */
export class KakaoAuthError extends KakaoError {
  declare readonly kind: 'auth';
  readonly status: number;
  readonly error: string;
  readonly error_description?: string;
  readonly error_code?: string;
  constructor(status: number, body: { error: string; error_description?: string; error_code?: string }, operationId?: string) {
    super('auth', `${operationId ?? 'Kakao authorization'} failed with HTTP ${status}: ${body.error}${body.error_code ? ` ${body.error_code}` : ''}${body.error_description ? ` (${body.error_description})` : ''}`, operationId);
    this.status = status;
    this.error = body.error;
    if (body.error_description !== undefined) this.error_description = body.error_description;
    if (body.error_code !== undefined) this.error_code = body.error_code;
  }
}

/** dapi.kakao.com (Local, Search) error: `{errorType, message}` (e.g. MissingParameter, AccessDeniedError). */
export class KakaoDapiError extends KakaoError {
  declare readonly kind: 'dapi';
  readonly status: number;
  readonly errorType: string;
  readonly errorMessage: string;
  constructor(status: number, body: { errorType: string; message?: string }, operationId?: string) {
    super('dapi', `${operationId ?? 'Kakao API'} failed with HTTP ${status}: ${body.errorType}${body.message ? ` (${body.message})` : ''}`, operationId);
    this.status = status;
    this.errorType = body.errorType;
    this.errorMessage = body.message ?? '';
  }
}

/** An error status whose body is not one of Kakao's error shapes (empty, HTML from a proxy…). */
export class KakaoHttpError extends KakaoError {
  declare readonly kind: 'http';
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown, operationId?: string) {
    super('http', `${operationId ?? 'Kakao API'} failed with HTTP ${status} and no Kakao error body`, operationId);
    this.status = status;
    this.body = body;
  }
}

/** A success status whose body is not the JSON the operation promises. */
export class KakaoInvalidResponseError extends KakaoError {
  declare readonly kind: 'invalid-response';
  readonly status: number;
  readonly contentType: string | null;
  constructor(status: number, contentType: string | null, operationId: string | undefined, cause: unknown) {
    const hint = /xml/i.test(contentType ?? '') ? "; to read XML, pass parseAs: 'text'" : '';
    super('invalid-response', `${operationId ?? 'Kakao API'} answered HTTP ${status} with a body that is not valid JSON (content-type: ${contentType ?? 'none'})${hint}`, operationId, { cause });
    this.status = status;
    this.contentType = contentType;
  }
}

export type KakaoResponseError = KakaoApiError | KakaoAuthError | KakaoDapiError | KakaoHttpError;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Turns an error response body into the matching typed error. */
export function toResponseError(status: number, body: unknown, operationId?: string): KakaoResponseError {
  if (isObject(body) && typeof body.code === 'number') return new KakaoApiError(status, body as never, operationId);
  if (isObject(body) && typeof body.error === 'string') return new KakaoAuthError(status, body as never, operationId);
  if (isObject(body) && typeof body.errorType === 'string') return new KakaoDapiError(status, body as never, operationId);
  return new KakaoHttpError(status, body, operationId);
}

/** Turns what `fetch` threw into a network, timeout or abort error. */
export function toFetchError(error: unknown, operationId?: string): KakaoError {
  const name = isObject(error) ? error.name : undefined;
  if (name === 'TimeoutError') return new KakaoError('timeout', `${operationId ?? 'Kakao API'} timed out`, operationId, { cause: error });
  if (name === 'AbortError') return new KakaoError('aborted', `${operationId ?? 'Kakao API'} was aborted`, operationId, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new KakaoError('network', `${operationId ?? 'Kakao API'} could not reach Kakao: ${reason}`, operationId, { cause: error });
}

export const isKakaoError = (value: unknown): value is KakaoError => value instanceof KakaoError;

/**
 * Kakao echoes credentials in some error texts ("This api is not allowed by using app_key(…)",
 * "wrong appKey(…) format"): replaces every configured credential in the error's texts with `***`.
 */
export function redact<E extends KakaoError>(error: E, secrets: readonly string[]): E {
  const present = secrets.filter((s) => s.length >= 4);
  if (present.length === 0) return error;
  const scrub = (text: string) => present.reduce((t, s) => t.split(s).join('***'), text);
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['message', 'msg', 'error_description', 'errorMessage', 'body']) {
    if (typeof fields[key] === 'string') fields[key] = scrub(fields[key] as string);
  }
  if (error.stack) error.stack = scrub(error.stack);
  return error;
}
