// Consent: what a user agreed to decides what the APIs return. `/v2/user/me` and the OIDC user
// info carry only agreed fields (the others marked `*_needs_agreement`); an operation whose consent
// items (the document's `x-kakao-consent-items`) the user has not agreed to gets Kakao's -402 with
// `required_scopes`; revoking consent and agreeing to service terms change what later calls see.
import { apiError, type MockResponse } from '../kakao-errors.js';
import type { Json } from '../operations.js';
import type { SandboxApp, SandboxUser } from './state.js';

/** kakao_account fields per consent item, and the `*_needs_agreement` flag Kakao sets when the item is not agreed. */
const ACCOUNT_FIELDS: { item: string; flag: string; fields: string[] }[] = [
  { item: 'profile_nickname', flag: 'profile_nickname_needs_agreement', fields: ['profile.nickname', 'profile.is_default_nickname'] },
  { item: 'profile_image', flag: 'profile_image_needs_agreement', fields: ['profile.thumbnail_image_url', 'profile.profile_image_url', 'profile.is_default_image'] },
  { item: 'name', flag: 'name_needs_agreement', fields: ['name'] },
  { item: 'account_email', flag: 'email_needs_agreement', fields: ['email', 'is_email_valid', 'is_email_verified'] },
  { item: 'age_range', flag: 'age_range_needs_agreement', fields: ['age_range'] },
  { item: 'birthyear', flag: 'birthyear_needs_agreement', fields: ['birthyear'] },
  { item: 'birthday', flag: 'birthday_needs_agreement', fields: ['birthday', 'birthday_type', 'is_leap_month'] },
  { item: 'gender', flag: 'gender_needs_agreement', fields: ['gender'] },
  { item: 'phone_number', flag: 'phone_number_needs_agreement', fields: ['phone_number'] },
  { item: 'account_ci', flag: 'ci_needs_agreement', fields: ['ci', 'ci_authenticated_at'] },
  { item: 'legal_name', flag: 'legal_name_needs_agreement', fields: ['legal_name'] },
  { item: 'legal_birth_date', flag: 'legal_birth_date_needs_agreement', fields: ['legal_birth_date'] },
  { item: 'legal_gender', flag: 'legal_gender_needs_agreement', fields: ['legal_gender'] },
  { item: 'is_korean', flag: 'is_korean_needs_agreement', fields: ['is_korean'] },
];
/** The older combined item `profile` stands for both nickname and image. */
const agreedTo = (agreed: string[], item: string) => agreed.includes(item) || (item.startsWith('profile_') && agreed.includes('profile'));

/** The profile items are alternatives (any one will do); every other listed item is needed. */
const PROFILE_ITEMS = new Set(['profile', 'profile_nickname', 'profile_image']);

/** The operations that list consent items to pick fields, not to refuse the call. */
const FIELD_PICKERS = new Set(['getUserMe', 'getUserMeViaPost', 'getMultipleUsers']);

/** Kakao's -402 (403): the items the call needs and the user has not agreed to; null when allowed. */
export function missingConsent(operationId: string, items: string[] | undefined, user: SandboxUser, app: SandboxApp): MockResponse | null {
  if (!items?.length || FIELD_PICKERS.has(operationId)) return null;
  const configured = new Set(app.consentItems.map((c) => c.id));
  const profile = items.filter((i) => PROFILE_ITEMS.has(i));
  const required = items.filter((i) => !PROFILE_ITEMS.has(i) && !user.agreed.includes(i));
  if (profile.length && !profile.some((i) => agreedTo(user.agreed, i))) required.unshift(profile.find((i) => configured.has(i)) ?? profile[0]!);
  if (required.length === 0) return null;
  const notConfigured = required.filter((i) => !configured.has(i));
  if (notConfigured.length) {
    // Kakao's -3 for a consent item the app has not enabled (text of Kakao's DevTalk guide, app name filled in by the mock).
    return apiError(403, -3, `[kakao-openapi-mock] App disabled [${notConfigured.join(', ')}] scopes for [${operationId}] API on developers.kakao.com. Enable it first.`);
  }
  return { ...apiError(403, -402, 'insufficient scopes.'), body: { code: -402, msg: 'insufficient scopes.', required_scopes: required, allowed_scopes: [...user.agreed] } };
}

function pick(source: Json, dotted: string): [boolean, unknown] {
  const [head, tail] = dotted.split('.') as [string, string?];
  if (!tail) return [source?.[head] !== undefined, source?.[head]];
  return [source?.[head]?.[tail] !== undefined, source?.[head]?.[tail]];
}

/**
 * The last kakao_account built per user, and what it was built from: `/v2/user/me` is the hottest
 * read. The account values only change through a new seed (new user objects); consent and the
 * app's configured items are in the key.
 */
const accounts = new WeakMap<SandboxUser, { key: string; source: Json; account: Json }>();

/** kakao_account as Kakao returns it to this app for this user: agreed values, `*_needs_agreement` for the rest; `propertyKeys` narrows. */
export function accountFor(user: SandboxUser, app: SandboxApp, propertyKeys?: string[]): Json {
  const key = `${user.agreed.join(',')}|${propertyKeys?.join(',') ?? '*'}|${app.consentItems.length}`;
  const cached = accounts.get(user);
  // Shared between answers: every transport serialises it, nothing changes it.
  if (cached?.key === key && cached.source === user.account) return cached.account;
  const account = buildAccount(user, app, propertyKeys);
  accounts.set(user, { key, source: user.account, account });
  return account;
}

