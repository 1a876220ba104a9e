// Conventions of openapi/README.md that redocly's rules cannot express.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { listProducts } from '../scripts/lib/products.mjs';
import { deref, loadBundle, operations, root, type Json } from './helpers/spec.js';

const KAKAO_HOSTS = ['kauth.kakao.com', 'kapi.kakao.com', 'dapi.kakao.com', 'api-status.kakao.com'];
const EVIDENCE_LEVELS = ['kakao-docs', 'kakao-sdk', 'corroborated', 'observed'];
const UNCONFIRMED_PARTS = ['request', 'response'];
const doc = loadBundle();
const ops = operations(doc);
const products: { name: string; root: string }[] = listProducts();

/** `/v2/user/me` → `v2_user_me.yaml`; `/.well-known/jwks.json` → `well_known_jwks_json.yaml`. */
export const pathFileName = (p: string) => `${p.replace(/^\//, '').replace(/[/.\-{}$]+/g, '_').replace(/^_+|_+$/g, '')}.yaml`;

describe('layout', () => {
  it('registers every product folder in redocly.yaml', () => {
    expect(products.length).toBeGreaterThan(0);
  });

  it.each(products.map((p) => [p.name, p] as const))('%s: each path is its own file, named after the path', (_n, product) => {
    const rootDoc = parse(fs.readFileSync(product.root, 'utf8'));
    for (const [p, item] of Object.entries<Json>(rootDoc.paths ?? {})) {
      expect(item.$ref, `${p} in ${product.name}/openapi.yaml is not a $ref`).toBe(`paths/${pathFileName(p)}`);
    }
  });

  it.each(products.map((p) => [p.name, p] as const))('%s: says in info when it was last checked against Kakao\'s pages, and carries the package version', (_n, product) => {
    const info = parse(fs.readFileSync(product.root, 'utf8')).info;
    expect(info['x-kakao-last-checked'], `${product.name}: info.x-kakao-last-checked`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(info['x-kakao-last-checked'])).toBeLessThanOrEqual(Date.now());
    expect(info.version).toBe(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  it('names every component file uniquely across products (Redocly renames same-named components)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    const dirs = [path.join(root, 'openapi', 'components'), ...products.map((p) => path.join(root, 'openapi', p.name, 'components'))];
    for (const dir of dirs.filter((d) => fs.existsSync(d))) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
        if (!e.isFile()) continue;
        const section = path.basename(e.parentPath);
        const key = `${section}/${e.name}`;
        const where = path.relative(root, path.join(e.parentPath, e.name));
        if (seen.has(key)) clashes.push(`${seen.get(key)} and ${where}`);
        seen.set(key, where);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe.each(ops.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s', (_t, o) => {
  const op = o.operation;

  it('is served from one Kakao host', () => {
    expect(KAKAO_HOSTS).toContain(o.host);
    expect((o.pathItem.servers ?? []).length).toBe(1);
  });

  it('records its evidence: level and sources', () => {
    const evidence = op['x-kakao-evidence'];
    expect(EVIDENCE_LEVELS).toContain(evidence?.level);
    expect(Array.isArray(evidence.sources) && evidence.sources.length > 0).toBe(true);
    for (const source of evidence.sources) expect(() => new URL(source), source).not.toThrow();
    if (evidence.level === 'corroborated') {
      const independent = evidence.sources.filter((s: string) => !/developers\.kakao\.com|github\.com\/kakao\//.test(s));
      expect(independent.length, 'corroborated facts need two independent projects').toBeGreaterThanOrEqual(2);
      expect(String(evidence.notes ?? '').length, 'say what rests on corroboration').toBeGreaterThan(0);
    }
    if (evidence.level === 'kakao-docs') expect(evidence.sources.some((s: string) => s.includes('developers.kakao.com'))).toBe(true);
    if (evidence.level === 'kakao-sdk') expect(evidence.sources.some((s: string) => s.includes('github.com/kakao/'))).toBe(true);
    // A verify report is dated: what Kakao answered on that day.
    if (evidence.level === 'observed') expect(evidence.observed, 'observed needs the date of the run').toBeDefined();
    if (evidence.observed !== undefined) {
      expect(evidence.observed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Date.parse(evidence.observed)).toBeLessThanOrEqual(Date.now());
    }
  });

  it('marks what no source confirms (x-kakao-evidence.unconfirmed), and every success answer described in words only', () => {
    const unconfirmed = op['x-kakao-evidence'].unconfirmed;
    if (unconfirmed !== undefined) {
      expect(Array.isArray(unconfirmed) && unconfirmed.length > 0).toBe(true);
      for (const part of unconfirmed) expect(UNCONFIRMED_PARTS).toContain(part);
    }
    const wordsOnly = Object.entries<Json>(op.responses)
      .filter(([status]) => /^2/.test(status))
      .some(([, r]) => !(r.$ref ? doc.components.responses[r.$ref.split('/').pop()] : r).content);
    if (wordsOnly) expect(unconfirmed ?? [], 'a success answer without content is unconfirmed').toContain('response');
  });

  it('says read-only with x-kakao-read-only only where the method says otherwise', () => {
    const marker = op['x-kakao-read-only'];
    if (marker === undefined) return;
    expect(typeof marker).toBe('boolean');
    expect(marker, 'x-kakao-read-only repeats what the method implies').toBe(o.method !== 'get');
  });

  it('names in x-kakao-verify-params only optional parameters that have an example', () => {
    const names = op['x-kakao-verify-params'];
    if (names === undefined) return;
    const params = [...(o.pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p));
    for (const name of names) {
      const p = params.find((x: Json) => x.name === name);
      expect(p, `${name} is not a parameter`).toBeDefined();
      expect(p.required ?? false, `${name} is required (always sent)`).toBe(false);
      expect(p.example !== undefined || p.examples !== undefined, `${name} has no example`).toBe(true);
    }
  });

  it('lists consent items and permissions as strings, when it has them', () => {
    for (const key of ['x-kakao-consent-items', 'x-kakao-permissions']) {
      if (op[key] === undefined) continue;
      expect(Array.isArray(op[key]) && op[key].every((v: unknown) => typeof v === 'string' && v.length > 0), key).toBe(true);
    }
  });

  it('either documents a 4XX error or says why Kakao documents none', () => {
    const reason = op['x-kakao-undocumented-errors'];
    const has4xx = Object.keys(op.responses).some((status) => /^4/.test(status));
    if (reason === undefined) expect(has4xx).toBe(true);
    else {
      expect(typeof reason === 'string' && reason.length > 20).toBe(true);
      expect(has4xx, 'x-kakao-undocumented-errors on an operation that documents errors').toBe(false);
    }
  });

  it('takes a credential in the Authorization header unless it is on the authorization server', () => {
    if (o.host === 'kapi.kakao.com' || o.host === 'dapi.kakao.com') expect(op.security.length).toBeGreaterThan(0);
    if (o.host === 'kauth.kakao.com') expect(op.security).toEqual([]);
  });

  it('ties x-kakao-required-with only to parameters and form properties, naming security schemes the operation takes', () => {
    const taken = new Set((op.security ?? []).flatMap((alt: Json) => Object.keys(alt)));
    const params = [...(o.pathItem.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p));
    const form = deref(doc, deref(doc, op.requestBody)?.content?.['application/x-www-form-urlencoded']?.schema);
    const marked = [
      ...params.filter((p: Json) => p['x-kakao-required-with']).map((p: Json) => [`parameter ${p.name}`, p, p['x-kakao-required-with']]),
      ...Object.entries<Json>(form?.properties ?? {}).filter(([, s]) => s['x-kakao-required-with']).map(([n, s]) => [`form property ${n}`, s, s['x-kakao-required-with']]),
    ];
    for (const [where, holder, schemes] of marked) {
      expect(Array.isArray(schemes) && schemes.length > 0, `${where}: a list of scheme names`).toBe(true);
      for (const scheme of schemes) expect(taken.has(scheme), `${where}: ${scheme} is not a security scheme of the operation`).toBe(true);
      expect(holder.required ?? false, `${where}: required stays false (the extension says when)`).toBe(false);
    }
  });

  it('answers errors with the shared Kakao error responses', () => {
    const shared = o.host === 'kauth.kakao.com' ? /^#\/components\/responses\/Auth/ : /^#\/components\/responses\/(?!Auth)/;
    for (const [status, response] of Object.entries<Json>(op.responses)) {
      if (!/^[45]/.test(status)) continue;
      expect(response.$ref, `${status} is not a shared response`).toMatch(shared);
    }
  });
});

describe('parameters', () => {
  // The mock tests, the fuzz test and the docs' samples build requests from these examples.
  it.each(ops.map((o) => [o.operation.operationId, o] as const))('%s: every required parameter has an example', (_id, o) => {
    const missing = [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])]
      .map((p: Json) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p))
      .filter((p: Json) => p.required)
      .filter((p: Json) => {
        const s = p.schema?.$ref ? doc.components.schemas[p.schema.$ref.split('/').pop()] : (p.schema ?? {});
        return p.example === undefined && !p.examples && !(s.examples ?? []).length && s.example === undefined && s.default === undefined && !s.enum && s.const === undefined;
      })
      .map((p: Json) => `${p.in} ${p.name}`);
    expect(missing).toEqual([]);
  });
});

// What common generators need (issue #17): orval references an inline composed body by a type name
// it never emits, and a `required` without `type: object` is dropped by hey-api and flagged by Ajv.
describe('shapes generators can name', () => {
  it.each(['kakao', ...products.map((p) => p.name)])('%s: info.contact says where to report a problem', (name) => {
    expect(loadBundle(name).info.contact?.name, `generated/openapi/${name}.json info.contact.name`).toBeTruthy();
  });

  // (orval writes an inline `allOf` body as a type it never declares; inline `oneOf` unions it types.)
  it('every request body built with allOf is a named component', () => {
    const inline = ops.flatMap((o) =>
      Object.entries<Json>(o.operation.requestBody?.content ?? {})
        .filter(([, media]) => media.schema && !media.schema.$ref && 'allOf' in media.schema)
        .map(([type]) => `${o.method.toUpperCase()} ${o.path} ${type}`),
    );
    expect(inline, 'move these bodies into components/schemas/').toEqual([]);
  });

  it('every schema with `required` says `type: object`', () => {
    const found: string[] = [];
    const walk = (node: Json, where: string, inSchema: boolean) => {
      if (!node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`, inSchema));
      if (inSchema && Array.isArray(node.required) && node.type !== 'object') found.push(where);
      for (const [k, v] of Object.entries<Json>(node)) {
        if (k === 'example' || k === 'examples') continue;
        // Inside schemas every object is a schema except a `properties` map itself.
        walk(v, `${where}/${k}`, inSchema || k === 'schema' || k === 'schemas' || k === 'contentSchema');
      }
    };
    walk(doc, '#', false);
    expect(found).toEqual([]);
  });
});
