// The sandbox: Kakao's stateful behaviour over one plain state object. The core calls it after
// routing, credential checks and request validation; it answers what has state in Kakao (Login,
// users and consent, calendars, messages, push tokens, channels) and leaves the rest (Local,
// Search, holidays, …) to the documented examples by answering `undefined`.
import { apiError, authError, invalidToken, type MockResponse } from '../kakao-errors.js';
import type { MockKeys } from '../auth.js';
import type { Json, MockOperation } from '../operations.js';
import { createCalendar } from './calendar.js';
import { createChannel } from './channel.js';
import { missingConsent, revokeScopes, scopesOf, serviceTermsOf, userInfoClaims, userMe } from './consent.js';
import { createMessages } from './messages.js';
import { control, type Controls } from './pages.js';
import { createPush } from './push.js';
import { buildState, checkSeed, documentedExample, readSeedFile, type SandboxSeed, type SandboxState, type SandboxUser } from './state.js';
import { createTokens, koePage } from './tokens.js';
import { jsonText, ok } from './respond.js';

export type { SandboxLimits, SandboxSeed, SandboxState, SandboxUser, SandboxApp } from './state.js';
export { defaultLimits, readSeedFile } from './state.js';

export interface SandboxOptions {
  doc: Json;
  keys: MockKeys;
  /** A seed (or the path of a JSON/YAML seed file) over the default one. */
  seed?: SandboxSeed | string;
}

/** Who is calling: a user (by access token), the app's Admin key, or its REST API key. */
export type Caller = { kind: 'user'; user: SandboxUser; token: string; scopes: string[] } | { kind: 'admin' } | { kind: 'app' } | { kind: 'none' };

export interface SandboxRequest {
  op: MockOperation;
  caller: Caller;
  query: Json;
  body: Json;
  /** `http://host:port` of the request, for the next-page links the sandbox writes. */
  origin: string;
}

export interface Sandbox {
  /** The state as it is now (one plain object; treat it as read-only, or change it knowing what you do). */
  readonly state: SandboxState;
  /** Back to the seed (or to a new seed). Issued tokens and codes are forgotten; the clock keeps its offset. */
  reset(seed?: SandboxSeed): void;
  /** The mock's clock. */
  now(): Date;
  /** Moves the clock: `advance` seconds forward, or to `now`. */
  setClock(change: { advance?: number; now?: string | Date }): void;
  /** Who presents this credential; a Kakao error for a Bearer token the sandbox did not issue. */
  authenticate(op: MockOperation, authorization: string | undefined): Caller | MockResponse;
  handle(req: SandboxRequest): Promise<MockResponse | undefined>;
  /** `/__mock/…`: the page of sent messages and the control API. */
  control(method: string, pathname: string, body: string): MockResponse;
  /** The app's keys as the seed declares them (the mock's keys unless the seed sets others). */
  keys(): MockKeys;
}

const list = (value: unknown): string[] => {
  const parsed = jsonText(value);
  if (Array.isArray(parsed)) return parsed.map(String);
  return value === undefined ? [] : String(value).split(',').map((s) => s.trim()).filter(Boolean);
};

/**
 * Whether Kakao would accept `uri` as a registered redirect URI. An entry with only a scheme and a
 * host (`http://localhost`) registers every port and path on that host; any other entry only itself.
 */
