// Docs: the Redoc reference builds from the combined document and names every operation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { buildDocs } from '../scripts/lib/docs.mjs';
import { loadBundle, operations, root } from './helpers/spec.js';

describe('the reference', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-docs-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  const page: string = await buildDocs({ bundle: path.join(root, 'generated', 'openapi', 'kakao.yaml'), outDir: out });
  const html = fs.readFileSync(page, 'utf8');
  const doc = loadBundle();

  it('is one self-contained page: no script or stylesheet from another host', () => {
    expect(html).toMatch(/<html/i);
    expect(html.match(/<script[^>]+src=["']https?:/gi) ?? []).toEqual([]);
    expect(html.match(/<link[^>]+href=["']https?:[^>]+stylesheet/gi) ?? []).toEqual([]);
  });

  it('carries the product groups for navigation', () => {
    for (const group of doc['x-tagGroups']) expect(html).toContain(JSON.stringify(group.name));
  });

  it.each(operations(doc).map((o) => [o.operation.operationId, o] as const))('names %s', (id, o) => {
    expect(html).toContain(`"operationId":${JSON.stringify(id)}`);
    expect(html).toContain(`"summary":${JSON.stringify(o.operation.summary)}`);
  });
});
