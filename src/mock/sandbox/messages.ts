// Kakao Talk messages: every message sent (to me or to friends) is recorded with sender,
// receivers, template and time, for `/__mock/` and for tests. Messages to friends go only to the
// sender's friends who use the app (else Kakao's -2 texts), never to the sender, and count
// against the sender's daily quota (-532, Kakao's text; the figure is configurable).
import { apiError, type MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import type { SandboxState, SandboxUser } from './state.js';
import { jsonText, ok } from './respond.js';


/** The day (Asia/Seoul) a moment falls on, as yyyy-MM-dd: the mock counts daily quotas per Korean day. */
const seoulDay = (ms: number) => new Date(ms + 9 * 3600 * 1000).toISOString().slice(0, 10);

/** Which template a send operation carries: the object itself, or the template ID and arguments, or the scraped URL. */
function templateOf(operationId: string, body: Json): Json {
  if (/Default/.test(operationId)) return { kind: 'default', template_object: jsonText(body.template_object) };
  if (/Scrap/.test(operationId)) return { kind: 'scrap', request_url: body.request_url, ...(body.template_id ? { template_id: body.template_id, template_args: jsonText(body.template_args) } : {}) };
  return { kind: 'custom', template_id: body.template_id, ...(body.template_args ? { template_args: jsonText(body.template_args) } : {}) };
}

export function createMessages(state: () => SandboxState, now: () => number) {
  const record = (entry: Json) => {
    const s = state();
    s.messages.push(entry);
    // Trimmed in batches (a tenth over the limit), not one message at a time.
    if (s.messages.length > s.limits.keepSent * 1.1) s.messages.splice(0, s.messages.length - s.limits.keepSent);
  };

  return {
    /** /v2/api/talk/memo/…: a message to the user's own chat. */
    sendMemo(user: SandboxUser, operationId: string, body: Json): MockResponse {
      record({ id: state().next_id++, operation: operationId, sender: user.id, receivers: [user.id], to_self: true, sent_at: new Date(now()).toISOString(), ...templateOf(operationId, body) });
      return ok({ result_code: 0 });
    },

    /** /v1/api/talk/friends/message/…: to friends, by uuid. */
    sendToFriends(user: SandboxUser, operationId: string, body: Json): MockResponse {
      const s = state();
      const uuids = jsonText(body.receiver_uuids);
      if (!Array.isArray(uuids)) return apiError(400, -2, 'Constraints on the parameter [receiver_uuids] are unsatisfied. The input receiver id(s) is invalid format.');
      if (uuids.length === 0) return apiError(400, -2, 'The Parameter [receiver_uuids] cannot be empty.');
      if (uuids.includes(user.uuid)) return apiError(400, -2, 'Cannot contain a receiver who is identical to the sender in multicast mode.');
      const found = uuids.map((uuid: unknown) => s.users.find((u) => u.uuid === uuid && u.linked && user.friends.includes(u.id)));
      const receivers = found.filter((r): r is SandboxUser => r !== undefined);
      if (receivers.length < found.length) return apiError(400, -2, 'Constraints on the parameter [receiver_uuids] are unsatisfied. Not allowed to send a message to some of receivers.');
      const key = `${user.id}/${seoulDay(now())}`;
      // Counted apart from the kept messages, which are trimmed; only today's counts are kept.
      const today = seoulDay(now());
      for (const k of Object.keys(s.message_quota)) if (!k.endsWith(today)) delete s.message_quota[k];
      const used = s.message_quota[key] ?? 0;
      if (used + receivers.length > s.limits.messagesPerSenderPerDay) return apiError(400, -532, 'daily message limit per sender has been exceeded.');
      s.message_quota[key] = used + receivers.length;
      record({
        id: s.next_id++,
        operation: operationId,
        sender: user.id,
        receivers: receivers.map((r) => r.id),
        receiver_uuids: uuids,
        sent_at: new Date(now()).toISOString(),
        ...templateOf(operationId, body),
      });
      return ok({ successful_receiver_uuids: uuids });
    },
  };
}
