// The sandbox's state: one plain object (JSON-serialisable, so `GET /__mock/state` and tests can
// read it as it is), built from a seed. The default seed is the documented example user of the
// Kakao documents with two app-using friends; a seed file or `seed` in code declares others.
import fs from 'node:fs';
import YAML from 'yaml';
import type { Json } from '../operations.js';

/** Lifetimes and quotas. Each default names where it comes from; "mock's default" means Kakao's documents give no figure. */
export interface SandboxLimits {
  /** Seconds an access token lives. Default 43200 (12 h): the documented token example answers `expires_in: 43199`. */
  accessTokenSeconds: number;
  /** Seconds a refresh token lives. Default 5184000 (60 days): the documented token example's `refresh_token_expires_in`. */
  refreshTokenSeconds: number;
  /** A refresh renews the refresh token itself when it has less than this left. Default 30 days ("less than a month", Kakao's rule). */
  refreshRenewSeconds: number;
  /** Seconds an authorization code can be exchanged. Default 600: the mock's default (Kakao's documents give no lifetime). */
  codeSeconds: number;
  /** Codes kept unredeemed at once; the oldest is forgotten first. Default 10000: the mock's default, a memory bound. */
  maxLiveCodes: number;
  /** Whether a failed exchange (wrong PKCE verifier or redirect_uri) spends the code. Default true: the mock's default. */
  failedExchangeSpendsCode: boolean;
  /** Messages one user may send to friends per day (Asia/Seoul day) before `-532`. Default 100: the mock's default. */
  messagesPerSenderPerDay: number;
  /** Sent messages and pushes kept for `/__mock/` (oldest dropped). Default 1000: the mock's default, a memory bound. */
  keepSent: number;
}

export const defaultLimits: SandboxLimits = {
  accessTokenSeconds: 43200,
  refreshTokenSeconds: 5184000,
  refreshRenewSeconds: 30 * 24 * 3600,
  codeSeconds: 600,
  maxLiveCodes: 10000,
  failedExchangeSpendsCode: true,
  messagesPerSenderPerDay: 100,
  keepSent: 1000,
};

export interface SandboxApp {
  id: number;
  restApiKey: string;
  adminKey: string;
  clientSecret?: string;
  /** Registered redirect URIs; an entry of only a scheme and a host (`http://localhost`) registers every port and path on that host. */
  redirectUris: string[];
  /** Consent items configured for the app (scope IDs), with the names users see; a seed may give only the IDs. */
  consentItems: { id: string; display_name: string; revocable?: boolean }[];
  /** Service terms configured (Kakao Sync). */
  serviceTerms: { tag: string; required: boolean }[];
  /** Kakao Talk Channels connected to the app. */
  channels: { channel_uuid: string; channel_public_id: string }[];
}

export interface SandboxUser {
  id: number;
  /** The friends APIs' and messages' user handle. */
  uuid: string;
  connected_at: string;
  /** Whether the user is linked to the app (unlink sets false). */
  linked: boolean;
  /** kakao_account values, without the `*_needs_agreement` flags (the sandbox derives them from `agreed`). */
  account: Json;
  properties: Record<string, string>;
  /** Consent items the user agreed to. */
  agreed: string[];
  /** Service terms agreed: tag → when and through which API. */
  serviceTerms: Record<string, { agreed_at: string; agreed_by: string }>;
  talkProfile: Json;
  /** Friends, by user id (they must use the app to be listed or messaged). */
  friends: number[];
  /** Relation to each connected channel, by channel_public_id. */
  channels: Record<string, { relation: string; updated_at?: string }>;
}

export interface SeedToken {
  access_token: string;
  user_id: number;
  refresh_token?: string;
  /** Seconds from start; default limits.accessTokenSeconds. */
  expires_in?: number;
}

/** What a seed file or `seed` in code may declare; everything is optional and replaces the default part. */
export interface SandboxSeed {
  app?: Partial<Omit<SandboxApp, 'consentItems'>> & { consentItems?: (SandboxApp['consentItems'][number] | string)[] };
  users?: (Partial<SandboxUser> & { id: number })[];
  tokens?: SeedToken[];
  limits?: Partial<SandboxLimits>;
}