export function isRegistered(registered: string[], uri: string): boolean {
  let target: URL;
  try {
    target = new URL(uri);
  } catch {
    return false;
  }
  return registered.some((entry) => {
    if (entry === uri) return true;
    const m = /^(https?):\/\/([^/:?#]+)\/?$/i.exec(entry);
    return Boolean(m) && target.protocol === `${m![1]!.toLowerCase()}:` && target.hostname === m![2]!.toLowerCase();
  });
}

export function createSandbox({ doc, keys, seed }: SandboxOptions): Sandbox {
  const initialSeed: SandboxSeed = typeof seed === 'string' ? readSeedFile(seed) : seed ? checkSeed(structuredClone(seed)) : {};
  let currentSeed = initialSeed;
  let state = buildState(doc, keys, currentSeed);
  const get = () => state;
  const now = () => Date.now() + state.clock_offset_ms;
  const tokens = createTokens(get, now);
  const calendar = createCalendar(get, now);
  const messages = createMessages(get, now);
  const push = createPush(get, now);
  const channel = createChannel(get);

  const userById = (id: unknown) => state.users.find((u) => String(u.id) === String(id) && u.linked);
  /** The user an Admin-key call names (`target_id_type=user_id&target_id=…`), or Kakao's -101 (not linked to the app). */
  const target = (caller: Caller, input: Json): SandboxUser | MockResponse => {
    if (caller.kind === 'user') return caller.user;
    if (input?.target_id === undefined) return apiError(400, -2, 'The Parameter [target_id] cannot be null.');
    return userById(input.target_id) ?? apiError(400, -101, `mock: user ${input.target_id} is not linked to the app`);
  };

  async function authorize(query: Json): Promise<MockResponse> {
    if (query.client_id !== state.app.restApiKey) return koePage('KOE101', `Not exist client_id [${query.client_id ?? ''}]: the app key is not the REST API key of an app.`, 401);
    if (!isRegistered(state.app.redirectUris, String(query.redirect_uri))) {
      return koePage('KOE006', `The redirect_uri is not registered for the app: ${String(query.redirect_uri)} (registered: ${state.app.redirectUris.join(', ')}).`);
    }
    const user = userById(state.signed_in_user) ?? state.users.find((u) => u.id === state.signed_in_user);
    if (!user) return koePage('mock', 'mock: the signed-in user of POST /__mock/login is not among the users.', 500);
    // Logging in (again) links the user; additional consent (`scope`) is agreed in "the browser".
    user.linked = true;
    const configured = new Set(state.app.consentItems.map((c) => c.id));
    for (const id of list(query.scope)) if (configured.has(id) && !user.agreed.includes(id)) user.agreed.push(id);
    if (user.agreed.length === 0) user.agreed = [...configured];
    const code = tokens.newCode(user, {
      redirect_uri: String(query.redirect_uri),
      scopes: [...user.agreed],
      ...(query.code_challenge ? { code_challenge: String(query.code_challenge) } : {}),
      ...(query.nonce ? { nonce: String(query.nonce) } : {}),
    });
    const location = new URL(String(query.redirect_uri));
    location.searchParams.set('code', code);
    if (query.state !== undefined) location.searchParams.set('state', String(query.state));
    return { status: 302, headers: { location: location.toString() } };
  }

  async function token(body: Json): Promise<MockResponse> {
    if (body.client_id !== state.app.restApiKey) return authError(401, 'invalid_client', `Not exist client_id [${body.client_id ?? ''}]`, 'KOE101');
    if (state.app.clientSecret !== undefined && body.client_secret !== state.app.clientSecret) return authError(401, 'invalid_client', 'Bad client credentials', 'KOE010');
    return body.grant_type === 'refresh_token' ? tokens.refresh(body) : tokens.exchange(body);
  }

  async function handle({ op, caller, query, body, origin }: SandboxRequest): Promise<MockResponse | undefined> {
    const input = { ...query, ...body };
    const user = caller.kind === 'user' ? caller.user : undefined;
    if (user) {
      const refused = missingConsent(op.operationId, (doc.paths[op.path][op.method.toLowerCase()] as Json)['x-kakao-consent-items'], user, state.app);
      if (refused) return refused;
    }
    const asUser = (run: (u: SandboxUser) => MockResponse | Promise<MockResponse>) => {
      const u = target(caller, input);
      return 'status' in u ? u : run(u);
    };
    switch (op.operationId) {
      case 'getAuthorizationCode':
        return authorize(query);
      case 'issueToken':
        return token(body);
      case 'getOidcJwks':
        return tokens.jwks();
      case 'getOidcDiscovery': {
        // Kakao's document, with the endpoints (the JWKS above all) where this mock answers them; the issuer stays Kakao's, as in the ID tokens.
        const discovery = documentedExample(doc, op.path, 'get');
        if (!discovery || /\.kakao\.com$/.test(new URL(origin).hostname)) return undefined;
        for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
          if (typeof discovery[key] === 'string') discovery[key] = `${origin}${new URL(discovery[key]).pathname}`;
        }
        return ok(discovery);
      }
      case 'getIdTokenInfo':
        return tokens.tokenInfo(body?.id_token);
      case 'getAccessTokenInfo': {
        if (caller.kind !== 'user') return undefined;
        const record = tokens.lookup(caller.token)!;
        return ok({ id: caller.user.id, expires_in: Math.max(0, Math.floor((record.expires_at - now()) / 1000)), app_id: state.app.id });
      }
      case 'logoutUser':
        return asUser((u) => {
          if (caller.kind === 'user') tokens.revoke(caller.token);
          else tokens.revokeUser(u.id);
          return ok({ id: u.id });
        });
      case 'unlinkUser':
        return asUser((u) => {
          tokens.revokeUser(u.id);
          u.linked = false;
          u.agreed = [];
          u.serviceTerms = {};
          return ok({ id: u.id });
        });
      case 'getUserMe':
      case 'getUserMeViaPost':
        return asUser((u) => ok(userMe(u, state.app, input.property_keys ? list(input.property_keys) : undefined)));
      case 'getMultipleUsers': {
        const ids = list(query.target_ids);
        return ok(state.users.filter((u) => u.linked && ids.includes(String(u.id))).map((u) => userMe(u, state.app, query.property_keys ? list(query.property_keys) : undefined)));
      }
      case 'listUserIds': {
        const ids = state.users.filter((u) => u.linked).map((u) => u.id).sort((a, b) => (query.order === 'desc' ? b - a : a - b));
        const from = query.from_id !== undefined ? Number(query.from_id) : undefined;
        const after = from === undefined ? ids : ids.filter((id) => (query.order === 'desc' ? id < from : id > from));
        return ok({ elements: after.slice(0, Number(query.limit ?? 100)) });
      }
      case 'updateUserProperties':
        return asUser((u) => {
          const properties = jsonText(body.properties);
          for (const [k, v] of Object.entries<unknown>(properties ?? {})) {
            if (v === null) delete u.properties[k];
            else u.properties[k] = String(v);
          }
          return ok({ id: u.id });
        });
      case 'getConsentScopes':
        return asUser((u) => ok(scopesOf(u, state.app, query.scopes ? list(query.scopes) : undefined)));
      case 'revokeConsentScopes':
        return asUser((u) => {
          const scopes = list(body.scopes);
          const refused = revokeScopes(u, state.app, scopes);
          if (refused) return refused;
          for (const record of Object.values(state.access_tokens)) if (record.user_id === u.id) record.scopes = record.scopes.filter((s) => !scopes.includes(s));
          return ok(scopesOf(u, state.app));
        });
      case 'getServiceTerms':
        return asUser((u) => ok(serviceTermsOf(u, state.app, query.tags ? list(query.tags) : undefined)));
      case 'upgradeServiceTerms':
        return asUser((u) => {
          const tags = list(body.tags);
          const unknown = tags.find((t) => !state.app.serviceTerms.some((x) => x.tag === t));
          if (unknown) return apiError(400, -2, `mock: ${unknown} is not a service term of the app`);
          const at = new Date(now()).toISOString().replace(/\.\d{3}/, '');
          for (const t of tags) u.serviceTerms[t] ??= { agreed_at: at, agreed_by: 'KAPI' };
          return ok({ id: u.id, agreed_service_terms: tags.map((t) => ({ tag: t, agreed: true, ...u.serviceTerms[t] })) });
        });
      case 'revokeServiceTerms':
        return asUser((u) => {
          const tags = list(body.tags);
          const required = tags.find((t) => state.app.serviceTerms.find((x) => x.tag === t)?.required);
          if (required) return apiError(400, -2, `mock: ${required} is a required service term and cannot be revoked`);
          for (const t of tags) delete u.serviceTerms[t];
          return ok({ id: u.id, revoked_service_terms: tags.map((t) => ({ tag: t, agreed: false })) });
        });
      case 'getOidcUserInfo':
        return user ? ok(userInfoClaims(user, caller.kind === 'user' ? caller.scopes : [])) : undefined;
      case 'getTalkProfile':
        return user ? ok({ ...user.talkProfile }) : undefined;
      case 'listFriends': {
        if (!user) return undefined;
        const friends = user.friends.map((id) => userById(id)).filter((f): f is SandboxUser => Boolean(f));
        const offset = Number(query.offset ?? 0);
        const limit = Number(query.limit ?? 10);
        const page = friends.slice(offset, offset + limit);
        const element = (f: SandboxUser) => ({
          uuid: f.uuid,
          favorite: false,
          profile_nickname: f.talkProfile?.nickName ?? f.account?.profile?.nickname,
          profile_thumbnail_image: f.talkProfile?.thumbnailURL ?? f.account?.profile?.thumbnail_image_url,
        });
        const out: Json = { elements: page.map(element), total_count: friends.length, favorite_count: 0 };
        if (offset + limit < friends.length) out.after_url = `${origin}/v1/api/talk/friends?offset=${offset + limit}&limit=${limit}&order=${query.order ?? 'asc'}`;
        if (offset > 0) out.before_url = `${origin}/v1/api/talk/friends?offset=${Math.max(0, offset - limit)}&limit=${limit}&order=${query.order ?? 'asc'}`;
        return ok(out);
      }
      case 'sendDefaultMemo':
      case 'sendCustomMemo':
      case 'sendScrapMemo':
        return user ? messages.sendMemo(user, op.operationId, body) : undefined;
      case 'sendDefaultMessage':
      case 'sendCustomMessage':
      case 'sendScrapMessage':
        return user ? messages.sendToFriends(user, op.operationId, body) : undefined;
      case 'checkChannelRelationship':
        return asUser((u) => channel.relation(u, query));
      case 'checkMultipleChannelRelationships':
        return channel.relations(list(query.target_ids).map((id) => userById(id)).filter((u): u is SandboxUser => Boolean(u)), query);
      case 'registerChannelCustomerFile':
        return channel.createFile(body);
      case 'viewChannelCustomerFiles':
        return channel.listFiles(query);
      case 'addChannelCustomerFileUsers':
        return channel.addUsers(body);
      case 'deleteChannelCustomerFileUsers':
        return channel.deleteUsers(body);
      case 'registerPushToken':
        push.register(body);
        return undefined; // Kakao's documented answer
      case 'listPushTokens':
        return push.list(query);
      case 'listPushTokensViaPost':
        return push.list(body);
      case 'deregisterPushToken':
        return push.deregister(body);
      case 'sendPushNotifications':
        return push.send(body);
    }
    if (!user) return undefined;
    switch (op.operationId) {
      case 'listCalendars':
        return calendar.listCalendars(user);
      case 'createSubCalendar':
        return calendar.createCalendar(user, body);
      case 'editSubCalendar':
        return calendar.updateCalendar(user, body);
      case 'deleteSubCalendar':
        return calendar.deleteCalendar(user, query);
      case 'createCalendarEvent':
        return calendar.createEvent(user, body);
      case 'listCalendarEvents':
        return calendar.listEvents(user, query, origin);
      case 'getCalendarEvent':
        return calendar.getEvent(user, query);
      case 'editCalendarEventAsHost':
        return calendar.updateEvent(user, body);
      case 'deleteCalendarEvent':
        return calendar.deleteEvent(user, query);
      case 'createCalendarTask':
        return calendar.createTask(user, body);
      case 'listCalendarTasks':
        return calendar.listTasks(user, query);
      case 'editCalendarTask':
        return calendar.updateTask(user, body);
      case 'setCalendarTaskCompletion':
        return calendar.completeTask(user, body);
      case 'deleteCalendarTask':
        return calendar.deleteTask(user, query);
    }
    return undefined;
  }

  const controls: Controls = {
    state: () => state,
    reset: (next) => {
      if (next !== undefined) currentSeed = checkSeed(next, 'POST /__mock/reset');
      state = buildState(doc, keys, currentSeed, state.clock_offset_ms);
    },
    now: () => new Date(now()),
    setClock: ({ advance, now: at }) => {
      if (at !== undefined) state.clock_offset_ms = new Date(at).getTime() - Date.now();
      if (advance !== undefined) state.clock_offset_ms += advance * 1000;
    },
    login: (userId) => {
      if (!state.users.some((u) => u.id === userId)) return false;
      state.signed_in_user = userId;
      return true;
    },
  };

  return {
    get state() {
      return state;
    },
    reset: (next) => controls.reset(next),
    now: () => controls.now(),
    setClock: (change) => controls.setClock(change as { advance?: number; now?: string }),
    authenticate(op, authorization) {
      const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
      if (!match) return { kind: 'none' };
      const [, scheme, value] = match;
      if (scheme!.toLowerCase() === 'bearer' && op.security.some((alt) => alt.includes('accessToken'))) {
        const record = tokens.lookup(value!);
        const user = record && userById(record.user_id);
        if (!record || !user) return invalidToken();
        return { kind: 'user', user, token: value!, scopes: record.scopes };
      }
      if (scheme === 'KakaoAK') return value === state.app.adminKey ? { kind: 'admin' } : { kind: 'app' };
      return { kind: 'none' };
    },
    handle,
    control: (method, pathname, body) => control(method, pathname, body, controls),
    keys: () => ({ restApiKey: state.app.restApiKey, adminKey: state.app.adminKey, ...(state.app.clientSecret !== undefined ? { clientSecret: state.app.clientSecret } : {}) }),
  };
}
