// One ready-to-send request per operation for the Postman collection and the .http files: the
// operation's host as a variable, its credential as a variable, and its required parameters and
// body from the documented examples, kept on the wire as Kakao takes them (JSON text stays text).
import { deref, exampleOf } from './requests.mjs';

export { exampleOf };

/** Kakao's hosts, by the variable that stands for each (`{{kapi}}` …). */
export const HOSTS = {
  kauth: 'https://kauth.kakao.com',
  kapi: 'https://kapi.kakao.com',
  dapi: 'https://dapi.kakao.com',
  api_status: 'https://api-status.kakao.com',
};

/** Security scheme → how it is sent and the variable holding the credential. */
export const SCHEME_AUTH = {
  accessToken: { kind: 'bearer', variable: 'access_token' },
  restApiKey: { kind: 'kakaoak', variable: 'rest_api_key' },
  adminKey: { kind: 'kakaoak', variable: 'admin_key' },
};

/** The redirect URI of the documented Kakao Login examples, the default of `{{redirect_uri}}`. */
export const KAUTH_FIELDS = { redirect_uri: 'https://example.com/oauth/kakao/callback' };

/** On kauth the app's own values replace the examples' fake ones, so that the flow works as is. */
const KAUTH_VARIABLES = {
  client_id: '{{rest_api_key}}',
  redirect_uri: '{{redirect_uri}}',
  code: '{{authorization_code}}',
  client_secret: '{{client_secret}}',
};

export function hostVariable(servers) {
  const url = servers?.[0]?.url;
  const entry = Object.entries(HOSTS).find(([, u]) => u === url);
  if (!entry) throw new Error(`no host variable for server ${url}`);
  return entry[0];
}

/** Properties of a body schema, through $ref and allOf/oneOf/anyOf (the first alternative's win). */
export function formProperties(doc, schema, props = {}, depth = 0) {
  const s = deref(doc, schema);
  if (!s || depth > 8) return props;
  for (const [k, v] of Object.entries(s.properties ?? {})) if (!(k in props)) props[k] = v;
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const sub of s[key] ?? []) formProperties(doc, sub, props, depth + 1);
  return props;
}

/** A parameter value as text: arrays joined with commas where `explode: false`, JSON text as is. */
function queryText(param, value) {
  if (Array.isArray(value)) return param.explode === false ? value.join(',') : value;
  return value;
}

/**
 * @param {object} doc the combined document
 * @param {{ path: string, operation: object, params: object[], servers: object[] }} op from eachOperation
 * @returns {{ query: Record<string, unknown>, optionalQuery: Record<string, unknown>, path: Record<string, unknown>,
 *   body?: Record<string, unknown>, optionalBody?: Record<string, unknown>, bodyType?: string }}
 *   `query` and `body` are what a first call sends; `optional*` the rest, each with its example or ''.
 */
export function requestExample(doc, op) {
  const { operation, params, servers } = op;
  const onKauth = hostVariable(servers) === 'kauth';
  const replace = (name, value) => (onKauth && name in KAUTH_VARIABLES && (name !== 'code' || op.path === '/oauth/token') ? KAUTH_VARIABLES[name] : value);
  const query = {};
  const optionalQuery = {};
  const pathParams = {};
  for (const p of params) {
    const value = exampleOf(doc, p);
    if (value === undefined && p.required) throw new Error(`${operation.operationId}: required parameter ${p.name} has no example`);
    if (p.in === 'query') (p.required ? query : optionalQuery)[p.name] = replace(p.name, queryText(p, value ?? ''));
    if (p.in === 'path') pathParams[p.name] = value;
  }
  const out = { query, optionalQuery, path: pathParams };
  const body = deref(doc, operation.requestBody);
  if (body?.content) {
    const [type, media] = Object.entries(body.content)[0];
    out.bodyType = type;
    const example = exampleOf(doc, media);
    if (example === undefined && body.required) throw new Error(`${operation.operationId}: required body has no example`);
    if (example && typeof example === 'object') {
      out.body = type === 'application/json' ? example : Object.fromEntries(Object.entries(example).map(([k, v]) => [k, replace(k, v)]));
    }
    if (type !== 'application/json') {
      // The other form fields, for a user to switch on: their example, or empty.
      out.optionalBody = {};
      for (const [k, prop] of Object.entries(formProperties(doc, media.schema))) {
        if (!(k in (out.body ?? {}))) out.optionalBody[k] = replace(k, exampleOf(doc, deref(doc, prop)) ?? '');
      }
    }
  }
  return out;
}
