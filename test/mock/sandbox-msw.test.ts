// The sandbox in-process: the same integration story through the MSW handlers of
// `kakao-openapi-mock/msw`, on Kakao's own hosts, with no server; and the handlers share one state.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKakaoClient } from '../../src/index.js';
import { createKakaoHandlers } from '../../src/mock/msw.js';
import { runStory, storySeed, STORY_USER } from '../helpers/sandbox-story.js';

const kakao = createKakaoHandlers({ seed: storySeed });
const server = setupServer(...kakao.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('the sandbox story, through the MSW handlers', () => {
  it('answers for the four Kakao hosts', () => {
    expect(kakao.handlers.map((h) => h.info.path)).toEqual(['https://kauth.kakao.com/*', 'https://kapi.kakao.com/*', 'https://dapi.kakao.com/*', 'https://api-status.kakao.com/*']);
  });

  it('Login with PKCE → consent → calendar → messages → quota → expiry → refresh → unlink', async () => {
    await runStory({ clientOptions: {}, controlBase: 'https://kapi.kakao.com', restApiKey: kakao.keys.restApiKey, redirectUri: 'http://localhost:5173/callback' });
  });

  it('keeps one state for every host, readable in code', async () => {
    const last = kakao.sandbox!.state.messages.at(-1);
    expect(last).toMatchObject({ sender: STORY_USER, operation: 'sendDefaultMessage' });
    const search = await createKakaoClient({ restApiKey: kakao.keys.restApiKey }).GET('/v2/search/web', { params: { query: { query: 'kakao' } } });
    expect(search.error).toBeUndefined();
    expect(search.data?.documents?.length).toBeGreaterThan(0);
  });
});
