// The packages users install: ESM with type declarations, exports maps whose targets ship, pinned
// dependencies, only the files that belong, and a client within its budget of dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers/spec.js';

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const workspace = read('package.json');
const client = read('packages/kakao-openapi/package.json');
const mock = read('packages/kakao-openapi-mock/package.json');

const packed = (dir: string): string[] =>
  JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: path.join(root, dir), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }))[0]
    .files.map((f: { path: string }) => f.path)
    .sort();

describe('the repository', () => {
  it('is a private workspace of the two packages', () => {
    expect(workspace.private).toBe(true);
    expect(workspace.workspaces).toEqual(['packages/kakao-openapi', 'packages/kakao-openapi-mock']);
  });

  it('pins every dependency of every package to an exact version', () => {
    for (const pkg of [workspace, client, mock]) {
      for (const [name, version] of Object.entries<string>({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies })) {
        expect(version, `${pkg.name}: ${name}`).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
  });

  it('moves the versions together: the mock depends on the client of its own version', () => {
    expect(client.version).toBe(workspace.version);
    expect(mock.version).toBe(client.version);
    expect(mock.dependencies['kakao-openapi']).toBe(client.version);
  });
});

describe('kakao-openapi (the client)', () => {
  it('is ESM with an exports map for the client, the lite client and its operations, and the documents', () => {
    expect(client.type).toBe('module');
    expect(client.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    expect(client.exports['./lite']).toEqual({ types: './dist/src/lite.d.ts', default: './dist/src/lite.js' });
    expect(client.exports['./operations']).toEqual({ types: './dist/src/operations.d.ts', default: './dist/src/operations.js' });
    expect(client.exports['./openapi/*']).toBe('./openapi/*');
  });

  it('depends on openapi-fetch, its helper types and jose (ID tokens) only, and has no install script', () => {
    expect(Object.keys(client.dependencies).sort()).toEqual(['jose', 'openapi-fetch', 'openapi-typescript-helpers']);
    expect(client.scripts ?? {}).toEqual({});
  });

  it('packs dist/, the JSON documents and their provenance, README and LICENSE: nothing else', () => {
    const files = packed('packages/kakao-openapi');
    expect(files).toContain('dist/src/index.js');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('dist/generated/client/operations.js');
    for (const file of ['dist/src/lite.js', 'dist/src/lite.d.ts', 'dist/src/operations.js', 'dist/generated/client/routes.js']) expect(files).toContain(file);
    expect(files).toContain('openapi/kakao.json');
    expect(files).toContain('openapi/provenance.json');
    expect(files).toContain('README.md');
    const unexpected = files.filter((f) => !/^(dist\/(src|generated\/client)\/[^/]+\.(js|d\.ts)|openapi\/[^/]+\.json|README\.md|CHANGELOG\.md|package\.json|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });
});

describe('kakao-openapi-mock', () => {
  it('installs the kakao-mock and kakao-openapi (verify) commands and keeps Prism and MSW optional peers', () => {
    expect(mock.bin).toEqual({ 'kakao-mock': './bin/kakao-mock.mjs', 'kakao-openapi': './bin/kakao-openapi.mjs' });
    expect(Object.keys(mock.dependencies).sort()).toEqual(['ajv', 'ajv-formats', 'jose', 'kakao-openapi', 'rrule', 'yaml']);
    expect(Object.keys(mock.peerDependencies).sort()).toEqual(['@stoplight/prism-core', '@stoplight/prism-http', 'msw']);
    expect(mock.exports['./msw']).toEqual({ types: './dist/msw.d.ts', default: './dist/msw.js' });
    for (const peer of Object.keys(mock.peerDependencies)) expect(mock.peerDependenciesMeta[peer], peer).toEqual({ optional: true });
    expect(mock.scripts ?? {}).toEqual({});
  });

  it('packs dist/, the command, README and LICENSE: nothing else', () => {
    const files = packed('packages/kakao-openapi-mock');
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('bin/kakao-mock.mjs');
    expect(files).toContain('bin/kakao-openapi.mjs');
    expect(files).toContain('dist/verify/index.js');
    expect(files).toContain('dist/msw.js');
    expect(files).toContain('dist/sandbox/index.js');
    const unexpected = files.filter((f) => !/^(dist\/((verify|sandbox)\/)?[^/]+\.(js|d\.ts)|bin\/kakao-(mock|openapi)\.mjs|README\.md|CHANGELOG\.md|package\.json|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });
});