export interface AccessTokenRecord {
  user_id: number;
  scopes: string[];
  expires_at: number;
  refresh_token?: string;
  seeded?: boolean;
}
export interface RefreshTokenRecord {
  user_id: number;
  scopes: string[];
  expires_at: number;
  openid: boolean;
  nonce?: string;
}
export interface CodeRecord {
  user_id: number;
  redirect_uri: string;
  code_challenge?: string;
  scopes: string[];
  nonce?: string;
  expires_at: number;
}

export interface SandboxState {
  /** Milliseconds added to the real time: the mock's clock. */
  clock_offset_ms: number;
  limits: SandboxLimits;
  app: SandboxApp;
  users: SandboxUser[];
  /** The user signed in to Kakao in "the browser": who `/oauth/authorize` logs in (`POST /__mock/login` changes it). */
  signed_in_user: number;
  codes: Record<string, CodeRecord>;
  access_tokens: Record<string, AccessTokenRecord>;
  refresh_tokens: Record<string, RefreshTokenRecord>;
  calendars: Json[];
  events: Json[];
  tasks: Json[];
  messages: Json[];
  /** Receivers messaged per sender and day (`<user id>/<yyyy-MM-dd>`): what the daily quota counts. */
  message_quota: Record<string, number>;
  push_tokens: Json[];
  pushes: Json[];
  customer_files: Json[];
  next_id: number;
}

const resolveRef = (doc: Json, value: Json): Json => {
  for (let i = 0; value && typeof value.$ref === 'string' && i < 16; i++) {
    value = value.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n: Json, k: string) => n?.[k], doc);
  }
  return value;
};

/** A named (or the first) example of an operation's 200 response, from the document. */
export function documentedExample(doc: Json, path: string, method: string, name?: string): Json {
  const response = resolveRef(doc, doc.paths?.[path]?.[method]?.responses?.['200']);
  const media = response?.content?.['application/json'];
  if (!media) return undefined;
  if (name === undefined && media.example !== undefined) return media.example;
  const examples = media.examples ?? {};
  const example = name === undefined ? Object.values(examples)[0] : examples[name];
  return structuredClone(resolveRef(doc, example)?.value);
}

/** Every consent item some operation of the document names (`x-kakao-consent-items`), plus OpenID Connect's `openid`. */
function documentedConsentItems(doc: Json): string[] {
  const items = new Set<string>();
  for (const item of Object.values<Json>(doc.paths ?? {})) {
    for (const op of Object.values<Json>(item)) for (const id of op?.['x-kakao-consent-items'] ?? []) items.add(id);
  }
  items.add('openid');
  return [...items].sort();
}