function buildAccount(user: SandboxUser, app: SandboxApp, propertyKeys?: string[]): Json {
  const configured = new Set(app.consentItems.map((c) => c.id));
  const account: Json = {};
  // `kakao_account.` (with the dot) asks for the whole account, as `properties.` does for the properties.
  const wanted = (field: string) => !propertyKeys || propertyKeys.some((k) => k === 'kakao_account.' || k === `kakao_account.${field}` || k === `kakao_account.${field.split('.')[0]}`);
  for (const { item, flag, fields } of ACCOUNT_FIELDS) {
    const isConfigured = configured.has(item) || (item.startsWith('profile_') && configured.has('profile'));
    const present = fields.filter((f) => pick(user.account, f)[0]);
    if (!isConfigured || present.length === 0 || !present.some(wanted)) continue;
    const agreed = agreedTo(user.agreed, item);
    account[flag] = !agreed;
    if (!agreed) continue;
    for (const f of present) {
      const [head, tail] = f.split('.') as [string, string?];
      if (tail) (account[head] ??= {})[tail] = user.account[head][tail];
      else account[head] = user.account[head];
    }
  }
  return account;
}

/** The body of GET /v2/user/me for this user. */
export function userMe(user: SandboxUser, app: SandboxApp, propertyKeys?: string[]): Json {
  const body: Json = { id: user.id, connected_at: user.connected_at, kakao_account: accountFor(user, app, propertyKeys) };
  const props = Object.entries(user.properties).filter(([k]) => !propertyKeys || propertyKeys.includes(`properties.${k}`) || propertyKeys.includes('properties.'));
  if (props.length) body.properties = Object.fromEntries(props);
  if (!propertyKeys || propertyKeys.includes('for_partner.uuid')) body.for_partner = { uuid: user.uuid };
  return body;
}

/** OIDC user info claims (and the user claims of ID tokens) from the agreed items, in Kakao's OIDC names. */
export function userInfoClaims(user: SandboxUser, agreed: string[]): Json {
  const a = user.account ?? {};
  const claims: Json = { sub: String(user.id) };
  const has = (item: string) => agreedTo(agreed, item) && agreedTo(user.agreed, item);
  if (has('name') && a.name !== undefined) claims.name = a.name;
  if (has('profile_nickname') && a.profile?.nickname !== undefined) claims.nickname = a.profile.nickname;
  if (has('profile_image') && a.profile?.thumbnail_image_url !== undefined) claims.picture = a.profile.thumbnail_image_url;
  if (has('account_email') && a.email !== undefined) {
    claims.email = a.email;
    if (a.is_email_verified !== undefined) claims.email_verified = a.is_email_verified;
  }
  if (has('gender') && typeof a.gender === 'string') claims.gender = a.gender.toUpperCase();
  if (has('birthyear') && has('birthday') && a.birthyear && /^\d{4}$/.test(a.birthday ?? '')) claims.birthdate = `${a.birthyear}-${a.birthday.slice(0, 2)}-${a.birthday.slice(2)}`;
  if (has('phone_number') && a.phone_number !== undefined) {
    claims.phone_number = a.phone_number;
    claims.phone_number_verified = true;
  }
  return claims;
}

/** GET /v2/user/scopes (and the answer of revoke/scopes). */
export function scopesOf(user: SandboxUser, app: SandboxApp, only?: string[]): Json {
  const items = app.consentItems.filter((c) => !only || only.includes(c.id));
  return {
    id: user.id,
    scopes: items.map((c) => {
      const agreed = user.agreed.includes(c.id);
      return { id: c.id, display_name: c.display_name, type: 'PRIVACY', using: true, agreed, ...(agreed ? { revocable: c.revocable !== false } : {}) };
    }),
  };
}

/** POST /v2/user/revoke/scopes: drops revocable agreed items; -2 names a scope that cannot be revoked. */
export function revokeScopes(user: SandboxUser, app: SandboxApp, scopes: string[]): MockResponse | null {
  for (const id of scopes) {
    const item = app.consentItems.find((c) => c.id === id);
    if (!item) return apiError(400, -2, `mock: ${id} is not a consent item of the app`);
    if (item.revocable === false && user.agreed.includes(id)) return apiError(400, -2, `mock: ${id} cannot be revoked (required consent item)`);
  }
  user.agreed = user.agreed.filter((id) => !scopes.includes(id));
  return null;
}

/** GET /v2/user/service_terms. */
export function serviceTermsOf(user: SandboxUser, app: SandboxApp, tags?: string[]): Json {
  return {
    id: user.id,
    service_terms: app.serviceTerms
      .filter((t) => !tags || tags.includes(t.tag))
      .map((t) => {
        const agreed = user.serviceTerms[t.tag];
        return { tag: t.tag, required: t.required, agreed: Boolean(agreed), revocable: !t.required, ...(agreed ?? {}) };
      }),
  };
}
