// Push notification tokens as a store (register, list, deregister) and every push sent recorded
// for `/__mock/`. Kakao's answers to register and send are the documented ones.
import type { MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import type { SandboxState } from './state.js';
import { ok } from './respond.js';

const list = (value: unknown): string[] => {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      return Array.isArray(parsed) ? parsed.map(String) : [String(parsed)];
    } catch {
      return [value];
    }
  }
  return Array.isArray(value) ? value.map(String) : [String(value)];
};

export function createPush(state: () => SandboxState, now: () => number) {
  const iso = () => new Date(now()).toISOString().replace(/\.\d{3}/, '');
  return {
    /** Stores (or refreshes) the device's token; the caller answers with the documented response. */
    register(body: Json): void {
      const s = state();
      const existing = s.push_tokens.find((t) => t.uuid === String(body.uuid) && t.device_id === body.device_id && t.push_type === body.push_type);
      if (existing) Object.assign(existing, { push_token: body.push_token, updated_at: iso() });
      else s.push_tokens.push({ uuid: String(body.uuid), device_id: body.device_id, push_type: body.push_type, push_token: body.push_token, created_at: iso(), updated_at: iso() });
    },
    list(query: Json): MockResponse {
      const uuids = [...list(query.uuid), ...list(query.uuids)];
      return ok(state().push_tokens.filter((t) => uuids.includes(t.uuid)).map((t) => ({ ...t })));
    },
    deregister(body: Json): MockResponse {
      const s = state();
      s.push_tokens = s.push_tokens.filter((t) => !(t.uuid === String(body.uuid) && t.device_id === body.device_id && t.push_type === body.push_type));
      return { status: 200 };
    },
    send(body: Json): MockResponse {
      const s = state();
      const uuids = list(body.uuids);
      let message: Json = body.push_message;
      try {
        message = JSON.parse(body.push_message);
      } catch {
        /* validated as JSON text already; keep the text otherwise */
      }
      s.pushes.push({ id: s.next_id++, uuids, devices: s.push_tokens.filter((t) => uuids.includes(t.uuid)).length, push_message: message, sent_at: iso() });
      if (s.pushes.length > s.limits.keepSent) s.pushes.splice(0, s.pushes.length - s.limits.keepSent);
      return { status: 200 };
    },
  };
}
