// The scripted integration story of the sandbox (issue #14), run through the client: once against
// the mock's server, once through the MSW handlers. Each step checks what a real integration would.
import { expect } from 'vitest';
import { authorizeUrl, createKakaoClient, createPkce, exchangeCode, refreshToken, verifyIdToken, type KakaoClient } from '../../src/index.js';
import type { SandboxSeed } from '../../src/mock/index.js';
import type { Json } from './spec.js';

export const STORY_USER = 424242;
const friend = (id: number, nickname: string) => ({ id, uuid: `story-uuid-${id}`, account: { profile: { nickname } }, friends: [STORY_USER] });
/**
 * A user of the story's own (so that other tests' requests, which name the documented example users,
 * cannot touch it) who agreed to fewer items than the app has: no gender, phone number, shipping
 * address or channels; with two app-using friends; and a daily quota of 4 receivers.
 */
export const storySeed: SandboxSeed = {
  users: [
    {
      id: STORY_USER,
      uuid: 'story-uuid-self',
      account: { profile: { nickname: 'Story user' }, email: 'story@example.com', is_email_valid: true, is_email_verified: true, gender: 'female', phone_number: '+82 10-0000-0000' },
      agreed: ['profile_nickname', 'profile_image', 'account_email', 'talk_message', 'friends', 'talk_calendar', 'talk_calendar_task', 'openid'],
      friends: [424243, 424244],
    },
    friend(424243, 'Friend one'),
    friend(424244, 'Friend two'),
  ],
  limits: { messagesPerSenderPerDay: 4 },
};

export interface StoryEnv {
  /** Client options that reach the mock (baseUrl for the server; nothing for MSW, which answers Kakao's hosts). */
  clientOptions: { baseUrl?: string; fetch?: (request: Request) => Promise<Response> };
  /** Where `/__mock/` is (the server's URL, or a Kakao host under MSW). */
  controlBase: string;
  restApiKey: string;
  redirectUri: string;
}