/** The default seed: the documented example user (agreed to everything), two app-using friends from the friends example. */
export function defaultSeed(doc: Json, keys: { restApiKey: string; adminKey: string; clientSecret?: string }): { app: SandboxApp; users: SandboxUser[]; tokens: SeedToken[] } {
  const me = documentedExample(doc, '/v2/user/me', 'get', 'everything') ?? documentedExample(doc, '/v2/user/me', 'get') ?? { id: 123456789, kakao_account: {} };
  const account: Json = {};
  for (const [k, v] of Object.entries<Json>(me.kakao_account ?? {})) if (!k.endsWith('_needs_agreement')) account[k] = v;
  // Names and revocability as Kakao's examples of the consent APIs show them; the others are revocable (the mock's default).
  const scopeInfo = new Map<string, Json>();
  for (const example of ['all', 'selected']) for (const s of documentedExample(doc, '/v2/user/scopes', 'get', example)?.scopes ?? []) scopeInfo.set(s.id, { ...scopeInfo.get(s.id), ...s });
  for (const s of documentedExample(doc, '/v2/user/revoke/scopes', 'post')?.scopes ?? []) scopeInfo.set(s.id, { ...scopeInfo.get(s.id), ...s });
  const consentItems = documentedConsentItems(doc).map((id) => ({ id, display_name: scopeInfo.get(id)?.display_name ?? id, revocable: scopeInfo.get(id)?.revocable !== false }));
  const terms = documentedExample(doc, '/v2/user/service_terms', 'get', 'app')?.service_terms ?? [];
  const channelsExample = documentedExample(doc, '/v2/api/talk/channels', 'get')?.channels ?? [];
  const friendsExample = (documentedExample(doc, '/v1/api/talk/friends', 'get')?.elements ?? []).slice(0, 2);
  const profile = documentedExample(doc, '/v1/api/talk/profile', 'get') ?? {};
  const connected = me.connected_at ?? '2022-04-11T01:45:28Z';
  const allItems = consentItems.map((c) => c.id);
  const friends = friendsExample.map((f: Json, i: number) => ({
    id: Number(me.id) + i + 1,
    uuid: f.uuid,
    connected_at: connected,
    linked: true,
    account: { profile: { nickname: f.profile_nickname, thumbnail_image_url: f.profile_thumbnail_image, is_default_image: false, is_default_nickname: false } },
    properties: {},
    agreed: allItems,
    serviceTerms: {},
    talkProfile: { nickName: f.profile_nickname, thumbnailURL: f.profile_thumbnail_image, profileImageURL: f.profile_thumbnail_image },
    friends: [Number(me.id)],
    channels: {},
  }));
  return {
    app: {
      id: documentedExample(doc, '/v1/user/access_token_info', 'get')?.app_id ?? 1234,
      restApiKey: keys.restApiKey,
      adminKey: keys.adminKey,
      ...(keys.clientSecret ? { clientSecret: keys.clientSecret } : {}),
      redirectUris: ['http://localhost', 'http://127.0.0.1'],
      consentItems,
      serviceTerms: terms.map((t: Json) => ({ tag: t.tag, required: Boolean(t.required) })),
      channels: channelsExample.map((c: Json) => ({ channel_uuid: c.channel_uuid, channel_public_id: c.channel_public_id })),
    },
    users: [
      {
        id: Number(me.id),
        uuid: me.for_partner?.uuid ?? 'abcdefg0000',
        connected_at: connected,
        linked: true,
        account,
        properties: { ...(me.properties ?? {}) },
        agreed: allItems,
        serviceTerms: Object.fromEntries(terms.filter((t: Json) => t.agreed).map((t: Json) => [t.tag, { agreed_at: t.agreed_at, agreed_by: t.agreed_by }])),
        talkProfile: profile,
        friends: friends.map((f: Json) => f.id),
        channels: Object.fromEntries(channelsExample.map((c: Json) => [c.channel_public_id, { relation: c.relation, ...(c.updated_at ? { updated_at: c.updated_at } : {}) }])),
      },
      ...friends,
    ],
    tokens: [],
  };
}

/** Reads a seed file (JSON or YAML, by extension); errors name the file. */
export function readSeedFile(file: string): SandboxSeed {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`seed file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (error as Error).message}`);
  }
  let seed: Json;
  try {
    seed = /\.ya?ml$/i.test(file) ? YAML.parse(text, { prettyErrors: true }) : JSON.parse(text);
  } catch (error) {
    throw new Error(`seed file ${file}: ${(error as Error).message}`);
  }
  return checkSeed(seed, `seed file ${file}`);
}

