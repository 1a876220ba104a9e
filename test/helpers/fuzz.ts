// Malformed requests for the mock, derived from valid ones: every operation, with mutations.
import fc from 'fast-check';
import { encodeParams } from '../../src/serialize.js';
import type { ValidRequest } from './requests.js';

export interface RawRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const junk = fc.oneof(
  fc.string(),
  fc.constantFrom('', '[', '{"a":', 'null', '[1,"x"]', '%', '%zz', '%E0%A4%A', '\u0000', '😀'.repeat(50), '{"__proto__":{"x":1}}', 'true', '-1', '1e999'),
  fc.integer().map(String),
  fc.json(),
);

/** The mock's keys and some wrong ones. */
const authorization = (keys: { restApiKey: string; adminKey: string }) =>
  fc.constantFrom(undefined, 'Bearer fake-token', `KakaoAK ${keys.adminKey}`, `KakaoAK ${keys.restApiKey}`, 'KakaoAK', 'Bearer', 'Basic Zm9vOmJhcg==', 'KakaoAK fake-unknown', '\u00ff\u00fe');

export function fuzzRequest(requests: ValidRequest[], keys: { restApiKey: string; adminKey: string }): fc.Arbitrary<RawRequest> {
  // (many-keys is listed twice: it is the mutation that finds a decoder slower than linear.)
  return fc
    .record({
      r: fc.constantFrom(...requests),
      mutation: fc.constantFrom('drop', 'junk-value', 'extra', 'content-type', 'huge', 'oversized', 'many-keys', 'many-keys', 'bytes', 'method', 'path', 'none'),
      key: fc.nat(),
      value: junk,
      auth: authorization(keys),
      contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=latin1', ''),
      bytes: fc.uint8Array({ maxLength: 256 }),
    })
    .map(({ r, mutation, key, value, auth, contentType, bytes }) => {
      const query: Record<string, unknown> = { ...r.init.params?.query };
      const body: Record<string, unknown> = { ...r.init.body };
      const names = [...Object.keys(query), ...Object.keys(body)];
      const name = names.length ? names[key % names.length]! : 'x';
      const where = name in query ? query : body;
      if (mutation === 'drop') delete where[name];
      if (mutation === 'junk-value') where[name] = value;
      if (mutation === 'extra') where[`extra_${key % 7}`] = value;
      let path = r.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(value)));
      if (mutation === 'path') path = `${path}${key % 2 ? '/' : ''}${encodeURIComponent(String(value)).slice(0, 40)}`;
      const method = mutation === 'method' ? ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'][key % 5]! : r.op.method.toUpperCase();
      const qs = encodeParams(query);
      const headers: Record<string, string> = {};
      // Many keys behind the right credential, so that the body is decoded, not refused at the door.
      const credential = { accessToken: 'Bearer fake-token', restApiKey: `KakaoAK ${keys.restApiKey}`, adminKey: `KakaoAK ${keys.adminKey}` }[r.credential ?? ''];
      if (mutation === 'many-keys' && credential) headers.Authorization = credential;
      else if (auth) headers.Authorization = auth;
      let payload: string | Uint8Array | undefined;
      if (method !== 'GET' && method !== 'HEAD') {
        payload =
          mutation === 'bytes'
            ? bytes
            : mutation === 'huge'
              ? 'a='.concat('x'.repeat(100_000))
              : mutation === 'oversized'
                ? 'a='.concat('x'.repeat(1024 * 1024))
                : mutation === 'many-keys'
                  ? // Up to 60,000 distinct keys (~600 kB, under the default 1 MiB limit): decoding must stay linear.
                    [encodeParams(body), ...Array.from({ length: 1000 + (key % 59_000) }, (_, i) => `k${i}=${i}`)].filter(Boolean).join('&')
                  : contentType.startsWith('application/json')
                    ? JSON.stringify(body)
                    : encodeParams(body);
        headers['Content-Type'] = mutation === 'content-type' || mutation === 'bytes' ? contentType : 'application/x-www-form-urlencoded';
      }
      return { method, target: `${path}${qs ? `?${qs}` : ''}`, headers, body: payload };
    });
}

/**
 * Kakao's `{code, msg}` (negative integer code), kauth's `{error, …}` or dapi's `{errorType, message}`;
 * or the KOE error page Kakao shows in the browser for a refused authorize request (the sandbox's).
 */
export function isKakaoShaped(text: string): boolean {
  if (/^<!doctype html>.*<title>KOE\d{3}<\/title>/is.test(text)) return true;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && Number.isInteger(body.code) && body.code < 0 && typeof body.msg === 'string') return true;
    if (body && typeof body === 'object' && typeof body.errorType === 'string' && typeof body.message === 'string') return true;
    return body && typeof body === 'object' && typeof body.error === 'string';
  } catch {
    return false;
  }
}
