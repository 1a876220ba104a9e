// The mock's view of the combined document: per operation, how to route it, which credentials it
// takes, and validators for its parameters and body. Every validator is compiled here, before the
// server listens, so that no first call waits for a compilation (inlineRefs off and codegen
// optimisation off keep that under a second for the 84 operations).
import type { ValidateFunction } from 'ajv';
import { createAjv, describe } from './schema.js';
import { invalidParameter, invalidRequest, missingParameter, type ErrorShape, type MockResponse } from './kakao-errors.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const FORM = 'application/x-www-form-urlencoded';

export interface MockOperation {
  operationId: string;
  method: string;
  path: string;
  host: string;
  shape: ErrorShape;
  /** Alternatives of security scheme names; [] = no credential. */
  security: string[][];
  match(pathname: string): Record<string, string> | undefined;
  /** `scheme`: the security scheme the request's credential matched (for `x-kakao-required-with`). */
  validate(input: { pathParams: Record<string, string>; query: URLSearchParams; contentType: string; body: string; scheme?: string }): MockResponse | { query: Json; body: Json };
}

/**
 * Name → value(s) of a query string or form body in one pass (linear in its size: `getAll` per key
 * would be quadratic in the number of keys), into an object without a prototype so that a key
 * such as `__proto__` is an ordinary key.
 */
export function decodePairs(params: URLSearchParams, split?: Set<string>): Record<string, unknown> {
  const values: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of params) {
    const parts = split?.has(key) ? value.split(',') : [value];
    const had = values[key];
    if (had === undefined) values[key] = parts.length === 1 ? parts[0]! : parts;
    else if (Array.isArray(had)) had.push(...parts);
    else values[key] = [had, ...parts];
  }
  return values;
}

/** The extension that makes a parameter or form property required with some credentials (openapi/README.md). */
const REQUIRED_WITH = 'x-kakao-required-with';

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Follows local `$ref`s; returns the value and the JSON pointer it was found at. */
export function resolve(doc: Json, node: Json, pointer = ''): { value: Json; pointer: string } {
  let value = node;
  let at = pointer;
  for (let i = 0; value && typeof value.$ref === 'string' && i < 16; i++) {
    at = value.$ref.slice(1);
    value = at
      .slice(1)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n: Json, k: string) => n?.[k], doc);
  }
  return { value, pointer: at };
}

/** Kakao's hosts answer errors in three shapes: kauth OAuth's, dapi `{errorType, message}`, the others `{code, msg}`. */
const shapeOf = (host: string): ErrorShape => {
  const name = new URL(host).host;
  return name === 'kauth.kakao.com' ? 'kauth' : name === 'dapi.kakao.com' ? 'dapi' : 'kapi';
};

