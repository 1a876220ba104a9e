// Typed errors. Kakao's own error bodies become KakaoApiError (kapi/dapi `{code, msg}`) or
// KakaoAuthError (kauth `{error, error_description, error_code}`), keeping Kakao's field names so
// they match the generated error types; everything else that can go wrong has its own kind.
// No error ever carries a credential: messages name credentials, never their values, and
// redact() scrubs what Kakao or a custom fetch echoes (texts, bodies, the cause) before anyone sees it.
import type { DapiErrorType, KapiErrorCode, KauthError, KauthErrorCode } from '../generated/client/operations.js';

export type KakaoErrorKind = 'api' | 'auth' | 'dapi' | 'http' | 'network' | 'timeout' | 'aborted' | 'invalid-response' | 'id-token' | 'usage';

/** Base class of every error the client reports; narrow with `kind` or `instanceof`. */
export class KakaoError extends Error {
  declare readonly kind: KakaoErrorKind;
  /** operationId of the call, when the error belongs to one. */
  declare readonly operationId: string | undefined;
  /** Response headers, when Kakao answered (Kakao documents no request-id or rate-limit header: read what arrives). */
  declare readonly headers?: Headers;
  /** Attempts made (1 + retries), when the error ends a call. */
  declare readonly attempts?: number;
  /** The Response, when Kakao answered (not enumerable: kept out of logs). */
  declare readonly response?: Response;
  constructor(kind: KakaoErrorKind, message: string, operationId?: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.assign(this, { name: new.target.name, kind, operationId });
  }
}

/** Adds the response metadata and attempt count to an error. */
export function withMeta<E extends KakaoError>(error: E, response: Response | undefined, attempts: number): E {
  if (response) Object.defineProperty(Object.assign(error, { headers: response.headers }), 'response', { value: response, configurable: true });
  return Object.assign(error, { attempts });
}

/**
 * What the four response errors share: the message "<operation> failed with HTTP <status><what> (<detail>)",
 * the status, and the listed fields that Kakao sent (only those).
 */
class KakaoResponseErrorBase extends KakaoError {
  declare readonly status: number;
  constructor(kind: KakaoErrorKind, status: number, body: Record<string, any>, keys: string, operationId: string | undefined, what: string, detail?: string) {
    super(kind, `${operationId ?? 'Kakao API'} failed with HTTP ${status}${what}${detail ? ` (${detail})` : ''}`, operationId);
    Object.assign(this, { status });
    for (const key of keys.split(' ')) if (body[key] !== undefined) Object.assign(this, { [key]: body[key] });
  }
}

/** kapi.kakao.com error: `{code, msg}` plus, for -402, the scope fields. */
export class KakaoApiError extends KakaoResponseErrorBase {
  declare readonly kind: 'api';
  /** Kakao's error code: the codes the documents show, or another number. */
  declare readonly code: KapiErrorCode | (number & {});
  /** Kakao's message ('' when it sent none). */
  declare readonly msg: string;
  declare readonly api_type?: string;
  declare readonly required_scopes?: string[];
  declare readonly allowed_scopes?: string[];
  constructor(status: number, body: { code: number; msg?: string; api_type?: string; required_scopes?: string[]; allowed_scopes?: string[] }, operationId?: string) {
    super('api', status, { ...body, msg: body.msg ?? '' }, 'code msg api_type required_scopes allowed_scopes', operationId, `: code ${body.code}`, body.msg);
  }
}

/** kauth.kakao.com error: OAuth 2.0 `error` plus Kakao's `error_code` (KOE…). */
export class KakaoAuthError extends KakaoResponseErrorBase {
  declare readonly kind: 'auth';
  declare readonly error: KauthError | (string & {});
  declare readonly error_description?: string;
  /** Kakao's KOE code: the codes the documents show, or another. */
  declare readonly error_code?: KauthErrorCode | (string & {});
  constructor(status: number, body: { error: string; error_description?: string; error_code?: string }, operationId?: string) {
    super('auth', status, body, 'error error_description error_code', operationId, `: ${body.error}${body.error_code ? ` ${body.error_code}` : ''}`, body.error_description);
  }
}

