// The package a user installs: ESM with type declarations, an exports map, only the needed files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/spec.js';

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('package.json', () => {
  it('is ESM with an exports map whose targets are shipped', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    expect(pkg.exports['./openapi/*']).toBe('./generated/openapi/*');
    expect(pkg.exports['./mock']).toEqual({ types: './dist/src/mock/index.d.ts', default: './dist/src/mock/index.js' });
  });

  it('pins every dependency to an exact version', () => {
    for (const [name, version] of Object.entries<string>({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('packs only dist/, the bundled documents and their provenance, the README and package.json', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const files: string[] = JSON.parse(out)[0].files.map((f: { path: string }) => f.path).sort();
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/generated/client/operations.js');
    expect(files).toContain('generated/openapi/kakao.json');
    expect(files).toContain('generated/openapi/ko/kakao.json');
    expect(files).toContain('generated/provenance.json');
    expect(files).toContain('dist/src/mock/index.js');
    const unexpected = files.filter((f) => !/^(dist\/(src|src\/mock|generated\/client)\/[^/]+\.(js|d\.ts)|generated\/openapi\/(ko\/)?[^/]+\.(json|yaml)|generated\/provenance\.json|scripts\/mock\.mjs|(generated\/)?README\.md|package\.json|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });
});
