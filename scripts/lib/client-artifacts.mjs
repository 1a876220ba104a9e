// What the client needs from the combined document, generated so that no endpoint list is kept by
// hand: per operation its host, security alternatives, request body media type and the parameters
// Kakao takes as JSON text; and the "client view" of the document, in which every JSON-text
// parameter is typed by its contentSchema (callers pass values, the client sends JSON text).

import { deref as resolve, eachOperation } from './requests.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const isJsonText = (schema) =>
  schema && typeof schema === 'object' && schema.type === 'string' && schema.contentMediaType === 'application/json' && schema.contentSchema;


/** Property names of an object schema (through $ref, allOf, oneOf, anyOf) whose value is JSON text. */
function jsonTextProperties(doc, schema, found = new Set(), depth = 0) {
  const s = resolve(doc, schema);
  if (!s || typeof s !== 'object' || depth > 8) return found;
  for (const [name, prop] of Object.entries(s.properties ?? {})) if (isJsonText(resolve(doc, prop))) found.add(name);
  for (const key of ['allOf', 'oneOf', 'anyOf']) for (const sub of s[key] ?? []) jsonTextProperties(doc, sub, found, depth + 1);
  return found;
}

const IDEMPOTENT = new Set(['get', 'head', 'put', 'delete', 'options', 'trace']);

/** Whether the client may repeat the operation: `x-kakao-idempotent`, else the HTTP method (RFC 9110). */
export const isIdempotent = (method, op) => (typeof op['x-kakao-idempotent'] === 'boolean' ? op['x-kakao-idempotent'] : IDEMPOTENT.has(method));

