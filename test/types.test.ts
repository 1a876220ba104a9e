// The generated types compile, and describe every operation of the combined document.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadBundle, operations, root } from './helpers/spec.js';

const require = createRequire(import.meta.url);

describe('generated/types', () => {
  it('compiles with tsc --strict', () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const files = fs.readdirSync(path.join(root, 'generated', 'types')).map((f) => path.join('generated', 'types', f));
    expect(files.length).toBeGreaterThan(1);
    execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--target', 'ES2022', ...files], { cwd: root, stdio: 'pipe' });
  });

  // Allowed: response headers' index signature, and `[key: string]: unknown` from an object declared
  // `additionalProperties: true` on purpose (a Kakao body whose fields no source shows, e.g. the
  // api-status.kakao.com reports). A property or schema without a type still shows up as `unknown`.
  it('types no schema as `unknown` (a sign of a schema without a type)', () => {
    for (const file of ['types/kakao.ts', 'client/paths.ts']) {
      const code = fs
        .readFileSync(path.join(root, 'generated', file), 'utf8')
        .split('\n')
        .filter((line) => !/^\s*(\*|\/\*\*)/.test(line) && !/\[(name|key): string\]: unknown;/.test(line));
      expect(code.filter((line) => /\bunknown\b/.test(line)), file).toEqual([]);
    }
  });

  // src/types.ts leaves out openapi-fetch's Writable/Readable (costly, and identities without these markers).
  it('emits no readOnly/writeOnly markers ($Read/$Write) in the client\'s types', () => {
    const client = fs.readFileSync(path.join(root, 'generated', 'client', 'paths.ts'), 'utf8');
    expect(client.match(/\$(Read|Write)</g) ?? []).toEqual([]);
  });

  const types = fs.readFileSync(path.join(root, 'generated', 'types', 'kakao.ts'), 'utf8');
  it.each(operations(loadBundle()).map((o) => [o.operation.operationId as string] as const))('has operations["%s"]', (id) => {
    expect(types).toContain(`    ${id}: {`);
  });
});
