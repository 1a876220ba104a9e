// Typed errors. Kakao's own error bodies become KakaoApiError (kapi/dapi `{code, msg}`) or
// KakaoAuthError (kauth `{error, error_description, error_code}`), keeping Kakao's field names so
// they match the generated error types; everything else that can go wrong has its own kind.
// No error ever carries a credential: messages name credentials, never their values, and
// redact() scrubs what Kakao or a custom fetch echoes (texts, bodies, the cause) before anyone sees it.
import type { DapiErrorType, KapiErrorCode, KauthError, KauthErrorCode } from '../generated/client/operations.js';

export type KakaoErrorKind = 'api' | 'auth' | 'dapi' | 'http' | 'network' | 'timeout' | 'aborted' | 'invalid-response' | 'id-token' | 'usage';

/** Base class of every error the client reports; narrow with `kind` or `instanceof`. */
export class KakaoError extends Error {
  readonly kind: KakaoErrorKind;
  /** operationId of the call, when the error belongs to one. */
  readonly operationId: string | undefined;
  /** Response headers, when Kakao answered (Kakao documents no request-id or rate-limit header: read what arrives). */
  declare readonly headers?: Headers;
  /** Attempts made (1 + retries), when the error ends a call. */
  declare readonly attempts?: number;
  /** The Response, when Kakao answered (not enumerable: kept out of logs). */
  declare readonly response?: Response;
  constructor(kind: KakaoErrorKind, message: string, operationId?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
    this.operationId = operationId;
  }
}

/** Adds the response metadata and attempt count to an error. */
export function withMeta<E extends KakaoError>(error: E, response: Response | undefined, attempts: number): E {
  if (response) {
    Object.assign(error, { headers: response.headers });
    Object.defineProperty(error, 'response', { value: response, enumerable: false, configurable: true });
  }
  return Object.assign(error, { attempts });
}

const who = (operationId?: string) => operationId ?? 'Kakao API';

/** Copies the listed fields that Kakao sent (and only those) onto the error. */
function assign(target: object, status: number, body: Record<string, unknown>, keys: string[]) {
  Object.assign(target, { status });
  for (const key of keys) if (body[key] !== undefined) Object.assign(target, { [key]: body[key] });
}

/** kapi.kakao.com error: `{code, msg}` plus, for -402, the scope fields. */
export class KakaoApiError extends KakaoError {
  declare readonly kind: 'api';
  declare readonly status: number;
  /** Kakao's error code: the codes the documents show, or another number. */
  declare readonly code: KapiErrorCode | (number & {});
  readonly msg: string = '';
  declare readonly api_type?: string;
  declare readonly required_scopes?: string[];
  declare readonly allowed_scopes?: string[];
  constructor(status: number, body: { code: number; msg?: string; api_type?: string; required_scopes?: string[]; allowed_scopes?: string[] }, operationId?: string) {
    super('api', `${who(operationId)} failed with HTTP ${status}: code ${body.code}${body.msg ? ` (${body.msg})` : ''}`, operationId);
    assign(this, status, body, ['code', 'msg', 'api_type', 'required_scopes', 'allowed_scopes']);
  }
}

/** kauth.kakao.com error: OAuth 2.0 `error` plus Kakao's `error_code` (KOE…). */
export class KakaoAuthError extends KakaoError {
  declare readonly kind: 'auth';
  declare readonly status: number;
  declare readonly error: KauthError | (string & {});
  declare readonly error_description?: string;
  /** Kakao's KOE code: the codes the documents show, or another. */
  declare readonly error_code?: KauthErrorCode | (string & {});
  constructor(status: number, body: { error: string; error_description?: string; error_code?: string }, operationId?: string) {
    super('auth', `${who(operationId)} failed with HTTP ${status}: ${body.error}${body.error_code ? ` ${body.error_code}` : ''}${body.error_description ? ` (${body.error_description})` : ''}`, operationId);
    assign(this, status, body, ['error', 'error_description', 'error_code']);
  }
}