/** The shape checks a seed needs so that later requests cannot crash on it; messages name the place. */
export function checkSeed(seed: Json, where = 'seed'): SandboxSeed {
  if (seed === null || typeof seed !== 'object' || Array.isArray(seed)) throw new Error(`${where}: must be an object with app, users, tokens or limits`);
  const unknown = Object.keys(seed).filter((k) => !['app', 'users', 'tokens', 'limits'].includes(k));
  if (unknown.length) throw new Error(`${where}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (expected app, users, tokens, limits)`);
  if (seed.users !== undefined) {
    if (!Array.isArray(seed.users)) throw new Error(`${where}: users must be a list`);
    seed.users.forEach((u: Json, i: number) => {
      if (!u || typeof u !== 'object' || !Number.isSafeInteger(u.id)) throw new Error(`${where}: users[${i}].id must be an integer`);
      for (const list of ['agreed', 'friends'] as const) if (u[list] !== undefined && !Array.isArray(u[list])) throw new Error(`${where}: users[${i}].${list} must be a list`);
    });
  }
  if (seed.tokens !== undefined) {
    if (!Array.isArray(seed.tokens)) throw new Error(`${where}: tokens must be a list`);
    seed.tokens.forEach((t: Json, i: number) => {
      if (typeof t?.access_token !== 'string' || !Number.isSafeInteger(t.user_id)) throw new Error(`${where}: tokens[${i}] needs access_token (string) and user_id (integer)`);
    });
  }
  if (seed.app?.redirectUris !== undefined && !Array.isArray(seed.app.redirectUris)) throw new Error(`${where}: app.redirectUris must be a list`);
  if (seed.limits !== undefined) {
    for (const [k, v] of Object.entries(seed.limits)) {
      if (!(k in defaultLimits)) throw new Error(`${where}: unknown limit "${k}" (known: ${Object.keys(defaultLimits).join(', ')})`);
      if (typeof v !== typeof defaultLimits[k as keyof SandboxLimits]) throw new Error(`${where}: limits.${k} must be a ${typeof defaultLimits[k as keyof SandboxLimits]}`);
    }
  }
  return seed;
}

/** A fresh state from the default seed with `seed` over it (users with a known id are merged, others added). */
export function buildState(doc: Json, keys: { restApiKey: string; adminKey: string; clientSecret?: string }, seed: SandboxSeed = {}, clockOffsetMs = 0): SandboxState {
  const base = defaultSeed(doc, keys);
  const limits = { ...defaultLimits, ...seed.limits };
  const items = (seed.app?.consentItems ?? base.app.consentItems).map((c) => (typeof c === 'string' ? { id: c, display_name: base.app.consentItems.find((d) => d.id === c)?.display_name ?? c, revocable: true } : c));
  const app: SandboxApp = { ...base.app, ...seed.app, consentItems: items };
  const users: SandboxUser[] = structuredClone(base.users) as SandboxUser[];
  for (const u of seed.users ?? []) {
    const existing = users.find((x) => x.id === u.id);
    const filled: SandboxUser = {
      uuid: `mock-uuid-${u.id}`,
      connected_at: '2022-04-11T01:45:28Z',
      linked: true,
      account: {},
      properties: {},
      agreed: app.consentItems.map((c) => c.id),
      serviceTerms: {},
      talkProfile: {},
      friends: [],
      channels: {},
      ...existing,
      ...structuredClone(u),
    } as SandboxUser;
    if (existing) users[users.indexOf(existing)] = filled;
    else users.push(filled);
  }
  const state: SandboxState = {
    clock_offset_ms: clockOffsetMs,
    limits,
    app,
    users,
    signed_in_user: users[0]!.id,
    codes: {},
    access_tokens: {},
    refresh_tokens: {},
    calendars: [],
    events: [],
    tasks: [],
    messages: [],
    message_quota: {},
    push_tokens: [],
    pushes: [],
    customer_files: [],
    next_id: 1,
  };
  const now = Date.now() + clockOffsetMs;
  for (const t of seed.tokens ?? []) {
    const user = users.find((u) => u.id === t.user_id);
    if (!user) throw new Error(`seed: tokens: user_id ${t.user_id} is not among the users`);
    const expires = now + (t.expires_in ?? limits.accessTokenSeconds) * 1000;
    state.access_tokens[t.access_token] = { user_id: t.user_id, scopes: [...user.agreed], expires_at: expires, seeded: true, ...(t.refresh_token ? { refresh_token: t.refresh_token } : {}) };
    if (t.refresh_token) state.refresh_tokens[t.refresh_token] = { user_id: t.user_id, scopes: [...user.agreed], expires_at: now + limits.refreshTokenSeconds * 1000, openid: false };
  }
  return state;
}

/** A fresh identifier of the sandbox's own (24 hex digits, the form Talk Calendar's event IDs take). */
export function newId(state: SandboxState): string {
  return (state.next_id++).toString(16).padStart(24, '0');
}
