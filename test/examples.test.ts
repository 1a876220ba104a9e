// Every example in the combined document, request and response, inline or in components,
// validates against its schema (JSON Schema 2020-12, formats on, JSON text parsed and checked).
import { describe, expect, it } from 'vitest';
import { createAjv } from './helpers/schema.js';
import { deref, escapePointer, HTTP_METHODS, loadBundle, type Json } from './helpers/spec.js';

const doc = loadBundle();
const ajv = createAjv(doc);

interface Case {
  where: string;
  schemaPointer: string;
  value: unknown;
}
const cases: Case[] = [];
const structural: string[] = [];

const SUBSCHEMA_MAPS = ['properties', '$defs', 'patternProperties', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'contentSchema', 'propertyNames'];

/** Schema-level `examples` (and OpenAPI's `example`) at every depth. */
function walkSchema(schema: Json, pointer: string) {
  if (!schema || typeof schema !== 'object' || schema.$ref) return;
  for (const [i, value] of (Array.isArray(schema.examples) ? schema.examples : []).entries()) {
    cases.push({ where: `${pointer}/examples/${i}`, schemaPointer: pointer, value });
  }
  if ('example' in schema) cases.push({ where: `${pointer}/example`, schemaPointer: pointer, value: schema.example });
  for (const key of SUBSCHEMA_MAPS) {
    for (const [name, sub] of Object.entries<Json>(schema[key] ?? {})) walkSchema(sub, `${pointer}/${key}/${escapePointer(name)}`);
  }
  for (const key of SUBSCHEMA_LISTS) (schema[key] ?? []).forEach((sub: Json, i: number) => walkSchema(sub, `${pointer}/${key}/${i}`));
  for (const key of SUBSCHEMAS) if (schema[key] && typeof schema[key] === 'object') walkSchema(schema[key], `${pointer}/${key}`);
}

/** A media type, parameter or header: its `example` / `examples` against its `schema`. */
function walkHolder(holder: Json, pointer: string) {
  if (!holder || holder.$ref) return;
  if (holder.schema) {
    walkSchema(holder.schema, `${pointer}/schema`);
    if ('example' in holder) cases.push({ where: `${pointer}/example`, schemaPointer: `${pointer}/schema`, value: holder.example });
    for (const [name, example] of Object.entries<Json>(holder.examples ?? {})) {
      const resolved = deref(doc, example);
      if ('value' in resolved) cases.push({ where: `${pointer}/examples/${escapePointer(name)}`, schemaPointer: `${pointer}/schema`, value: resolved.value });
    }
  }
  for (const [type, media] of Object.entries<Json>(holder.content ?? {})) walkHolder(media, `${pointer}/content/${escapePointer(type)}`);
}

function walkResponse(response: Json, pointer: string, status: string) {
  if (!response || response.$ref) return;
  for (const [name, header] of Object.entries<Json>(response.headers ?? {})) walkHolder(header, `${pointer}/headers/${escapePointer(name)}`);
  walkHolder(response, pointer);
  if (/^3/.test(status)) {
    const location = deref(doc, response.headers?.Location ?? {});
    if (!location.example && !location.examples) structural.push(`${pointer}: a redirect needs a Location header with an example`);
  }
}

for (const [p, item] of Object.entries<Json>(doc.paths)) {
  const base = `#/paths/${escapePointer(p)}`;
  (item.parameters ?? []).forEach((param: Json, i: number) => walkHolder(param, `${base}/parameters/${i}`));
  for (const method of HTTP_METHODS) {
    const op = item[method];
    if (!op) continue;
    const opPtr = `${base}/${method}`;
    (op.parameters ?? []).forEach((param: Json, i: number) => walkHolder(param, `${opPtr}/parameters/${i}`));
    if (op.requestBody) walkHolder(op.requestBody, `${opPtr}/requestBody`);
    for (const [status, response] of Object.entries<Json>(op.responses ?? {})) walkResponse(response, `${opPtr}/responses/${status}`, status);
  }
}
const components = doc.components ?? {};
for (const [name, schema] of Object.entries<Json>(components.schemas ?? {})) walkSchema(schema, `#/components/schemas/${escapePointer(name)}`);
for (const [name, param] of Object.entries<Json>(components.parameters ?? {})) walkHolder(param, `#/components/parameters/${escapePointer(name)}`);
for (const [name, header] of Object.entries<Json>(components.headers ?? {})) walkHolder(header, `#/components/headers/${escapePointer(name)}`);
for (const [name, body] of Object.entries<Json>(components.requestBodies ?? {})) walkHolder(body, `#/components/requestBodies/${escapePointer(name)}`);
for (const [name, response] of Object.entries<Json>(components.responses ?? {})) walkResponse(response, `#/components/responses/${escapePointer(name)}`, '');

describe('examples validate against their schemas', () => {
  it('finds examples to check in every operation of the document', () => {
    const opCount = Object.values<Json>(doc.paths).reduce((n, item) => n + HTTP_METHODS.filter((m) => item[m]).length, 0);
    expect(cases.length).toBeGreaterThanOrEqual(opCount);
  });

  it('gives every redirect a Location header example', () => {
    expect(structural).toEqual([]);
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s', (_where, c) => {
    const validate = ajv.getSchema(`doc${c.schemaPointer}`) ?? ajv.compile({ $ref: `doc${c.schemaPointer}` });
    const ok = validate(c.value);
    expect(ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  });
});