/** dapi.kakao.com (Local, Search) error: `{errorType, message}` (e.g. MissingParameter, AccessDeniedError). */
export class KakaoDapiError extends KakaoError {
  declare readonly kind: 'dapi';
  declare readonly status: number;
  declare readonly errorType: DapiErrorType | (string & {});
  /** Kakao's `message` (Error's own `message` is the client's summary). */
  readonly errorMessage: string;
  constructor(status: number, body: { errorType: string; message?: string }, operationId?: string) {
    super('dapi', `${who(operationId)} failed with HTTP ${status}: ${body.errorType}${body.message ? ` (${body.message})` : ''}`, operationId);
    assign(this, status, body, ['errorType']);
    this.errorMessage = body.message ?? '';
  }
}

/** An error status whose body is not one of Kakao's error shapes (empty, HTML from a proxy…). */
export class KakaoHttpError extends KakaoError {
  declare readonly kind: 'http';
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown, operationId?: string) {
    super('http', `${who(operationId)} failed with HTTP ${status} and no Kakao error body`, operationId);
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
    super('invalid-response', `${who(operationId)} answered HTTP ${status} with a body that is not valid JSON (content-type: ${contentType ?? 'none'})${hint}`, operationId, { cause });
    this.status = status;
    this.contentType = contentType;
  }
}

export type KakaoResponseError = KakaoApiError | KakaoAuthError | KakaoDapiError | KakaoHttpError;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Turns an error response body into the matching typed error. With `host` (kapi, kauth, dapi),
 * only that host's error shape is read, so the error kinds of a call follow from its path.
 */
export function toResponseError(status: number, body: unknown, operationId?: string, host?: string): KakaoResponseError {
  const any = host !== 'kapi' && host !== 'kauth' && host !== 'dapi';
  if (isObject(body) && typeof body.code === 'number' && (any || host === 'kapi')) return new KakaoApiError(status, body as never, operationId);
  if (isObject(body) && typeof body.error === 'string' && (any || host === 'kauth')) return new KakaoAuthError(status, body as never, operationId);
  if (isObject(body) && typeof body.errorType === 'string' && (any || host === 'dapi')) return new KakaoDapiError(status, body as never, operationId);
  return new KakaoHttpError(status, body, operationId);
}

/** Turns what `fetch` threw into a network, timeout or abort error. */
export function toFetchError(error: unknown, operationId?: string): KakaoError {
  const name = isObject(error) ? error.name : undefined;
  if (name === 'TimeoutError') return new KakaoError('timeout', `${who(operationId)} timed out`, operationId, { cause: error });
  if (name === 'AbortError') return new KakaoError('aborted', `${who(operationId)} was aborted`, operationId, { cause: error });
  const reason = error instanceof Error ? error.message : String(error);
  return new KakaoError('network', `${who(operationId)} could not reach Kakao: ${reason}`, operationId, { cause: error });
}

export const isKakaoError = (value: unknown): value is KakaoError => value instanceof KakaoError;

/**
 * Kakao echoes credentials in some error texts ("This api is not allowed by using app_key(…)",
 * "wrong appKey(…) format"), other servers and custom fetches may too: replaces every given secret
 * with `***` in the error's texts, in its body (at any depth) and in its cause, so that neither
 * `message` nor `util.inspect(error)` shows one.
 */
export function redact<E extends KakaoError>(error: E, secrets: readonly (string | undefined)[]): E {
  const present = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (present.length === 0) return error;
  const scrub = (text: string) => present.reduce((t, s) => t.split(s).join('***'), text);
  const deep = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return scrub(value);
    if (!isObject(value) || depth > 16) return value;
    if (Array.isArray(value)) return value.map((v) => deep(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, depth + 1)]));
  };
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['message', 'msg', 'error_description', 'errorMessage', 'body', 'stack']) {
    if (fields[key] !== undefined) fields[key] = deep(fields[key]);
  }
  const cause = fields.cause;
  if (cause instanceof Error) {
    const clean = Object.assign(new Error(scrub(cause.message)), { name: cause.name, stack: scrub(cause.stack ?? '') });
    for (const [key, value] of Object.entries(cause)) (clean as unknown as Record<string, unknown>)[key] = deep(value);
    fields.cause = clean;
  } else if (cause !== undefined) fields.cause = deep(cause);
  return error;
}
