// Coverage: every row of Kakao's reference tables (test/data/reference-tables.yaml, transcribed from
// the reference) is described in the combined document with its method, host and path. Rows of
// products whose document is not written yet are reported as pending (todo), never silently skipped.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { listProducts } from '../scripts/lib/products.mjs';
import { loadBundle, operations, root } from './helpers/spec.js';

interface Row {
  api: string;
  method: string;
  url: string;
}
interface Table {
  product: string;
  table: string;
  rows: Row[];
}

const { tables } = parse(fs.readFileSync(path.join(root, 'test', 'data', 'reference-tables.yaml'), 'utf8')) as { tables: Table[] };
const described = new Set<string>(listProducts().map((p: { name: string }) => p.name));
const ops = operations(loadBundle());

/** Kakao's `${FORMAT}` placeholder is the `{format}` path parameter in OpenAPI. */
function expected(row: Row) {
  const url = new URL(row.url.replace('${FORMAT}', '{format}'));
  return { host: url.host, path: decodeURI(url.pathname), methods: row.method.toLowerCase().split('/') };
}

describe('the reference tables are transcribed whole', () => {
  it('has the nine tables and 82 rows of Kakao\'s reference', () => {
    expect(tables.map((t) => t.product)).toEqual([
      'login', 'talk-social', 'talk-message', 'talk-channel', 'push', 'talk-calendar', 'local', 'search', 'system',
    ]);
    expect(tables.reduce((n, t) => n + t.rows.length, 0)).toBe(82);
  });

  it('every product document belongs to a table', () => {
    for (const name of described) expect(tables.map((t) => t.product)).toContain(name);
  });
});

for (const table of tables) {
  describe(`${table.table} (${table.product})`, () => {
    for (const row of table.rows) {
      const { host, path: p, methods } = expected(row);
      const title = `${row.api}: ${row.method} https://${host}${p}`;
      if (!described.has(table.product)) {
        it.todo(`${title} — pending: openapi/${table.product}/ is not written yet`);
        continue;
      }
      it(title, () => {
        for (const method of methods) {
          const op = ops.find((o) => o.path === p && o.method === method);
          expect(op, `${method.toUpperCase()} ${p} is not in the combined document`).toBeDefined();
          expect(op!.host, `${method.toUpperCase()} ${p} is served from the wrong host`).toBe(host);
          // Kakao's API name is the summary, or (for an operation shared by two rows) named in its description.
          const { summary, description } = op!.operation;
          expect(summary === row.api || String(description).includes(row.api), `"${row.api}" is neither the summary nor in the description of ${op!.operation.operationId}`).toBe(true);
        }
      });
    }
  });
}

describe('the combined document describes nothing outside the reference tables', () => {
  const rows = tables.flatMap((t) => t.rows.flatMap((r) => expected(r).methods.map((m) => `${m} ${expected(r).host}${expected(r).path}`)));
  it.each(ops.map((o) => [`${o.method.toUpperCase()} ${o.host}${o.path}`, o] as const))('%s is a row of the reference', (_t, o) => {
    expect(rows).toContain(`${o.method} ${o.host}${o.path}`);
  });
});
