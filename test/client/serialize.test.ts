// Kakao's wire formats: every JSON-text parameter of the combined document is sent as JSON text,
// form bodies are form-encoded, comma-separated arrays are joined. Cases come from the spec.
import { describe, expect, it } from 'vitest';
import { createKakaoClient, encodeParams, operations } from '../../src/index.js';
import { recordingFetch } from '../helpers/fetch.js';
import { deref, loadBundle, operations as specOperations, type Json } from '../helpers/spec.js';

const doc = loadBundle();
const FAKE = { accessToken: 'fake-access-token', restApiKey: 'fake-rest-api-key', adminKey: 'fake-admin-key' };

/** A value for a JSON-text schema, taken from its documented example (JSON text) or its contentSchema's. */
function sampleValue(schema: Json, holder: Json = {}): unknown {
  const holderExample = holder.example ?? Object.values<Json>(holder.examples ?? {}).map((e) => deref(doc, e).value)[0];
  const text = holderExample ?? schema.examples?.[0] ?? schema.example;
  if (typeof text === 'string') return JSON.parse(text);
  const content = deref(doc, schema.contentSchema);
  const example = content.examples?.[0] ?? content.example;
  if (example !== undefined) return example;
  throw new Error('a JSON-text parameter without any example: add one to the spec');
}

function bodyProperty(o: ReturnType<typeof specOperations>[number], name: string): Json {
  const media = Object.values<Json>(deref(doc, o.operation.requestBody).content)[0];
  const stack = [deref(doc, media.schema)];
  while (stack.length) {
    const s = stack.pop();
    if (s.properties?.[name]) return deref(doc, s.properties[name]);
    for (const k of ['allOf', 'oneOf', 'anyOf']) for (const sub of s[k] ?? []) stack.push(deref(doc, sub));
  }
  throw new Error(`no body property ${name}`);
}

const cases = specOperations(doc).flatMap((o) => {
  const info = operations[`${o.method.toUpperCase()} ${o.path}`]!;
  const params = [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
  return [
    ...(info.jsonQuery ?? []).map((name) => {
      const param = params.find((p) => p.in === 'query' && p.name === name);
      return { o, where: 'query' as const, name, schema: param.schema, holder: param };
    }),
    ...(info.jsonBody ?? []).map((name) => {
      // The request body's own examples show the property as Kakao's JSON text.
      const media = Object.values<Json>(deref(doc, o.operation.requestBody).content)[0];
      const shown = Object.values<Json>(media.examples ?? {}).map((e) => deref(doc, e).value?.[name]).find((v) => v !== undefined);
      return { o, where: 'body' as const, name, schema: bodyProperty(o, name), holder: shown === undefined ? {} : { example: shown } };
    }),
  ];
});

describe('JSON-text parameters', () => {
  it('are found in the spec', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.o.operation.operationId} ${c.where} ${c.name}`, c] as const))('%s travels as JSON text', async (_t, c) => {
    const value = sampleValue(c.schema, c.holder);
    const { fetch, calls } = recordingFetch();
    const kakao = createKakaoClient({ ...FAKE, fetch });
    const init = c.where === 'query' ? { params: { query: { [c.name]: value } } } : { body: { [c.name]: value } };
    await kakao.request(c.o.method as 'get', c.o.path as never, init as never);
    const sent = c.where === 'query' ? calls[0]!.url.searchParams : new URLSearchParams(calls[0]!.body);
    expect(sent.get(c.name)).toBe(JSON.stringify(value));
    if (c.where === 'body') expect(calls[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=utf-8');
  });
});

describe('form bodies', () => {
  const formOps = specOperations(doc).filter((o) => operations[`${o.method.toUpperCase()} ${o.path}`]!.body === 'application/x-www-form-urlencoded');
  it.each(formOps.map((o) => [o.operation.operationId, o] as const))('%s sends application/x-www-form-urlencoded', async (_id, o) => {
    const { fetch, calls } = recordingFetch();
    const kakao = createKakaoClient({ ...FAKE, fetch });
    await kakao.request(o.method as 'post', o.path as never, { body: { target_id_type: 'user_id', target_id: 123 } } as never);
    expect(calls[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=utf-8');
    expect(calls[0]!.body).toBe('target_id_type=user_id&target_id=123');
  });
});

describe('encodeParams', () => {
  it('writes JSON text, comma-joined arrays, repeated arrays and skips undefined', () => {
    expect(encodeParams({ a: ['x', 'y'], b: ['p', 'q'], c: ['m', 'n'], d: undefined, e: true, f: 5 }, ['a'], ['b'])).toBe(
      'a=%5B%22x%22%2C%22y%22%5D&b=p%2Cq&c=m&c=n&e=true&f=5',
    );
  });
  it('keeps spaces and reserved characters inside JSON text decodable', () => {
    const value = { nickname: 'a b&c=d', note: '한글' };
    expect(new URLSearchParams(encodeParams({ properties: value }, ['properties'])).get('properties')).toBe(JSON.stringify(value));
  });
});