export function loadOperations(doc: Json): MockOperation[] {
  const ajv = createAjv(doc, { coerceTypes: 'array', allErrors: false, inlineRefs: false, validateSchema: false, code: { optimize: false }, discriminator: true, verbose: true });
  const ops: MockOperation[] = [];
  for (const [path, rawItem] of Object.entries<Json>(doc.paths ?? {})) {
    const itemPtr = `/paths/${escapePointer(path)}`;
    const item = resolve(doc, rawItem, itemPtr).value;
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const opPtr = `${itemPtr}/${method}`;
      const host: string = (op.servers ?? item.servers ?? doc.servers)[0].url;
      const shape = shapeOf(host);
      const params = [
        ...(item.parameters ?? []).map((p: Json, i: number) => resolve(doc, p, `${itemPtr}/parameters/${i}`)),
        ...(op.parameters ?? []).map((p: Json, i: number) => resolve(doc, p, `${opPtr}/parameters/${i}`)),
      ];
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')).join('([^/]+?)')}$`);

      const objectSchema = (location: string) => {
        const these = params.filter((p) => p.value.in === location);
        return {
          type: 'object',
          properties: Object.fromEntries(these.map((p) => [p.value.name, { $ref: `doc#${p.pointer}/schema` }])),
          required: these.filter((p) => p.value.required).map((p) => p.value.name),
        };
      };
      const csv = new Set(params.filter((p) => p.value.in === 'query' && p.value.explode === false).map((p) => p.value.name as string));
      const body = op.requestBody ? resolve(doc, op.requestBody, `${opPtr}/requestBody`) : undefined;
      const mediaTypes = Object.keys(body?.value.content ?? {});

      const v = {
        path: ajv.compile(objectSchema('path')),
        query: ajv.compile(objectSchema('query')),
        body: new Map(mediaTypes.map((t) => [t, ajv.compile({ $ref: `doc#${body!.pointer}/content/${escapePointer(t)}/schema` })])),
      };

      // Parameters and form properties that some credentials make required (x-kakao-required-with).
      const requiredWith: { name: string; in: 'query' | 'body'; schemes: string[] }[] = [];
      for (const p of params) if (Array.isArray(p.value[REQUIRED_WITH]) && p.value.in === 'query') requiredWith.push({ name: p.value.name, in: 'query', schemes: p.value[REQUIRED_WITH] });
      const formSchema = mediaTypes.includes(FORM) ? resolve(doc, body!.value.content[FORM].schema).value : undefined;
      for (const [name, property] of Object.entries<Json>(formSchema?.properties ?? {})) {
        if (Array.isArray(property?.[REQUIRED_WITH])) requiredWith.push({ name, in: 'body', schemes: property[REQUIRED_WITH] });
      }

      const fail = (errors: ValidateFunction['errors'], where: string): MockResponse => {
        const e = errors?.[0];
        if (!e) return invalidRequest(shape, `mock: invalid ${where}`);
        // A top-level `required` is a missing parameter; one inside JSON text is an invalid value of it.
        if (e.keyword === 'required' && e.instancePath === '') return missingParameter(shape, String(e.params.missingProperty));
        const [, name, ...rest] = e.instancePath.split('/');
        // A discriminator at the top of a body (grant_type of /oauth/token) names its tag.
        if (e.keyword === 'discriminator' && name === undefined) {
          if (e.params.tagValue === undefined) return missingParameter(shape, String(e.params.tag));
          return invalidParameter(shape, String(e.params.tag), describe(doc, e));
        }
        const detail = `${rest.length ? `/${rest.join('/')} ` : ''}${describe(doc, e)}${e.params?.allowedValues ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`;
        return invalidParameter(shape, name ?? where, detail.trim());
      };

      ops.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        host,
        shape,
        security: (op.security ?? doc.security ?? []).map((req: Json) => Object.keys(req)),
        match(pathname) {
          const m = pattern.exec(pathname);
          if (!m) return undefined;
          return Object.fromEntries(names.map((n, i) => [n, m[i + 1]!]));
        },
        validate({ pathParams, query, contentType, body: text, scheme }) {
          const pathValues = { ...pathParams };
          if (!v.path(pathValues)) return fail(v.path.errors, 'path');
          const queryValues = decodePairs(query, csv);
          for (const [name, values] of Object.entries(queryValues)) {
            // A csv parameter sent once stays a one-element list; others sent once stay a string.
            if (csv.has(name) && !Array.isArray(values)) queryValues[name] = [values];
          }
          if (!v.query(queryValues)) return fail(v.query.errors, 'query');
          // Kakao reads a body only in the media type it expects; any other body counts as absent.
          const type = contentType.split(';')[0]!.trim().toLowerCase();
          const expected = mediaTypes.find((t) => t === type);
          let bodyValue: Json;
          if (body && expected && text.length > 0) {
            if (expected === FORM) bodyValue = decodePairs(new URLSearchParams(text));
            else if (expected.includes('json')) {
              try {
                bodyValue = JSON.parse(text);
              } catch {
                return invalidRequest(shape, 'mock: the request body is not valid JSON');
              }
            } else bodyValue = text;
          }
          // What the credential makes required, where Kakao reads it (a JSON target is no target).
          for (const r of requiredWith) {
            if (!scheme || !r.schemes.includes(scheme)) continue;
            const value = r.in === 'query' ? queryValues[r.name] : bodyValue?.[r.name];
            if (value === undefined || value === '') return missingParameter(shape, r.name);
          }
          if (!body) return { query: queryValues, body: undefined };
          if (bodyValue === undefined) {
            if (body.value.required) {
              const schema = resolve(doc, body.value.content[mediaTypes[0]!].schema, '').value;
              const first = schema?.required?.[0];
              return first ? missingParameter(shape, first) : invalidRequest(shape, `mock: this API needs a ${mediaTypes.join(' or ')} body`);
            }
            // An optional body sent in a media type Kakao does not read for this API.
            if (text.length > 0) return invalidRequest(shape, `mock: Kakao reads this API's body only as ${mediaTypes.join(' or ')}, not ${type || 'a body without Content-Type'}`);
            return { query: queryValues, body: undefined };
          }
          const validateBody = v.body.get(expected!)!;
          if (!validateBody(bodyValue)) return fail(validateBody.errors, 'body');
          return { query: queryValues, body: bodyValue };
        },
      });
    }
  }
  return ops;
}