/** One entry per operation, keyed `METHOD /path`, sorted. */
export function operationMap(doc) {
  const entries = [];
  for (const { path, method, operation: op, servers, params } of eachOperation(doc, METHODS)) {
    const body = resolve(doc, op.requestBody);
    const [mediaType, media] = Object.entries(body?.content ?? {})[0] ?? [];
    const entry = {
      operationId: op.operationId,
      host: servers[0].url,
      security: (op.security ?? doc.security ?? []).map((req) => Object.keys(req)),
      idempotent: isIdempotent(method, op),
    };
    if (mediaType) entry.body = mediaType;
    const query = params.filter((p) => p.in === 'query');
    const jsonQuery = query.filter((p) => isJsonText(p.schema)).map((p) => p.name).sort();
    // style: form, explode: false arrays travel comma-separated (`scope=a,b`).
    const csvQuery = query.filter((p) => p.explode === false && resolve(doc, p.schema)?.type === 'array').map((p) => p.name).sort();
    const jsonBody = media ? [...jsonTextProperties(doc, media.schema)].sort() : [];
    if (jsonQuery.length) entry.jsonQuery = jsonQuery;
    if (csvQuery.length) entry.csvQuery = csvQuery;
    if (jsonBody.length) entry.jsonBody = jsonBody;
    if (op['x-kakao-paging']) entry.paging = op['x-kakao-paging'];
    entries.push([`${method.toUpperCase()} ${path}`, entry]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/**
 * Per credential, the parameters (`in` query/path/header) and form-body properties that become
 * required with it (`x-kakao-required-with`): `{ adminKey: { query: ['target_id', …], body: […] } }`.
 */
export function requiredWith(doc, op, params) {
  const found = {};
  const add = (credential, where, name) => ((found[credential] ??= {})[where] ??= []).push(name);
  for (const p of params) for (const c of p['x-kakao-required-with'] ?? []) add(c, p.in, p.name);
  const body = resolve(doc, op.requestBody);
  for (const media of Object.values(body?.content ?? {})) {
    const schema = resolve(doc, media.schema);
    for (const [name, prop] of Object.entries(schema?.properties ?? {})) for (const c of prop?.['x-kakao-required-with'] ?? []) add(c, 'body', name);
  }
  for (const byPlace of Object.values(found)) for (const names of Object.values(byPlace)) names.sort();
  return found;
}

/** `{format}` paths whose format is json or xml: the concrete paths the client also accepts. */
export function formatAliases(path, params) {
  const format = params.find((p) => p.in === 'path' && p.name === 'format');
  if (!format || !path.includes('.{format}')) return [];
  return (format.schema?.enum ?? []).filter((f) => f === 'json' || f === 'xml').map((f) => ({ format: f, path: path.replace('.{format}', `.${f}`) }));
}

const HOST_NAMES = { 'https://kapi.kakao.com': 'kapi', 'https://kauth.kakao.com': 'kauth', 'https://dapi.kakao.com': 'dapi', 'https://api-status.kakao.com': 'api-status' };
const hostName = (url) => HOST_NAMES[url] ?? url.replace(/^https?:\/\//, '');

/** Kakao's error codes that the documents show in error examples (status ≥ 400), per host. */
export function errorCodes(doc) {
  const codes = { kapi: new Set(), kauthCode: new Set(), kauthError: new Set(), dapi: new Set(), redirect: new Set() };
  const take = (host, value) => {
    if (!value || typeof value !== 'object') return;
    if (host === 'kapi' && typeof value.code === 'number') codes.kapi.add(value.code);
    if (host === 'kauth' && typeof value.error_code === 'string') codes.kauthCode.add(value.error_code);
    if (host === 'kauth' && typeof value.error === 'string') codes.kauthError.add(value.error);
    if (host === 'dapi' && typeof value.errorType === 'string') codes.dapi.add(value.errorType);
  };
  for (const { operation: op, servers } of eachOperation(doc, METHODS)) {
    const host = hostName(servers[0].url);
    for (const [status, raw] of Object.entries(op.responses ?? {})) {
      // Redirects to the app (Kakao Login's authorize) carry the error in the Location's query.
      if (/^3/.test(status)) {
        const location = resolve(doc, resolve(doc, raw)?.headers?.Location);
        const urls = [location?.example, ...Object.values(location?.examples ?? {}).map((e) => resolve(doc, e)?.value)].filter((u) => typeof u === 'string');
        for (const url of urls) {
          const error = new URL(url).searchParams.get('error');
          if (error) codes.redirect.add(error);
        }
      }
      if (!/^[45]/.test(status)) continue;
      for (const media of Object.values(resolve(doc, raw)?.content ?? {})) {
        if (media.example !== undefined) take(host, media.example);
        for (const ex of Object.values(media.examples ?? {})) take(host, resolve(doc, ex)?.value);
      }
    }
  }
  const sorted = (set) => [...set].sort((a, b) => (typeof a === 'number' ? b - a : a < b ? -1 : a > b ? 1 : 0));
  return { kapi: sorted(codes.kapi), kauthCode: sorted(codes.kauthCode), kauthError: sorted(codes.kauthError), dapi: sorted(codes.dapi), redirect: sorted(codes.redirect) };
}

/**
 * The type-level facts of each operation, keyed by path then method, for the client's types:
 * its host (which error kinds it can answer with) and the per-call options it accepts, as a
 * union of variants: one per credential choice whose parameters differ (x-kakao-required-with),
 * and for `{format}` paths one per format (xml must be read as text).
 */
export function operationTypes(doc) {
  const out = {};
  for (const { path, method, operation: op, servers, params } of eachOperation(doc, METHODS)) {
    const accepted = [...new Set((op.security ?? doc.security ?? []).flatMap((req) => Object.keys(req)))];
    const required = requiredWith(doc, op, params);
    const aliases = formatAliases(path, params);
    const host = hostName(servers[0].url);
    // Whether the call's options may be left out (openapi-fetch's rule: no required parameter, no
    // required body), decided here once instead of by the types on every call.
    const body = resolve(doc, op.requestBody);
    const optional = (ps) => !ps.some((p) => p.required && p.in !== 'cookie') && !body?.required;
    const add = (p, formats, ps) => ((out[p] ??= {})[method] = { host, optional: optional(ps), call: callVariants(accepted, required, formats) });
    add(path, aliases.length ? aliases.map((a) => a.format) : [], params);
    for (const alias of aliases) add(alias.path, [alias.format === 'xml' ? 'xml-only' : 'none'], params.filter((p) => !(p.in === 'path' && p.name === 'format')));
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const CREDENTIAL_TYPE = { accessToken: 'Credential', restApiKey: 'Credential', adminKey: 'Credential' };

/** TypeScript text of the per-call option variants of one operation. */
function callVariants(accepted, required, formats) {
  const plain = accepted.filter((c) => !required[c]);
  const never = (names) => names.map((c) => `${c}?: never`);
  const fields = (names) => names.map((c) => `${c}?: ${CREDENTIAL_TYPE[c] ?? 'Credential'}`);
  const store = (names) => (names.includes('accessToken') ? ['tokenStore?: TokenStore'] : ['tokenStore?: never']);
  const auth = ['none', ...plain].map((c) => `'${c}'`).join(' | ');
  const others = accepted.filter((c) => required[c]);
  const known = ['accessToken', 'restApiKey', 'adminKey'];
  const variants = [`{ auth?: ${auth}; ${[...fields(plain), ...never(known.filter((c) => !plain.includes(c))), ...store(plain)].join('; ')} }`];
  for (const c of others) {
    const places = Object.entries(required[c]).map(([where, names]) => {
      const object = `{ ${names.map((n) => `${JSON.stringify(n)}: unknown`).join('; ')} }`;
      return where === 'body' ? `body: ${object}` : `${where}: ${object}`;
    });
    const paramPlaces = places.filter((p) => !p.startsWith('body:'));
    const bodyPlace = places.find((p) => p.startsWith('body:'));
    const need = [paramPlaces.length ? `params: { ${paramPlaces.join('; ')} }` : '', bodyPlace ?? ''].filter(Boolean).join('; ');
    const rest = [...never(known.filter((k) => k !== c)), ...store([c])].join('; ');
    // The only credential of the operation: it is the choice even when none is named.
    if (plain.length === 0 && others.length === 1) variants[0] = `{ auth?: '${c}' | 'none'; ${c}?: Credential; ${rest}; ${need} }`;
    else {
      variants.push(`{ auth: '${c}'; ${c}?: Credential; ${rest}; ${need} }`);
      variants.push(`{ auth?: '${c}'; ${c}: Credential; ${rest}; ${need} }`);
    }
  }
  let call = variants.length === 1 ? variants[0] : `(${variants.join(' | ')})`;
  if (formats.includes('xml') && formats.includes('json')) {
    call = `${call} & ({ params: { path: { format: 'json' } } } | { params: { path: { format: 'xml' } }; parseAs: Exclude<ParseAs, 'json'> })`;
  } else if (formats.includes('xml-only')) {
    call = `${call} & { parseAs: Exclude<ParseAs, 'json'> }`;
  }
  return call;
}

/**
 * A copy of doc as the client takes it: every JSON-text schema replaced by its contentSchema, and
 * each `{format}` path also as its concrete `.json` and `.xml` paths (format fixed, `.xml` answering
 * text), so that `'/v2/local/search/keyword.json'` is typed like Kakao's URL.
 */
export function clientView(doc) {
  const visit = (node) => {
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    if (isJsonText(node)) {
      const { contentSchema } = node;
      const note = 'Sent as JSON text: the client serialises this value with JSON.stringify.';
      return visit({ ...contentSchema, description: [node.description ?? contentSchema.description, note].filter(Boolean).join('\n\n') });
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
  };
  const view = visit(doc);
  const paths = {};
  for (const [path, item] of Object.entries(view.paths)) {
    paths[path] = item;
    const ops = METHODS.filter((m) => item[m]);
    const params = [...(item.parameters ?? []), ...ops.flatMap((m) => item[m].parameters ?? [])].map((p) => resolve(view, p));
    for (const { format, path: concrete } of formatAliases(path, params)) {
      const copy = { ...item, parameters: (item.parameters ?? []).filter((p) => resolve(view, p).name !== 'format') };
      for (const m of ops) {
        const op = item[m];
        const responses = Object.fromEntries(
          Object.entries(op.responses).map(([status, raw]) => {
            const response = resolve(view, raw);
            if (!/^2/.test(status) || !response.content) return [status, raw];
            const keep = Object.entries(response.content).filter(([type]) => (format === 'json' ? /json/.test(type) : /xml/.test(type)));
            return [status, { ...response, content: Object.fromEntries(keep) }];
          }),
        );
        copy[m] = {
          ...op,
          operationId: `${op.operationId}As${format === 'json' ? 'Json' : 'Xml'}`,
          parameters: (op.parameters ?? []).filter((p) => resolve(view, p).name !== 'format'),
          responses,
        };
      }
      paths[concrete] = copy;
    }
  }
  view.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return view;
}

/**
 * openapi-typescript `transform` for the client's types: a string schema that lists known values
 * beside open patterns (`anyOf: [{enum}, {type: string, pattern}]`, e.g. UserPropertyKey) becomes
 * `'known' | … | (string & {})`, so editors offer the known values and any string still passes
 * (openapi-typescript would collapse it to `string`).
 */
export function openEnumTransform(ts) {
  return (schema) => {
    const members = schema?.anyOf ?? schema?.oneOf;
    if (!Array.isArray(members) || !members.some((m) => Array.isArray(m?.enum))) return undefined;
    if (!members.every((m) => Array.isArray(m?.enum) ? m.enum.every((v) => typeof v === 'string') : m?.type === 'string' && !m.enum && !m.$ref)) return undefined;
    if (!members.some((m) => !m.enum)) return undefined;
    const literals = [...new Set(members.flatMap((m) => m.enum ?? []))];
    const f = ts.factory;
    return f.createUnionTypeNode([
      ...literals.map((v) => f.createLiteralTypeNode(f.createStringLiteral(v))),
      f.createParenthesizedType(f.createIntersectionTypeNode([f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createTypeLiteralNode([])])),
    ]);
  };
}

/**
 * TypeScript source of generated/client/routes.ts: one export per operation, named by its
 * operationId, holding its routing data as a plain object (its method and path, then the
 * OperationInfo the client reads). Only literals at the top level, so a bundler keeps the operations
 * an app imports and drops the rest (what \`kakao-openapi/lite\` is for); a few of them cost less as
 * objects than the compact rows of operations.ts with their decoder. Each export's type names the
 * method and paths it serves (\`{format}\` paths also as their \`.json\`/\`.xml\` paths) for the lite
 * client's types.
 */
export function routesSource(map, banner, types = {}) {
  const exports = Object.entries(map).map(([key, e]) => {
    const [method, path] = key.split(' ');
    const m = method.toLowerCase();
    const aliases = path.includes('.{format}') ? ['json', 'xml'].map((f) => path.replace('.{format}', `.${f}`)).filter((p) => types[p]?.[m]) : [];
    const serves = [path, ...aliases].map((p) => JSON.stringify(`${m} ${p}`)).join(' | ');
    return `/** ${key} */\nexport const ${e.operationId}: Route<${serves}> = ${JSON.stringify({ method, path, ...e })};`;
  });
  return `/**
 * ${banner}
 * Each operation's routing data, one export per operation named by its operationId: method and
 * path, host, security alternatives, whether it may be repeated, request body media type, the
 * parameters Kakao takes as JSON text, paging. What \`kakao-openapi/operations\` exports for
 * \`kakao-openapi/lite\`; the full client reads the same facts from operations.ts.
 */
import type { OperationInfo } from './operations.js';

/** One operation's routing data; \`K\` names the method and paths it serves (\`'get /v2/user/me'\`), for the lite client's types. */
export interface Route<K extends string = string> extends OperationInfo {
  readonly method: string;
  readonly path: string;
  /** Type-level only (never set): what the lite client's types read. */
  readonly __serves?: K;
}

${exports.join('\n')}
`;
}

/**
 * TypeScript source of generated/client/operations.ts: the full client's routing table, compact
 * (the same facts as routes.ts, one row per operation) and decoded on import, and the type-level
 * facts the client's types read.
 */
export function operationMapSource(map, banner, types = {}, codes = { kapi: [], kauthCode: [], kauthError: [], dapi: [], redirect: [] }) {
  // Compact: 84 entries of JSON are half a browser app's client code, so hosts and security lists
  // are numbered, flags are bits and absent fields are left out; decoded once on import.
  // [key, operationId, host, security, flags (1: not idempotent), body (0: none), jsonQuery, csvQuery, jsonBody, paging]
  const hosts = [...new Set(Object.values(map).map((e) => e.host))].sort();
  const securities = [...new Set(Object.values(map).map((e) => JSON.stringify(e.security)))].sort();
  const bodies = [...new Set(Object.values(map).map((e) => e.body).filter(Boolean))].sort();
  const rows = Object.entries(map).map(([key, e]) => {
    const row = [key, e.operationId, hosts.indexOf(e.host), securities.indexOf(JSON.stringify(e.security)), e.idempotent ? 0 : 1, e.body ? bodies.indexOf(e.body) + 1 : 0, e.jsonQuery ?? 0, e.csvQuery ?? 0, e.jsonBody ?? 0, e.paging ?? 0];
    while (row[row.length - 1] === 0 && row.length > 5) row.pop();
    return row;
  });
  const union = (values) => (values.length ? values.map((v) => JSON.stringify(v)).join(' | ') : 'never');
  const paged = Object.entries(types).filter(([p, m]) => m.get && map[`GET ${p}`]?.paging).map(([p]) => p);
  for (const [p, m] of Object.entries(types)) if (m.get && !map[`GET ${p}`] && map[`GET ${p.replace(/\.(json)$/, '.{format}')}`]?.paging) paged.push(p);
  paged.sort();
  const meta = Object.entries(types)
    .map(([p, methods]) => `  ${JSON.stringify(p)}: {\n${Object.entries(methods).map(([m, t]) => `    ${m}: { host: '${t.host}'; optional: ${t.optional}; call: ${t.call} };`).join('\n')}\n  };`)
    .join('\n');
  return `/**
 * ${banner}
 * The client's routing table, read from the combined document: per operation its host, security alternatives, whether it may be repeated, request
 * body media type and the parameters Kakao takes as JSON text; and the type-level facts the
 * client's types read.
 */
import type { ParseAs } from 'openapi-fetch';


export { securitySchemes } from './security.js';

export interface OperationInfo {
  readonly operationId: string;
  /** Kakao host of the operation (its path's \`servers\`). */
  readonly host: string;
  /** Alternatives; each lists the security schemes that must all be sent. Empty: no credential. */
  readonly security: readonly (readonly string[])[];
  /** Safe to repeat after a 429, 5xx or network error (\`x-kakao-idempotent\`, else the HTTP method). */
  readonly idempotent: boolean;
  /** Request body media type. */
  readonly body?: string;
  /** Query parameters sent as JSON text. */
  readonly jsonQuery?: readonly string[];
  /** Query parameters whose arrays are sent comma-separated (style form, explode false). */
  readonly csvQuery?: readonly string[];
  /** Body properties sent as JSON text. */
  readonly jsonBody?: readonly string[];
  /** How the operation pages (x-kakao-paging), for the client's paginate(). */
  readonly paging?: Paging;
}

export type Paging =
  | { readonly kind: 'page'; readonly page: string; readonly size: string; readonly maxPage?: number; readonly isEnd: string; readonly items: string }
  | { readonly kind: 'url'; readonly next: string; readonly items: string };

/** The GET paths that page (x-kakao-paging): what paginate() accepts. */
export type PagedPath = ${paged.map((p) => JSON.stringify(p)).join(' | ') || 'never'};

/** Every operation, keyed \`METHOD /path\`. */
const hosts = ${JSON.stringify(hosts)};
const securities: string[][][] = [${securities.join(',')}];
const bodies = ${JSON.stringify(bodies)};
type Row = [string, string, number, number, number, number?, (string[] | 0)?, (string[] | 0)?, (string[] | 0)?, (Paging | 0)?];
const rows: Row[] = ${JSON.stringify(rows)};

export const operations: Readonly<Record<string, OperationInfo>> = {};
for (const [key, operationId, host, security, flags, body, jsonQuery, csvQuery, jsonBody, paging] of rows) {
  const info: { -readonly [K in keyof OperationInfo]: OperationInfo[K] } = { operationId, host: hosts[host]!, security: securities[security]!, idempotent: !(flags & 1) };
  if (body) info.body = bodies[body - 1];
  if (jsonQuery) info.jsonQuery = jsonQuery;
  if (csvQuery) info.csvQuery = csvQuery;
  if (jsonBody) info.jsonBody = jsonBody;
  if (paging) info.paging = paging;
  (operations as Record<string, OperationInfo>)[key] = info;
}

/** Kakao's numeric error codes (kapi.kakao.com \`code\`) that the documents show. */
export type KapiErrorCode = ${union(codes.kapi)};
/** Kakao's KOE codes (kauth.kakao.com \`error_code\`) that the documents show. */
export type KauthErrorCode = ${union(codes.kauthCode)};
/** OAuth \`error\` values of kauth.kakao.com that the documents show. */
export type KauthError = ${union(codes.kauthError)};
/** \`error\` values of Kakao Login's redirect to the app (GET /oauth/authorize) that the documents show. */
export type AuthorizeErrorCode = ${union(codes.redirect)};
/** \`errorType\` values of dapi.kakao.com (Local, Search) that the documents show. */
export type DapiErrorType = ${union(codes.dapi)};

/** A credential, or a function that returns the current one (called once per attempt). */
export type Credential = string | (() => string | Promise<string>);

/** Where a user's tokens live, for per-call use and refresh on -401. */
export interface TokenStore {
  /** The current tokens (Kakao's names); \`undefined\` when the user has none. */
  get(): KakaoTokens | undefined | Promise<KakaoTokens | undefined>;
  /** Saves the tokens after a refresh (a new refresh token only when Kakao renewed it). */
  set(tokens: KakaoTokens): void | Promise<void>;
}

/** A user's tokens, named as Kakao's token response names them. */
export interface KakaoTokens {
  access_token: string;
  refresh_token?: string;
}

/** Per path and method: the host, and the per-call options the operation accepts (see KakaoCallOptions). */
export interface OperationMeta {
${meta}
}
`;
}

/** TypeScript source of generated/client/security.ts: the security schemes, for the full and the lite client. */
export function securitySource(schemes, banner) {
  return `/**
 * ${banner}
 * The security schemes of the description: \`bearer\` → \`Authorization: Bearer …\`; any other
 * scheme \`X\` → \`Authorization: X …\`.
 */
export const securitySchemes: Readonly<Record<string, string>> = ${JSON.stringify(schemes)};
`;
}

/** Name → HTTP auth scheme (`bearer`, `KakaoAK`) of every `http` security scheme. */
export function securitySchemeMap(doc) {
  return Object.fromEntries(
    Object.entries(doc.components?.securitySchemes ?? {})
      .filter(([, s]) => s.type === 'http')
      .map(([name, s]) => [name, s.scheme])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