async function control(env: StoryEnv, path: string, body?: unknown) {
  const res = await fetch(`${env.controlBase}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(res.status, path).toBe(200);
  return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
}

export async function runStory(env: StoryEnv) {
  let accessToken = '';
  const app = createKakaoClient({ ...env.clientOptions, restApiKey: env.restApiKey });
  const kakao: KakaoClient = createKakaoClient({ ...env.clientOptions, restApiKey: env.restApiKey, accessToken: () => accessToken });

  // 1. Kakao Login with PKCE: the browser (signed in as the story's user) goes to authorize and comes back with a code.
  await control(env, '/__mock/login', { user_id: STORY_USER });
  const pkce = await createPkce();
  const url = await authorizeUrl(app, { redirect_uri: env.redirectUri, state: 'story-state', nonce: 'story-nonce', code_challenge: pkce.codeChallenge, code_challenge_method: 'S256' });
  const redirect = await fetch(url, { redirect: 'manual' });
  expect(redirect.status).toBe(302);
  const back = new URL(redirect.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(env.redirectUri);
  expect(back.searchParams.get('state')).toBe('story-state');
  const login = await exchangeCode(app, { code: back.searchParams.get('code')!, redirect_uri: env.redirectUri, code_verifier: pkce.codeVerifier });
  expect(login.error).toBeUndefined();
  accessToken = login.data!.access_token;
  const firstRefresh = login.data!.refresh_token!;
  expect(login.data!.id_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  // The client's own check: signature by the key the mock publishes at /.well-known/jwks.json, issuer, audience, nonce.
  expect(await verifyIdToken(app, login.data!.id_token!, { nonce: 'story-nonce' })).toMatchObject({ sub: String(STORY_USER), nickname: 'Story user' });
  const info = await app.POST('/oauth/tokeninfo', { body: { id_token: login.data!.id_token! } });
  expect(info.data).toMatchObject({ iss: 'https://kauth.kakao.com', aud: env.restApiKey, sub: String(STORY_USER), nonce: 'story-nonce' });

  // 2. /v2/user/me shows only what the user agreed to.
  const me = await kakao.GET('/v2/user/me');
  expect(me.error).toBeUndefined();
  expect(me.data!.id).toBe(STORY_USER);
  expect(me.data!.kakao_account).toMatchObject({ email_needs_agreement: false, email: 'story@example.com', gender_needs_agreement: true });
  expect(me.data!.kakao_account).not.toHaveProperty('gender');
  expect(me.data!.kakao_account).not.toHaveProperty('phone_number');

  // 3. A call that needs a consent item the user has not agreed to: -402 with required_scopes.
  const shipping = await kakao.GET('/v1/user/shipping_address');
  expect(shipping.error).toMatchObject({ kind: 'api', status: 403, code: -402, required_scopes: ['shipping_address'] });

  // 4. A calendar, a weekly event and a task; the month's list shows every occurrence.
  const created = await kakao.POST('/v2/api/calendar/create/calendar', { body: { name: 'Story', color: 'LIME' } });
  expect(created.error).toBeUndefined();
  const calendarId = (created.data as Json).calendar_id;
  const event = await kakao.POST('/v2/api/calendar/create/event', {
    body: { calendar_id: calendarId, event: { title: 'Weekly sync', time: { start_at: '2026-12-03T01:00:00Z', end_at: '2026-12-03T02:00:00Z', time_zone: 'Asia/Seoul' }, rrule: 'FREQ=WEEKLY' } as Json },
  });
  expect(event.error).toBeUndefined();
  const task = await kakao.POST('/v1/api/calendar/create/task', { body: { task: { content: 'Write the minutes' } as Json } });
  expect(task.error).toBeUndefined();
  const month = { calendar_id: calendarId, from: '2026-12-01T00:00:00Z', to: '2027-01-01T00:00:00Z' };
  const listed = await kakao.GET('/v2/api/calendar/events', { params: { query: month } });
  expect(listed.error).toBeUndefined();
  const starts = listed.data!.events!.map((e: Json) => e.time.start_at);
  expect(starts).toEqual(['2026-12-03T01:00:00Z', '2026-12-10T01:00:00Z', '2026-12-17T01:00:00Z', '2026-12-24T01:00:00Z', '2026-12-31T01:00:00Z']);
  const tasks = await kakao.GET('/v1/api/calendar/tasks', { params: { query: { from: '20261201', to: '20261231' } } });
  expect(((tasks.data as Json).tasks as Json[]).map((t) => t.content)).toEqual(['Write the minutes']);

  // 5. Update one occurrence, delete another, list again.
  const [, second, third] = listed.data!.events! as Json[];
  const moved = await kakao.POST('/v2/api/calendar/update/event/host', { body: { event_id: second.id, recur_update_type: 'THIS', event: { title: 'Sync (moved room)' } as Json } });
  expect(moved.error).toBeUndefined();
  const deleted = await kakao.DELETE('/v2/api/calendar/delete/event', { params: { query: { event_id: third.id, recur_update_type: 'THIS' } } });
  expect(deleted.error).toBeUndefined();
  const again = await kakao.GET('/v2/api/calendar/events', { params: { query: month } });
  expect(again.data!.events!.map((e: Json) => [e.time.start_at, e.title])).toEqual([
    ['2026-12-03T01:00:00Z', 'Weekly sync'],
    ['2026-12-10T01:00:00Z', 'Sync (moved room)'],
    ['2026-12-24T01:00:00Z', 'Weekly sync'],
    ['2026-12-31T01:00:00Z', 'Weekly sync'],
  ]);

  // 6. A feed message to two friends, found under /__mock/.
  const friends = await kakao.GET('/v1/api/talk/friends');
  const uuids = friends.data!.elements!.map((f: Json) => f.uuid);
  expect(uuids).toHaveLength(2);
  const feed = { object_type: 'feed', content: { title: 'Story dessert', description: 'Cake', image_url: 'https://example.com/cake.png', link: { web_url: 'https://example.com' } } };
  const sent = await kakao.POST('/v1/api/talk/friends/message/default/send', { body: { receiver_uuids: uuids, template_object: feed } as Json });
  expect(sent.error).toBeUndefined();
  expect((sent.data as Json).successful_receiver_uuids).toEqual(uuids);
  const recorded = (await control(env, '/__mock/messages')) as Json;
  expect(recorded.messages.at(-1)).toMatchObject({ sender: STORY_USER, receiver_uuids: uuids, template_object: feed });
  expect(await control(env, '/__mock/')).toContain('Story dessert');

  // 7. The daily quota (4 receivers in this seed): the second message fills it, the third is refused.
  expect((await kakao.POST('/v1/api/talk/friends/message/default/send', { body: { receiver_uuids: uuids, template_object: feed } as Json })).error).toBeUndefined();
  const over = await kakao.POST('/v1/api/talk/friends/message/default/send', { body: { receiver_uuids: uuids, template_object: feed } as Json });
  expect(over.error).toMatchObject({ kind: 'api', status: 400, code: -532 });

  // 8. The access token expires on the mock's clock; a refresh gives a new one (the refresh token, with
  // more than a month left, is not renewed).
  await control(env, '/__mock/clock', { advance: 12 * 3600 + 1 });
  expect((await kakao.GET('/v2/user/me')).error).toMatchObject({ kind: 'api', status: 401, code: -401 });
  const refreshed = await refreshToken(app, { refresh_token: firstRefresh });
  expect(refreshed.error).toBeUndefined();
  expect(refreshed.data).not.toHaveProperty('refresh_token');
  accessToken = refreshed.data!.access_token;
  expect((await kakao.GET('/v2/user/me')).data?.id).toBe(STORY_USER);

  // 9. Unlink: the token and the refresh token stop working.
  const unlinked = await kakao.POST('/v1/user/unlink');
  expect(unlinked.data).toEqual({ id: STORY_USER });
  expect((await kakao.GET('/v2/user/me')).error).toMatchObject({ kind: 'api', status: 401, code: -401 });
  expect((await refreshToken(app, { refresh_token: firstRefresh })).error).toMatchObject({ kind: 'auth', error_code: 'KOE322' });
}
