// The generated .http files (generated/http/): one per product in Kakao's order, every operation once
// on its host variable with its credential, and, sent to the mock with the "mock" environment of
// http-client.env.json, every request gets its documented success.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKakaoMock, type KakaoMock } from '../src/mock/index.js';
// @ts-expect-error plain ESM script without types
import { listProducts } from '../scripts/lib/products.mjs';
import { parseHttpFile, substitute, type HttpRequest } from './helpers/http-file.js';
import { loadBundle, operations, root, type Json } from './helpers/spec.js';

const doc = loadBundle();
const ops = operations(doc);
const dir = path.join(root, 'generated', 'http');
const products: { name: string }[] = listProducts();
const files = products.map((p) => `${p.name}.http`);
const requests: HttpRequest[] = files.flatMap((f) => parseHttpFile(fs.readFileSync(path.join(dir, f), 'utf8'), `generated/http/${f}`));
const env: Record<string, Record<string, string>> = JSON.parse(fs.readFileSync(path.join(dir, 'http-client.env.json'), 'utf8'));
const HOST_VARIABLE: Record<string, string> = { 'kauth.kakao.com': 'kauth', 'kapi.kakao.com': 'kapi', 'dapi.kakao.com': 'dapi', 'api-status.kakao.com': 'api_status' };
const CREDENTIAL: Record<string, string> = { accessToken: 'Bearer {{access_token}}', restApiKey: 'KakaoAK {{rest_api_key}}', adminKey: 'KakaoAK {{admin_key}}' };
const byId = new Map(ops.map((o) => [o.operation.operationId as string, o]));
const success = (o: { operation: Json }) => Object.keys(o.operation.responses).find((s) => /^[23]/.test(s))!;

describe('generated/http', () => {
  it('has one file per product, in the order of redocly.yaml, and the two environments', () => {
    expect(fs.readdirSync(dir).sort()).toEqual([...files, 'http-client.env.json'].sort());
    expect(Object.keys(env)).toEqual(['kakao', 'mock']);
    expect(env.kakao).toMatchObject({ kauth: 'https://kauth.kakao.com', kapi: 'https://kapi.kakao.com', dapi: 'https://dapi.kakao.com', api_status: 'https://api-status.kakao.com' });
    expect(env.mock).toMatchObject({ kapi: 'http://127.0.0.1:4010', rest_api_key: 'mock-rest-api-key', admin_key: 'mock-admin-key' });
  });

  it('names every operation once, in document order', () => {
    expect(requests.map((r) => r.name)).toEqual(ops.map((o) => o.operation.operationId));
  });

  it.each(requests.map((r) => [r.name!, r] as const))('%s: its host variable, method and credential', (name, r) => {
    const o = byId.get(name)!;
    expect(r.method).toBe(o.method.toUpperCase());
    expect(r.url.startsWith(`{{${HOST_VARIABLE[o.host]}}}/`), `${r.file}:${r.line}`).toBe(true);
    const first = o.operation.security?.[0];
    const authorization = r.headers.find(([k]) => k.toLowerCase() === 'authorization')?.[1];
    expect(authorization).toBe(first ? CREDENTIAL[Object.keys(first)[0]!] : undefined);
    expect(r.noRedirect).toBe(/^3/.test(success(o)));
  });
});

describe('generated/http against the mock ("mock" environment)', () => {
  let mock: KakaoMock;
  let variables: Record<string, string>;
  beforeAll(async () => {
    // The committed environment carries placeholder tokens and documented IDs: the static mock answers them.
    mock = await startKakaoMock({ port: 0, static: true });
    // The environment as committed, with the mock on its free port instead of 4010.
    variables = Object.fromEntries(Object.entries(env.mock!).map(([k, v]) => [k, v.replace('http://127.0.0.1:4010', mock.url)]));
  });
  afterAll(() => mock?.close());

  it('every request gets its documented success, files run top to bottom', async () => {
    const got: string[] = [];
    for (const r of requests) {
      const where = `${r.file}:${r.line} (${r.name})`;
      const response = await fetch(substitute(r.url, variables, where), {
        method: r.method,
        headers: r.headers.map(([k, v]) => [k, substitute(v, variables, where)] as [string, string]),
        ...(r.body !== undefined ? { body: substitute(r.body, variables, where) } : {}),
        redirect: r.noRedirect ? 'manual' : 'follow',
      });
      const text = await response.text();
      got.push(`${r.name} ${response.status}${response.status >= 400 ? ` ${text.slice(0, 200)}` : ''}`);
      // As a user would: the code from the authorization redirect goes into {{authorization_code}}.
      if (r.name === 'getAuthorizationCode') variables.authorization_code = new URL(response.headers.get('location')!).searchParams.get('code') ?? '';
    }
    expect(got).toEqual(requests.map((r) => `${r.name} ${success(byId.get(r.name!)!)}`));
  });
});
