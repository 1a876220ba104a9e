// Valid requests built from the spec alone: for every operation, its required parameters and body
// filled from the documented examples (JSON text turned back into values, since the client
// stringifies them). Used by the mock tests, the fuzz test and the benchmark.
import { deref, operations as specOperations, type Json, type OperationRef } from './spec.js';

const isJsonText = (s: Json) => s && s.type === 'string' && s.contentMediaType === 'application/json';

function exampleOf(doc: Json, holder: Json): unknown {
  if (holder.example !== undefined) return holder.example;
  const named = Object.values<Json>(holder.examples ?? {})[0];
  if (named !== undefined) return deref(doc, named).value;
  const schema = deref(doc, holder.schema ?? holder);
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  if (schema.const !== undefined) return schema.const;
  return undefined;
}

/** A JSON-text example (a string) becomes the value the client takes. */
const asValue = (schema: Json, value: unknown) => (isJsonText(schema) && typeof value === 'string' ? JSON.parse(value) : value);

export interface ValidRequest {
  op: OperationRef;
  path: string;
  /** openapi-fetch init for the client: params and body. */
  init: { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; body?: Record<string, unknown> };
  /** The credential of the operation's first security alternative, or undefined. */
  credential?: string;
  /** The documented success status. */
  success: string;
}

export function validRequests(doc: Json): ValidRequest[] {
  return specOperations(doc).map((op) => {
    const params = [...(op.pathItem.parameters ?? []), ...(op.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
    const query: Record<string, unknown> = {};
    const pathParams: Record<string, unknown> = {};
    for (const p of params.filter((x) => x.required)) {
      const value = asValue(deref(doc, p.schema), exampleOf(doc, p));
      if (value === undefined) throw new Error(`${op.operation.operationId}: required parameter ${p.name} has no example`);
      if (p.in === 'query') query[p.name] = value;
      if (p.in === 'path') pathParams[p.name] = value;
    }
    const init: ValidRequest['init'] = {};
    if (Object.keys(query).length || Object.keys(pathParams).length) init.params = { ...(Object.keys(query).length ? { query } : {}), ...(Object.keys(pathParams).length ? { path: pathParams } : {}) };
    const body = deref(doc, op.operation.requestBody);
    if (body?.content) {
      const media = Object.values<Json>(body.content)[0];
      const example = exampleOf(doc, media) as Record<string, unknown> | undefined;
      if (example === undefined && body.required) throw new Error(`${op.operation.operationId}: required body has no example`);
      if (example && typeof example === 'object') {
        const schema = deref(doc, media.schema);
        const props: Record<string, Json> = {};
        for (const s of [schema, ...(schema.oneOf ?? []).map((x: Json) => deref(doc, x))]) Object.assign(props, s.properties ?? {});
        init.body = Object.fromEntries(Object.entries(example).map(([k, v]) => [k, asValue(deref(doc, props[k] ?? {}), v)]));
      }
    }
    const first = op.operation.security?.[0];
    const success = Object.keys(op.operation.responses).find((s) => /^[23]/.test(s))!;
    return { op, path: op.path, init, credential: first ? Object.keys(first)[0] : undefined, success };
  });
}
