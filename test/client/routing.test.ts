// Host routing and Authorization, for every operation of the combined document (cases come from
// the spec, not from a list kept by hand).
import { describe, expect, it } from 'vitest';
import { createKakaoClient, operations } from '../../src/index.js';
// @ts-expect-error plain ESM script without types
import { operationMap, securitySchemeMap } from '../../scripts/lib/client-artifacts.mjs';
import { recordingFetch } from '../helpers/fetch.js';
import { loadBundle, operations as specOperations } from '../helpers/spec.js';

const doc = loadBundle();
const FAKE = { accessToken: 'fake-access-token', restApiKey: 'fake-rest-api-key', adminKey: 'fake-admin-key' } as const;

/** The documented example of each `{param}` path segment of an operation. */
function pathExamples(o: ReturnType<typeof specOperations>[number]): Record<string, string> {
  const params = [...(o.pathItem.parameters ?? []), ...(o.operation.parameters ?? [])];
  const values: Record<string, string> = {};
  for (const [, name] of o.path.matchAll(/\{([^}]+)\}/g)) {
    const p = params.find((x: { name: string; in: string }) => x.in === 'path' && x.name === name);
    values[name!] = String(p?.example ?? p?.schema?.examples?.[0] ?? p?.schema?.enum?.[0] ?? name);
  }
  return values;
}

/** Fills `{param}` segments with the parameter's example, so the call has a concrete URL. */
function concretePath(o: ReturnType<typeof specOperations>[number]) {
  const values = pathExamples(o);
  return o.path.replace(/\{([^}]+)\}/g, (_m, name) => encodeURIComponent(values[name]!));
}

describe('the routing table', () => {
  it('equals what the bundle says (host, security, body, JSON-text parameters)', () => {
    expect(operations).toEqual(operationMap(doc));
    expect(Object.keys(operations)).toHaveLength(specOperations(doc).length);
  });

  it('knows every security scheme the operations use', () => {
    const schemes = securitySchemeMap(doc);
    for (const info of Object.values(operations)) for (const alt of info.security) for (const name of alt) expect(schemes[name], name).toBeDefined();
  });
});

describe.each(specOperations(doc).map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))('%s', (_t, o) => {
  const info = operations[`${o.method.toUpperCase()} ${o.path}`]!;
  // Operations with `{param}` segments get the documented examples, as a caller would pass them.
  const path = pathExamples(o);
  const withPath = (init: Record<string, unknown>) => (Object.keys(path).length ? { ...init, params: { path } } : init);
  const call = async (options: Parameters<typeof createKakaoClient>[0], init: Record<string, unknown> = {}) => {
    const { fetch, calls } = recordingFetch();
    const kakao = createKakaoClient({ ...options, fetch });
    await kakao.request(o.method as 'get', o.path as never, withPath(init) as never);
    expect(calls).toHaveLength(1);
    return calls[0]!;
  };

  it(`goes to https://${o.host}`, async () => {
    const req = await call(FAKE);
    expect(req.url.origin).toBe(`https://${o.host}`);
    expect(req.url.pathname).toBe(concretePath(o));
    expect(req.method).toBe(o.method.toUpperCase());
  });

  it('goes to baseUrl instead when one is given', async () => {
    const req = await call({ ...FAKE, baseUrl: 'http://127.0.0.1:4010' });
    expect(req.url.origin).toBe('http://127.0.0.1:4010');
    expect(req.url.pathname).toBe(concretePath(o));
  });

  it('sends the Authorization its security asks for', async () => {
    const req = await call(FAKE);
    const first = info.security[0];
    if (!first || first.length === 0) {
      expect(req.headers.get('authorization')).toBeNull();
      return;
    }
    const scheme = doc.components.securitySchemes[first[0]!].scheme;
    const value = FAKE[first[0] as keyof typeof FAKE];
    expect(req.headers.get('authorization')).toBe(`${scheme === 'bearer' ? 'Bearer' : scheme} ${value}`);
  });

  it.each(info.security.filter((alt) => alt.length > 0).map((alt) => [alt[0]!] as const))('accepts auth: "%s" per call', async (name) => {
    const req = await call(FAKE, { auth: name });
    const scheme = doc.components.securitySchemes[name].scheme;
    expect(req.headers.get('authorization')).toBe(`${scheme === 'bearer' ? 'Bearer' : scheme} ${FAKE[name as keyof typeof FAKE]}`);
  });

  if (info.security.length > 0 && info.security.every((alt) => alt.length > 0)) {
    it('fails before sending when no credential it accepts was given, naming operation and credentials', async () => {
      const { fetch, calls } = recordingFetch();
      const kakao = createKakaoClient({ fetch });
      const attempt = kakao.request(o.method as 'get', o.path as never, {} as never);
      await expect(attempt).rejects.toMatchObject({ kind: 'usage', operationId: info.operationId });
      await expect(attempt).rejects.toThrow(new RegExp(`${info.operationId} needs ${info.security.map((a) => a.join(' \\+ ')).join(' or ')}`));
      expect(calls).toHaveLength(0);
    });
  }
});
