// The sandbox's integration story through the client against the mock's server (issue #14).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { runStory, storySeed } from '../helpers/sandbox-story.js';

let mock: KakaoMock;
beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, seed: storySeed });
});
afterAll(() => mock?.close());

describe('the sandbox story, through the client against the server', () => {
  it('Login with PKCE → consent → calendar → messages → quota → expiry → refresh → unlink', async () => {
    await runStory({ clientOptions: { baseUrl: mock.url }, controlBase: mock.url, restApiKey: mock.keys.restApiKey, redirectUri: 'http://localhost:3000/callback' });
  });
});
