// The example app, as a user writes it: it imports the package by its name (resolved through the
// package's own `exports`, so the compiled dist/ and its type declarations are what is tested;
// test/global-setup.ts compiles it from the current sources),
// type-checks, and runs a Login flow and calls against a stand-in for Kakao.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeKakao } from './helpers/fake-kakao.js';
import { root } from './helpers/spec.js';

const require = createRequire(import.meta.url);

describe('examples/login-flow.ts', () => {
  it('resolves the package by name to the compiled dist/', () => {
    expect(path.relative(root, fs.realpathSync(require.resolve('kakao-openapi')))).toBe(path.join('packages', 'kakao-openapi', 'dist', 'src', 'index.js'));
  });

  it('type-checks against the published type declarations', { timeout: 120_000 }, () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'examples/tsconfig.json'], { cwd: root, stdio: 'pipe' });
  });

  it('runs the Login flow and its calls', async () => {
    const { main } = await import('../examples/login-flow.js');
    const kakao = fakeKakao();
    const lines: string[] = [];
    const result = await main({ fetch: kakao.fetch, log: (...args: unknown[]) => lines.push(args.join(' ')) });
    const seen = kakao.requests.map((r) => `${r.method} ${new URL(r.url).host}${new URL(r.url).pathname} ${r.headers.get('authorization') ?? '-'}`);
    expect(seen).toEqual([
      'GET kauth.kakao.com/oauth/authorize -',
      'POST kauth.kakao.com/oauth/token -',
      expect.stringMatching(/^GET kapi\.kakao\.com\/v2\/user\/me Bearer \S+$/),
      expect.stringMatching(/^GET kapi\.kakao\.com\/v1\/user\/access_token_info Bearer \S+$/),
      expect.stringMatching(/^POST kapi\.kakao\.com\/v1\/user\/logout Bearer \S+$/),
    ]);
    expect(typeof result.userId).toBe('number');
    expect(lines.length).toBe(4);
  });
});
