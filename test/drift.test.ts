// Drift: generated/ must equal a fresh build of openapi/, byte for byte, with no file missing or extra.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './helpers/spec.js';

function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join('/'), fs.readFileSync(full));
  }
  return files;
}

describe('generated/ is in step with openapi/', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-drift-'));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--out', out, '--no-docs'], { cwd: root, stdio: 'pipe' });
  const fresh = tree(out);
  const committed = tree(path.join(root, 'generated'));

  it('has the same files as a fresh build', () => {
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
  });

  it.each([...fresh.keys()].sort())('%s equals a fresh build (run `npm run build` if not)', (file) => {
    const mine = committed.get(file);
    expect(mine, `generated/${file} is missing`).toBeDefined();
    expect(mine!.toString('utf8')).toBe(fresh.get(file)!.toString('utf8'));
  });

  it('records the hash of every input file and of every output', () => {
    const provenance = JSON.parse(fresh.get('provenance.json')!.toString('utf8'));
    const inputs = Object.keys(provenance.inputs);
    expect(inputs).toContain('redocly.yaml');
    expect(inputs.some((f) => f.startsWith('openapi/login/paths/'))).toBe(true);
    for (const [file, hash] of Object.entries<string>(provenance.outputs)) {
      expect(fresh.has(file), file).toBe(true);
      expect(crypto.createHash('sha256').update(fresh.get(file)!).digest('hex'), file).toBe(hash);
    }
    expect(Object.keys(provenance.generators)).toEqual(['@redocly/cli', 'openapi-typescript', 'typescript', 'openapi-to-postmanv2', 'openapi-format']);
  });
});
