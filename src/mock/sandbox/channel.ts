// Kakao Talk Channel: each user's relation to the app's channels (from the seed; Kakao's users add
// and block channels in Kakao Talk, not through the API) and the channel's customer files as a store.
import { apiError, type MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import type { SandboxState, SandboxUser } from './state.js';
import { jsonText, ok } from './respond.js';


export function createChannel(state: () => SandboxState) {
  const relations = (user: SandboxUser, only?: string[]) =>
    state()
      .app.channels.filter((c) => !only || only.includes(c.channel_public_id))
      .map((c) => ({ ...c, relation: user.channels[c.channel_public_id]?.relation ?? 'NONE', ...(user.channels[c.channel_public_id]?.updated_at ? { updated_at: user.channels[c.channel_public_id]!.updated_at } : {}) }));
  /** `channel_ids` narrows to some channels, named by public ID (or by UUID with `channel_id_type=channel_uuid`). */
  const channelIds = (query: Json): string[] | undefined => {
    if (query.channel_ids === undefined) return undefined;
    const ids = (Array.isArray(query.channel_ids) ? query.channel_ids : String(query.channel_ids).split(',')).map((x: unknown) => String(x).trim());
    if (query.channel_id_type !== 'channel_uuid') return ids;
    return state().app.channels.filter((c) => ids.includes(c.channel_uuid)).map((c) => c.channel_public_id);
  };
  const files = () => state().customer_files;
  const fileOf = (body: Json) => files().find((f) => f.file_id === Number(body.file_id) && f.channel_public_id === body.channel_public_id);

  return {
    relation(user: SandboxUser, query: Json): MockResponse {
      return ok({ user_id: user.id, channels: relations(user, channelIds(query)) });
    },
    relations(users: SandboxUser[], query: Json): MockResponse {
      return ok(users.map((u) => ({ user_id: u.id, channels: relations(u, channelIds(query)) })));
    },
    createFile(body: Json): MockResponse {
      const s = state();
      const file = { file_id: s.next_id++, channel_public_id: body.channel_public_id, file_name: body.file_name, schema: jsonText(body.schema), users: [] as Json[] };
      s.customer_files.push(file);
      return ok({ file_id: file.file_id });
    },
    listFiles(query: Json): MockResponse {
      const mine = files().filter((f) => f.channel_public_id === query.channel_public_id);
      // `empty_slot` + `using_slot` is 30 in Kakao's documented example; the mock keeps that total.
      return ok({ results: mine.map(({ file_id, file_name, schema }) => ({ file_id, file_name, schema })), empty_slot: Math.max(0, 30 - mine.length), using_slot: mine.length });
    },
    addUsers(body: Json): MockResponse {
      const file = fileOf(body);
      if (!file) return apiError(400, -2, `mock: channel ${body.channel_public_id} has no customer file ${body.file_id}`);
      const users = jsonText(body.users);
      const list = Array.isArray(users) ? users : [];
      for (const u of list) {
        const existing = file.users.find((x: Json) => String(x.id) === String(u.id));
        if (existing) existing.field = u.field;
        else file.users.push({ id: u.id, field: u.field });
      }
      return ok({ request_count: list.length, success_count: list.length });
    },
    deleteUsers(body: Json): MockResponse {
      const file = fileOf(body);
      if (!file) return apiError(400, -2, `mock: channel ${body.channel_public_id} has no customer file ${body.file_id}`);
      const ids = (jsonText(body.user_ids) ?? []).map((u: Json) => String(u?.id ?? u));
      file.users = file.users.filter((u: Json) => !ids.includes(String(u.id)));
      return ok({});
    },
  };
}
