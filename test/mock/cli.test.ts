// `npm run mock` as users run it, the bundle check, and the example app against the mock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckedBundle, startKakaoMock } from '../../src/mock/index.js';
import { root } from '../helpers/spec.js';
import { startMockCommand } from '../helpers/mock-process.js';

describe('npm run mock', () => {
  it('starts on the port asked for (here a free one), prints its URL, serves, and stops on SIGTERM', async () => {
    const child = startMockCommand([], 15_000);
    try {
      const url = await child.url;
      const res = await fetch(`${url}/v2/user/me`);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: -401, msg: 'this access token does not exist' });
    } finally {
      await child.stop();
    }
  });
});

describe('the bundle check', () => {
  it('refuses a bundle whose hash does not match generated/provenance.json, saying to rebuild', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-mock-'));
    try {
      fs.mkdirSync(path.join(dir, 'generated', 'openapi'), { recursive: true });
      fs.copyFileSync(path.join(root, 'generated', 'provenance.json'), path.join(dir, 'generated', 'provenance.json'));
      const bundle = fs.readFileSync(path.join(root, 'generated', 'openapi', 'kakao.json'), 'utf8');
      fs.writeFileSync(path.join(dir, 'generated', 'openapi', 'kakao.json'), bundle.replace('"Kakao REST API"', '"Edited by hand"'));
      expect(() => loadCheckedBundle(dir)).toThrow(/does not match .*provenance\.json.*npm run build/);
      fs.writeFileSync(path.join(dir, 'generated', 'openapi', 'kakao.json'), bundle);
      expect(loadCheckedBundle(dir).info.title).toBe('Kakao REST API');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('examples/login-flow.ts against the mock', () => {
  it('runs its Login flow and calls', async () => {
    // The example's redirect URI is its own site's: the sandbox must have it registered (the default registers localhost only).
    const mock = await startKakaoMock({ port: 0, keys: { restApiKey: 'fake-rest-api-key', clientSecret: 'fake-client-secret' }, seed: { app: { redirectUris: ['https://example.com/oauth/kakao/callback'] } } });
    try {
      const { main } = await import('../../examples/login-flow.js');
      const lines: string[] = [];
      const result = await main({ baseUrl: mock.url, log: (...a: unknown[]) => lines.push(a.join(' ')) });
      expect(result.userId).toBeTypeOf('number');
      expect(lines).toHaveLength(4);
    } finally {
      await mock.close();
    }
  });
});