/** dapi.kakao.com (Local, Search) error: `{errorType, message}` (e.g. MissingParameter, AccessDeniedError). */
export class KakaoDapiError extends KakaoResponseErrorBase {
  declare readonly kind: 'dapi';
  declare readonly errorType: DapiErrorType | (string & {});
  /** Kakao's `message` (Error's own `message` is the client's summary). */
  declare readonly errorMessage: string;
  constructor(status: number, body: { errorType: string; message?: string }, operationId?: string) {
    super('dapi', status, { ...body, errorMessage: body.message ?? '' }, 'errorType errorMessage', operationId, `: ${body.errorType}`, body.message);
  }
}

/** An error status whose body is not one of Kakao's error shapes (empty, HTML from a proxy…). */
export class KakaoHttpError extends KakaoResponseErrorBase {
  declare readonly kind: 'http';
  declare readonly body: unknown;
  constructor(status: number, body: unknown, operationId?: string) {
    super('http', status, { body }, 'body', operationId, ' and no Kakao error body');
  }
}

/** A success status whose body is not the JSON the operation promises. */
export class KakaoInvalidResponseError extends KakaoError {
  declare readonly kind: 'invalid-response';
  declare readonly status: number;
  declare readonly contentType: string | null;
  constructor(status: number, contentType: string | null, operationId: string | undefined, cause: unknown) {
    const hint = /xml/i.test(contentType ?? '') ? "; to read XML, pass parseAs: 'text'" : '';
    super('invalid-response', `${operationId ?? 'Kakao API'} answered HTTP ${status} with a body that is not valid JSON (content-type: ${contentType ?? 'none'})${hint}`, operationId, { cause });
    Object.assign(this, { status, contentType });
  }
}

export type KakaoResponseError = KakaoApiError | KakaoAuthError | KakaoDapiError | KakaoHttpError;

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null;

/**
 * Turns an error response body into the matching typed error. With `host` (kapi, kauth, dapi),
 * only that host's error shape is read, so the error kinds of a call follow from its path.
 */
export function toResponseError(status: number, body: unknown, operationId?: string, host?: string): KakaoResponseError {
  const b = isObject(body) ? body : {};
  const any = !/^(kapi|kauth|dapi)$/.test(host ?? '');
  if ((any || host === 'kapi') && typeof b.code === 'number') return new KakaoApiError(status, b as never, operationId);
  if ((any || host === 'kauth') && typeof b.error === 'string') return new KakaoAuthError(status, b as never, operationId);
  if ((any || host === 'dapi') && typeof b.errorType === 'string') return new KakaoDapiError(status, b as never, operationId);
  return new KakaoHttpError(status, body, operationId);
}

/** Turns what `fetch` threw into a network, timeout or abort error. */
export function toFetchError(error: unknown, operationId?: string): KakaoError {
  const name = isObject(error) && error.name;
  const who = operationId ?? 'Kakao API';
  if (name === 'TimeoutError') return new KakaoError('timeout', `${who} timed out`, operationId, { cause: error });
  if (name === 'AbortError') return new KakaoError('aborted', `${who} was aborted`, operationId, { cause: error });
  return new KakaoError('network', `${who} could not reach Kakao: ${error instanceof Error ? error.message : error}`, operationId, { cause: error });
}

export const isKakaoError = (value: unknown): value is KakaoError => value instanceof KakaoError;

/**
 * Kakao echoes credentials in some error texts ("This api is not allowed by using app_key(…)",
 * "wrong appKey(…) format"), other servers and custom fetches may too: replaces every given secret
 * with `***` in the error's texts, in its body (at any depth) and in its cause, so that neither
 * `message` nor `util.inspect(error)` shows one.
 */
export function redact<E extends KakaoError>(error: E, secrets: readonly unknown[]): E {
  const present = secrets.filter((s): s is string => typeof s === 'string' && s.length > 3);
  if (present.length === 0) return error;
  const deep = (value: unknown, depth = 0): any => {
    if (typeof value === 'string') return present.reduce((text, secret) => text.split(secret).join('***'), value);
    if (!isObject(value) || depth > 16) return value;
    if (Array.isArray(value)) return value.map((v) => deep(v, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deep(v, depth + 1)]));
  };
  const fields = error as unknown as Record<string, unknown>;
  for (const key of ['message', 'msg', 'error_description', 'errorMessage', 'body', 'stack', 'cause']) {
    const value = fields[key];
    // An Error cause is copied (a custom fetch may throw a shared one), its texts and own fields scrubbed.
    if (value !== undefined) fields[key] = value instanceof Error ? Object.assign(new Error(), deep({ ...value, name: value.name, message: value.message, stack: value.stack })) : deep(value);
  }
  return error;
}
