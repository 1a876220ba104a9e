// Translations: every text a reader sees has Korean, and no overlay action is left over for something
// that no longer exists. Each product's overlay (openapi/<product>/overlays/ko.yaml) is applied to
// its English bundle as the build does (test/drift.test.ts checks generated/openapi/ko/ is that build).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { LANGUAGES, applyOverlay, combinedOverlayPath, hasHangul, l10nReport, readOverlay, readOverlayFile } from '../scripts/lib/l10n.mjs';
// @ts-expect-error plain ESM script without types
import { listProducts } from '../scripts/lib/products.mjs';
import { loadBundle, root, type Json } from './helpers/spec.js';

const products: string[] = listProducts().map((p: { name: string }) => p.name);

/** One line per problem: product, JSONPath (and key), English text, cut to one line. */
const lines = (product: string, items: { target: string; key: string; text: string | string[] }[]) =>
  items.map((m) => `${product}  ${m.target} ${m.key}: ${[m.text].flat().join('; ').replace(/\s+/g, ' ').slice(0, 100)}`);

describe('the check itself, on a small document and overlay', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 'Small', version: '1' },
    paths: { '/a': { get: { operationId: 'a', summary: 'Get a', parameters: [{ name: 'q', in: 'query', description: 'The query' }], responses: { '200': { description: 'OK then' } } } } },
  };
  const overlay = (actions: Json[]) => ({ overlay: '1.0.0', info: { title: 't', version: '1' }, actions });
  const all = [
    { target: '$.info', update: { title: '작은 문서' } },
    { target: "$.paths['/a'].get", update: { summary: 'a 가져오기' } },
    { target: "$.paths['/a'].get.parameters[?(@.name=='q')]", update: { description: '검색어' } },
    { target: "$.paths['/a'].get.responses['200']", update: { description: '성공' } },
  ];

  it('passes when everything has Korean', async () => {
    expect(await l10nReport(doc, overlay(all))).toEqual({ missing: [], unused: [] });
  });

  it('names the text that lacks Korean, and the action that matches nothing', async () => {
    const report = await l10nReport(doc, overlay([...all.slice(0, 2), { target: "$.paths['/a'].get.parameters[?(@.name=='gone')]", update: { description: '없음' } }, all[3]]));
    expect(report.missing).toEqual([{ target: "$.paths['/a'].get.parameters[?(@.name=='q')]", key: 'description', text: 'The query' }]);
    expect(report.unused).toEqual(["$.paths['/a'].get.parameters[?(@.name=='gone')]"]);
  });

  it('replaces a list of texts (x-kakao-permissions) instead of appending to it, and finds one left in English', async () => {
    const listed = structuredClone(doc) as Json;
    listed.paths['/a'].get['x-kakao-permissions'] = ['Kakao Login', 'Talk Calendar API permission'];
    const translated = { target: "$.paths['/a'].get", update: { 'x-kakao-permissions': ['카카오 로그인', '톡캘린더 API 권한'] } };
    const { doc: ko } = await applyOverlay(listed, overlay([...all, translated]));
    expect(ko.paths['/a'].get['x-kakao-permissions']).toEqual(['카카오 로그인', '톡캘린더 API 권한']);
    expect((await l10nReport(listed, overlay([...all, translated]))).missing).toEqual([]);
    expect((await l10nReport(listed, overlay(all))).missing).toEqual([{ target: "$.paths['/a'].get", key: 'x-kakao-permissions', text: ['Kakao Login', 'Talk Calendar API permission'] }]);
  });

  it('counts a product without an overlay as wholly untranslated', async () => {
    expect((await l10nReport(doc, undefined)).missing.map((m: Json) => m.text)).toEqual(['Small', 'Get a', 'The query', 'OK then']);
  });
});

describe.each(LANGUAGES as string[])('the %s documents', (lang) => {
  it.each(products)('%s: every translatable text has a translation', async (product) => {
    const { missing } = await l10nReport(loadBundle(product), readOverlay(product, lang));
    const list = lines(product, missing);
    expect(list, `${list.length} text(s) lack ${lang} (run \`node scripts/l10n-todo.mjs ${lang} ${product}\`):\n${list.join('\n')}`).toEqual([]);
  });

  it.each(products)('%s: every overlay action targets something that exists', async (product) => {
    const { unused } = await l10nReport(loadBundle(product), readOverlay(product, lang));
    expect(unused, `openapi/${product}/overlays/${lang}.yaml: target(s) that match nothing:\n${unused.join('\n')}`).toEqual([]);
  });

  it('the combined document has its own translated info and every product in the language', async () => {
    const combined = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', lang, 'kakao.json'), 'utf8'));
    const { missing, unused } = await l10nReport({ openapi: '3.1.0', info: loadBundle().info, servers: loadBundle().servers, paths: {} }, readOverlayFile(combinedOverlayPath(lang)));
    expect([...lines('kakao', missing), ...unused]).toEqual([]);
    expect(hasHangul(combined.info.description)).toBe(true);
    expect(Object.keys(combined.paths)).toEqual(Object.keys(loadBundle().paths));
  });
});
