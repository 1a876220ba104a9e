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

/** A copy of doc in which every JSON-text schema is replaced by its contentSchema. */
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
  return visit(doc);
}

/** TypeScript source of the operation map. */
export function operationMapSource(map, schemes, banner) {
  return `/**
 * ${banner}
 * The client's routing table, read from the combined document: per operation its host, security
 * alternatives, request body media type and the parameters Kakao takes as JSON text.
 */

export interface OperationInfo {
  readonly operationId: string;
  /** Kakao host of the operation (its path's \`servers\`). */
  readonly host: string;
  /** Alternatives; each lists the security schemes that must all be sent. Empty: no credential. */
  readonly security: readonly (readonly string[])[];
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
export type PagedPath = ${Object.entries(map).filter(([k, v]) => v.paging && k.startsWith('GET ')).map(([k]) => JSON.stringify(k.slice(4))).join(' | ') || 'never'};

/** Security schemes: \`bearer\` → \`Authorization: Bearer …\`; any other scheme \`X\` → \`Authorization: X …\`. */
export const securitySchemes: Readonly<Record<string, string>> = ${JSON.stringify(schemes, null, 2)};

export const operations: Readonly<Record<string, OperationInfo>> = ${JSON.stringify(map, null, 2)};
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
