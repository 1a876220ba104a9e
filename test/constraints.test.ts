// Every limit, default, required flag and enum names its source or is marked as this project's
// reading (openapi/README.md, "Where each limit comes from"; scripts/lib/constraints.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { constraintProblems, constraintScopes, parseFieldName } from '../scripts/lib/constraints.mjs';
// @ts-expect-error plain ESM script without types
import { evidenceCounts } from '../scripts/evidence-counts.mjs';
import { loadBundle, root, type Json } from './helpers/spec.js';

const doc = loadBundle();
// The path-file rule of openapi/README.md (test/conventions.test.ts checks it; importing that file would run its tests here).
const pathFileName = (p: string) => `${p.replace(/^\//, '').replace(/[/.\-{}$]+/g, '_').replace(/^_+|_+$/g, '')}.yaml`;

/** The hand-written file a scope lives in, so a failure says where to edit. */
function fileOf(scope: Json): string {
  const base = path.join(root, 'openapi');
  if (scope.kind === 'operation') {
    for (const product of fs.readdirSync(base)) {
      const file = path.join(base, product, 'paths', pathFileName(scope.path));
      if (fs.existsSync(file)) return path.relative(root, file);
    }
  } else {
    for (const e of fs.readdirSync(base, { withFileTypes: true, recursive: true })) {
      if (e.isFile() && e.name === `${scope.name}.yaml` && path.basename(e.parentPath) === scope.section) return path.relative(root, path.join(e.parentPath, e.name));
    }
  }
  return '(file not found)';
}

describe('constraints cite their source', () => {
  it('finds the constraints it is meant to check', () => {
    const scopes = constraintScopes(doc);
    const friends = scopes.find((s: Json) => s.name === 'GET /v1/api/talk/friends');
    expect(friends.constraints.map((c: Json) => `${c.field}.${c.keyword}`)).toEqual(expect.arrayContaining(['limit.maximum', 'order.enum', 'order.default']));
    const total = scopes.reduce((n: number, s: Json) => n + s.constraints.length, 0);
    expect(total).toBeGreaterThan(300);
  });

  it('parses field.keyword entries and leaves plain field names whole', () => {
    expect(parseFieldName('offset.minimum')).toEqual({ field: 'offset', keyword: 'minimum' });
    expect(parseFieldName('limit')).toEqual({ field: 'limit', keyword: undefined });
    expect(parseFieldName('uuid.required')).toEqual({ field: 'uuid', keyword: 'required' });
  });

  it('every limit, default, required flag and enum names a source or is marked as this project\'s reading', () => {
    const byScope = new Map<string, string[]>();
    const scopes = new Map(constraintScopes(doc).map((s: Json) => [s.kind === 'operation' ? s.name : `components.${s.section}.${s.name}`, s]));
    for (const problem of constraintProblems(doc) as string[]) {
      const where = problem.slice(0, problem.indexOf(':'));
      const file = scopes.has(where) ? fileOf(scopes.get(where)) : '?';
      byScope.set(file, [...(byScope.get(file) ?? []), problem]);
    }
    const report = [...byScope].map(([file, problems]) => `${file}\n  ${problems.join('\n  ')}`).join('\n');
    expect(report, 'see openapi/README.md, "Where each limit comes from"').toBe('');
  });
});

describe('the check itself', () => {
  const tiny = (evidence: Json) => ({
    openapi: '3.1.0',
    paths: {
      '/x': {
        get: {
          'x-kakao-evidence': evidence,
          parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 100, default: 10 } }],
          responses: {},
        },
      },
    },
    components: {},
  });
  const source = 'https://developers.kakao.com/x';

  it('accepts a limit whose field is named with a listed source', () => {
    expect(constraintProblems(tiny({ sources: [source], constraints: [{ source, fields: ['limit'] }] }))).toEqual([]);
  });

  it('reports a limit that names no source', () => {
    expect(constraintProblems(tiny({ sources: [source] })).join('\n')).toMatch(/limit\.maximum .*cites no source/);
  });

  it('reports a default left over when only the maximum is cited', () => {
    const problems = constraintProblems(tiny({ sources: [source], constraints: [{ source, fields: ['limit.maximum'] }] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/limit\.default/);
  });

  it('accepts a reading, and refuses one without words', () => {
    const reading = 'Kakao states none; this project keeps the default it observed.';
    expect(constraintProblems(tiny({ sources: [source], constraints: [{ source, fields: ['limit.maximum'] }, { reading, fields: ['limit.default'] }] }))).toEqual([]);
    expect(constraintProblems(tiny({ sources: [source], constraints: [{ reading: 'ours', fields: ['limit'] }] })).join('\n')).toMatch(/say in a sentence/);
  });

  it('refuses a source that is not among the sources, and an entry naming nothing constrained', () => {
    const problems = constraintProblems(tiny({ sources: [source], constraints: [{ source: 'https://example.com/', fields: ['limit', 'offset'] }] })).join('\n');
    expect(problems).toMatch(/is not listed in x-kakao-evidence\.sources/);
    expect(problems).toMatch(/names offset, which has no/);
  });
});

describe('README.md "What is described"', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const counts = evidenceCounts(doc);
  const hint = 'README.md is out of date: run `node scripts/evidence-counts.mjs` and copy its figures';

  it('gives each product the evidence levels its operations record', () => {
    const stated = Object.fromEntries(
      [...readme.matchAll(/^\|[^|\n]*\| `openapi\/([a-z-]+)\/` \|[^|\n]*\| (\d+) \|[^|\n]*\| ([^|\n]+) \|$/gm)].map((m) => [m[1], `${m[2]} operations: ${(m[3] ?? '').trim()}`]),
    );
    const actual = Object.fromEntries(counts.products.map((p: Json) => [p.product, `${p.operations} operations: ${p.column}`]));
    expect(stated, hint).toEqual(actual);
  });

  it('states how many limits cite a source and how many are the project\'s reading', () => {
    const m = readme.match(/(\d+) of them, (\d+)\s+citing a source and (\d+) the project's reading/);
    expect(m, 'the sentence with the constraint counts is missing').not.toBeNull();
    const { total, cited, readings } = counts.constraints;
    expect(m!.slice(1, 4).map(Number), hint).toEqual([total, cited, readings]);
  });
});
