// The mock's view of the combined document: per operation, how to route it, which credentials it
// takes, and validators for its parameters and body (compiled on first use, so start-up is fast).
import type { ValidateFunction } from 'ajv';
import { createAjv } from './schema.js';
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
  validate(input: { pathParams: Record<string, string>; query: URLSearchParams; contentType: string; body: string }): MockResponse | { query: Json; body: Json };
}

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
  const ajv = createAjv(doc, { coerceTypes: 'array', allErrors: false });
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

      let validators: { path: ValidateFunction; query: ValidateFunction; body: Map<string, ValidateFunction> } | undefined;
      const compiled = () =>
        (validators ??= {
          path: ajv.compile(objectSchema('path')),
          query: ajv.compile(objectSchema('query')),
          body: new Map(mediaTypes.map((t) => [t, ajv.compile({ $ref: `doc#${body!.pointer}/content/${escapePointer(t)}/schema` })])),
        });

      const fail = (errors: ValidateFunction['errors'], where: string): MockResponse => {
        const e = errors?.[0];
        if (!e) return invalidRequest(shape, `mock: invalid ${where}`);
        // A top-level `required` is a missing parameter; one inside JSON text is an invalid value of it.
        if (e.keyword === 'required' && e.instancePath === '') return missingParameter(shape, String(e.params.missingProperty));
        const [, name = where, ...rest] = e.instancePath.split('/');
        const property = e.keyword === 'discriminator' ? String(e.params.tag ?? name) : name;
        const detail = `${rest.length ? `/${rest.join('/')} ` : ''}${e.message ?? 'is invalid'}${e.params?.allowedValues ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`;
        return invalidParameter(shape, property, detail.trim());
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
        validate({ pathParams, query, contentType, body: text }) {
          const v = compiled();
          const pathValues = { ...pathParams };
          if (!v.path(pathValues)) return fail(v.path.errors, 'path');
          const queryValues: Record<string, unknown> = {};
          for (const key of new Set(query.keys())) {
            const all = query.getAll(key);
            queryValues[key] = csv.has(key) ? all.flatMap((s) => s.split(',')) : all.length === 1 ? all[0] : all;
          }
          if (!v.query(queryValues)) return fail(v.query.errors, 'query');
          if (!body) return { query: queryValues, body: undefined };
          // Kakao reads a body only in the media type it expects; any other body counts as absent.
          const type = contentType.split(';')[0]!.trim().toLowerCase();
          const expected = mediaTypes.find((t) => t === type);
          let bodyValue: Json;
          if (expected && text.length > 0) {
            if (expected === FORM) {
              bodyValue = {};
              const form = new URLSearchParams(text);
              for (const key of new Set(form.keys())) {
                const all = form.getAll(key);
                bodyValue[key] = all.length === 1 ? all[0] : all;
              }
            } else if (expected.includes('json')) {
              try {
                bodyValue = JSON.parse(text);
              } catch {
                return invalidRequest(shape, 'mock: the request body is not valid JSON');
              }
            } else bodyValue = text;
          }
          if (bodyValue === undefined) {
            if (body.value.required) {
              const schema = resolve(doc, body.value.content[mediaTypes[0]!].schema, '').value;
              const first = schema?.required?.[0];
              return first ? missingParameter(shape, first) : invalidRequest(shape, `mock: this API needs a ${mediaTypes.join(' or ')} body`);
            }
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
