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

describe('examples/multi-user-server.ts', () => {
  it('serves several users with their own tokens, refreshing an expired one once', async () => {
    const { createServer } = await import('../examples/multi-user-server.js');
    const kakao = fakeKakao();
    let issued = 0;
    // The stand-in: each code exchange issues tokens for another user; the first user's access
    // token has expired (Kakao's -401) until it is refreshed.
    const fetch = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === '/oauth/token') {
        const form = new URLSearchParams(await request.clone().text());
        kakao.requests.push(request);
        // A refresh renews only the access token (Kakao sends a refresh token only when it renews that too).
        const body =
          form.get('grant_type') === 'refresh_token'
            ? { token_type: 'bearer', access_token: 'fresh-token-1', expires_in: 43199 }
            : { token_type: 'bearer', access_token: ++issued === 1 ? 'expired-token-1' : `token-${issued}`, expires_in: 43199, refresh_token: `refresh-${issued}`, refresh_token_expires_in: 5183999 };
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      }
      if (request.headers.get('authorization') === 'Bearer expired-token-1') {
        kakao.requests.push(request);
        return new Response(JSON.stringify({ code: -401, msg: 'this access token is already expired' }), { status: 401, headers: { 'content-type': 'application/json' } });
      }
      return kakao.fetch(request);
    };
    const lines: string[] = [];
    const server = createServer({ fetch, log: (line) => lines.push(line) });
    await server.login('alice', 'code-a');
    await server.login('bob', 'code-b');
    const [alice, bob] = await Promise.all([server.profile('alice'), server.profile('bob')]);
    expect(alice).toMatchObject({ id: expect.any(Number) });
    expect(bob).toMatchObject({ id: expect.any(Number) });
    expect(server.sessions.get('alice')).toEqual({ access_token: 'fresh-token-1', refresh_token: 'refresh-1' });
    expect(await server.tokenInfo('token-from-elsewhere')).toEqual(expect.any(Number));
    const seen = kakao.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.headers.get('authorization') ?? '-'}`);
    expect(seen).toEqual([
      'POST /oauth/token -',
      'POST /oauth/token -',
      'GET /v2/user/me Bearer expired-token-1',
      'GET /v2/user/me Bearer token-2',
      'POST /oauth/token -',
      'GET /v2/user/me Bearer fresh-token-1',
      'GET /v1/user/access_token_info Bearer token-from-elsewhere',
    ]);
    expect(lines.join('\n')).not.toMatch(/token-|refresh-|fake-client-secret|fake-rest-api-key/);
    expect(lines).toContain('getUserMe attempt 1: 401 in ' + lines.find((l) => l.startsWith('getUserMe attempt 1: 401'))!.split(' in ')[1]);
  });
});

describe('examples/browser-lite.ts', () => {
  it('reads the profile and the friends through the lite client', async () => {
    const { showProfile } = await import('../examples/browser-lite.js');
    const kakao = fakeKakao();
    const lines: string[] = [];
    const result = await showProfile({ accessToken: 'fake-user-token', fetch: kakao.fetch, log: (line) => lines.push(line) });
    expect(result).toMatchObject({ id: expect.any(Number), friends: expect.any(Number) });
    expect(kakao.requests.map((r) => `${r.method} ${new URL(r.url).host}${new URL(r.url).pathname} ${r.headers.get('authorization')}`)).toEqual([
      'GET kapi.kakao.com/v2/user/me Bearer fake-user-token',
      'GET kapi.kakao.com/v1/api/talk/friends Bearer fake-user-token',
    ]);
    expect(lines[0]).toMatch(/^signed in as /);
  });
});
