// Round trips for Talk Calendar's JSON-text objects: the client takes typed event and task objects
// (with recurrence), sends them as JSON text, and the mock parses and validates them against the
// same schemas — accepting the documented ones and refusing malformed ones with Kakao's -2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKakaoClient, type KakaoClient } from '../../src/index.js';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { recordingFetch } from '../helpers/fetch.js';
import { loadBundle, type Json } from '../helpers/spec.js';

const doc = loadBundle();
const example = (path: string, name: string, field: string) =>
  JSON.parse(doc.paths[path].post.requestBody.content['application/x-www-form-urlencoded'].examples[name].value[field]);

let mock: KakaoMock;
let kakao: KakaoClient;
beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, seed: { tokens: [{ access_token: 'fake-user-token', user_id: 123456789 }] } });
  kakao = createKakaoClient({ baseUrl: mock.url, accessToken: 'fake-user-token' });
});
afterAll(() => mock?.close());

describe('events with recurrence', () => {
  const recurring = example('/v2/api/calendar/create/event', 'recurring', 'event');

  it('the documented recurring event travels as JSON text and is accepted', async () => {
    expect(recurring.rrule).toMatch(/^FREQ=/);
    const { fetch, calls } = recordingFetch(() => new Response('{"event_id":"x"}', { headers: { 'content-type': 'application/json' } }));
    await createKakaoClient({ accessToken: 'fake', fetch }).POST('/v2/api/calendar/create/event', { body: { calendar_id: 'primary', event: recurring } });
    expect(JSON.parse(new URLSearchParams(calls[0]!.body).get('event')!)).toEqual(recurring);

    const { data, error } = await kakao.POST('/v2/api/calendar/create/event', { body: { calendar_id: 'primary', event: recurring } });
    expect(error).toBeUndefined();
    expect(data?.event_id).toBeTypeOf('string');
  });

  it.each([
    ['a title over 50 characters', { title: 'x'.repeat(51) }],
    ['an rrule that is not a string', { rrule: 7 }],
    ['a time without start_at', { time: { end_at: '2022-10-27T04:00:00Z', time_zone: 'Asia/Seoul' } }],
    ['an unknown colour', { color: 'OCHRE' }],
  ])('refuses %s with -2 naming `event`', async (_what, change) => {
    const { error } = await kakao.POST('/v2/api/calendar/create/event', { body: { calendar_id: 'primary', event: { ...recurring, ...change } as Json } });
    expect(error).toMatchObject({ kind: 'api', status: 400, code: -2 });
    expect((error as Json).msg).toContain('[event]');
  });
});

describe('tasks', () => {
  const task = example('/v1/api/calendar/create/task', 'dueWithAlarm', 'task');

  it('the documented task with a recurring due date is accepted', async () => {
    expect(task.due_info.recur.rrule).toMatch(/^FREQ=/);
    const { error } = await kakao.POST('/v1/api/calendar/create/task', { body: { task } });
    expect(error).toBeUndefined();
  });

  it.each([
    ['no content', { content: undefined }],
    ['a due date that is not yyyyMMdd', { due_info: { ...task.due_info, due_date: '2025-11-01' } }],
  ])('refuses a task with %s, with -2 naming `task`', async (_what, change) => {
    const { error } = await kakao.POST('/v1/api/calendar/create/task', { body: { task: JSON.parse(JSON.stringify({ ...task, ...change })) as Json } });
    expect(error).toMatchObject({ kind: 'api', status: 400, code: -2 });
    expect((error as Json).msg).toContain('[task]');
  });
});
