// The generated Postman collection and environments (generated/postman/): a folder per product in
// Kakao's order, every operation once on its host variable with its credential, values from the
// documented examples (JSON text as valid JSON text), Kakao's documented success as each request's
// test. Newman runs the collection against the mock in `npm run interop` (scripts/interop.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundle, operations, root, deref, type Json } from './helpers/spec.js';

const doc = loadBundle();
const ops = operations(doc);
const dir = path.join(root, 'generated', 'postman');
const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
const collection = read('kakao.postman_collection.json');
const HOST_VARIABLE: Record<string, string> = { 'kauth.kakao.com': 'kauth', 'kapi.kakao.com': 'kapi', 'dapi.kakao.com': 'dapi', 'api-status.kakao.com': 'api_status' };

function leaves(items: Json[]): Json[] {
  return items.flatMap((i) => (i.item ? leaves(i.item) : [i]));
}
const requests = leaves(collection.item);
/** The operation of a request: same method, and its URL path matches the path template. */
const operationOf = (item: Json) =>
  ops.filter(
    (o) =>
      o.method.toUpperCase() === item.request.method &&
      new RegExp(`^${o.path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(`/${item.request.url.path.join('/')}`),
  );
const isJsonText = (s: Json) => s?.type === 'string' && s.contentMediaType === 'application/json';

describe('generated/postman', () => {
  it('has the collection and the two environments, nothing else', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(['kakao.postman_collection.json', 'kakao.postman_environment.json', 'mock.postman_environment.json']);
    expect(collection.info.schema).toBe('https://schema.getpostman.com/json/collection/v2.1.0/collection.json');
  });

  it('has a folder per product, in the order of Kakao\'s reference (redocly.yaml)', () => {
    expect(collection.item.map((f: Json) => f.name)).toEqual(doc['x-tagGroups'].map((g: Json) => g.name));
  });

  it('has every operation once (within a product, grouped by tag)', () => {
    const ids = requests.map((r) => operationOf(r).map((o) => o.operation.operationId));
    expect(ids.filter((m) => m.length !== 1)).toEqual([]);
    expect(ids.flat().sort()).toEqual(ops.map((o) => o.operation.operationId).sort());
  });

  it('carries no random ids (same input, same bytes)', () => {
    expect(JSON.stringify(collection)).not.toMatch(/"(id|_postman_id)":/);
  });

  it('environments: Kakao\'s hosts with empty credentials, and the mock with its fake keys', () => {
    const values = (f: string) => Object.fromEntries(read(f).values.map((v: Json) => [v.key, v.value]));
    expect(values('kakao.postman_environment.json')).toMatchObject({ kauth: 'https://kauth.kakao.com', kapi: 'https://kapi.kakao.com', dapi: 'https://dapi.kakao.com', api_status: 'https://api-status.kakao.com', access_token: '', rest_api_key: '', admin_key: '' });
    expect(values('mock.postman_environment.json')).toMatchObject({ kauth: 'http://127.0.0.1:4010', kapi: 'http://127.0.0.1:4010', dapi: 'http://127.0.0.1:4010', api_status: 'http://127.0.0.1:4010', rest_api_key: 'mock-rest-api-key', admin_key: 'mock-admin-key' });
  });
});

describe.each(requests.map((r) => [`${r.request.method} /${r.request.url.path.join('/')}`, r] as const))('%s', (_t, item) => {
  const o = operationOf(item)[0]!;
  const success = Object.keys(o.operation.responses).find((s) => /^[23]/.test(s))!;

  it('is on its host variable, with the operation\'s credential', () => {
    expect(item.request.url.host).toEqual([`{{${HOST_VARIABLE[o.host]}}}`]);
    expect(item.request.url.raw.startsWith(`{{${HOST_VARIABLE[o.host]}}}/`)).toBe(true);
    const scheme = o.operation.security?.[0] && Object.keys(o.operation.security[0])[0];
    const expected =
      scheme === 'accessToken'
        ? { type: 'bearer', bearer: [{ key: 'token', value: '{{access_token}}', type: 'string' }] }
        : scheme
          ? { type: 'apikey', apikey: expect.arrayContaining([{ key: 'key', value: 'Authorization', type: 'string' }, { key: 'value', value: `KakaoAK {{${scheme === 'adminKey' ? 'admin_key' : 'rest_api_key'}}}`, type: 'string' }, { key: 'in', value: 'header', type: 'string' }]) }
          : { type: 'noauth' };
    expect(item.request.auth).toEqual(expected);
  });

  it(`tests for the documented success (${success})`, () => {
    expect(item.event[0].script.exec.join('\n')).toContain(`pm.response.to.have.status(${Number(success)})`);
    if (/^3/.test(success)) expect(item.protocolProfileBehavior).toEqual({ followRedirects: false });
  });

  it('sends every required parameter and field, JSON text as valid JSON', () => {
    const params = [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])].map((p: Json) => deref(doc, p));
    const query: Json[] = item.request.url.query ?? [];
    for (const p of params.filter((x: Json) => x.in === 'query')) {
      const sent = query.filter((q) => q.key === p.name && !q.disabled);
      if (p.required) expect(sent.length, `query ${p.name}`).toBeGreaterThan(0);
      if (isJsonText(deref(doc, p.schema))) for (const q of query.filter((x) => x.key === p.name && x.value)) expect(() => JSON.parse(q.value), `query ${p.name}`).not.toThrow();
    }
    const body = deref(doc, o.operation.requestBody);
    const [type, media] = Object.entries<Json>(body?.content ?? {})[0] ?? [];
    if (type === 'application/json') expect(JSON.parse(item.request.body.raw)).toEqual(deref(doc, Object.values<Json>(media.examples)[0]).value);
    if (type === 'application/x-www-form-urlencoded') {
      const fields: Json[] = item.request.body.urlencoded;
      const schema = deref(doc, media.schema);
      const required = [...(schema.required ?? []), ...(schema.allOf ?? []).flatMap((s: Json) => deref(doc, s).required ?? [])];
      for (const name of required) expect(fields.some((f) => f.key === name && !f.disabled), `form field ${name}`).toBe(true);
      const example = deref(doc, Object.values<Json>(media.examples ?? {})[0] ?? {}).value ?? {};
      for (const [k, v] of Object.entries<Json>(example)) {
        const field = fields.find((f) => f.key === k)!;
        // The example's values, except on kauth where the app's own variables stand in.
        if (!/^\{\{\w+\}\}$/.test(field.value)) expect(field.value, `form field ${k}`).toBe(typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
    }
  });
});
