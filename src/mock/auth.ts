// Kakao's credential rules, which Prism does not enforce for `KakaoAK`: the right kind of credential
// per operation, answered with Kakao's 401 bodies. Texts Kakao documents are used as they are; the
// mock's own explanations start with "mock:".
import { apiError, dapiError, invalidToken, type ErrorShape, type MockResponse } from './kakao-errors.js';

export interface MockKeys {
  /** The REST API key the mock accepts (`KakaoAK …`, and `client_id` on kauth). */
  restApiKey: string;
  /** The Admin key the mock accepts (`KakaoAK …`). */
  adminKey: string;
  /** When set, token requests must carry this client secret. */
  clientSecret?: string;
}

type Presented = 'accessToken' | 'restApiKey' | 'adminKey';

/** The security scheme a well-formed credential belongs to (after checkAuth accepted it). */
export function presentedScheme(authorization: string | undefined, keys: MockKeys): Presented | undefined {
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
  if (!match) return undefined;
  if (match[1]!.toLowerCase() === 'bearer') return 'accessToken';
  if (match[1] !== 'KakaoAK') return undefined;
  return match[2] === keys.adminKey ? 'adminKey' : match[2] === keys.restApiKey ? 'restApiKey' : undefined;
}

/** null when the request carries a credential the operation accepts; otherwise Kakao's error. */
export function checkAuth(security: string[][], authorization: string | undefined, keys: MockKeys, shape: ErrorShape = 'kapi'): MockResponse | null {
  if (security.length === 0 || security.some((alt) => alt.length === 0)) return null;
  if (shape === 'dapi') return checkDapiAuth(new Set(security.flat()), authorization, keys);
  const accepted = new Set(security.flat());
  const takesToken = accepted.has('accessToken');
  const match = /^(\S+)\s+(\S+)\s*$/.exec(authorization ?? '');
  if (!match) return takesToken ? invalidToken() : apiError(401, -401, 'no authentication key!');
  const [, scheme, value] = match;
  let presented: Presented;
  if (scheme!.toLowerCase() === 'bearer') presented = 'accessToken';
  else if (scheme === 'KakaoAK') {
    if (value === keys.adminKey) presented = 'adminKey';
    else if (value === keys.restApiKey) presented = 'restApiKey';
    else return apiError(401, -401, 'invalid app key.');
  } else return takesToken ? invalidToken() : apiError(401, -401, 'no authentication key!');
  if (accepted.has(presented)) return null;

  // Kakao's "appKeyType is ADMIN_KEY. but expected [...]" is for an API that takes only a platform
  // key: no kapi operation of the documents is one (those that take the REST API key take the Admin
  // key too), so a wrong kind of credential gets the mock's explanation (README, "Credentials").
  const wanted = [...accepted]
    .map((name) => ({ accessToken: "the user's access token (Bearer)", restApiKey: 'the REST API key (KakaoAK)', adminKey: 'the Admin key (KakaoAK)' })[name] ?? name)
    .join(' or ');
  return apiError(401, -401, `mock: this API takes ${wanted}`, takesToken ? { 'www-authenticate': 'Bearer error=invalid_token' } : {});
}

/**
 * dapi.kakao.com (Local, Search) answers `{errorType: 'AccessDeniedError', message}`; the texts are
 * bodies public projects recorded from the live API (Kakao documents none for this host).
 */
function checkDapiAuth(accepted: Set<string>, authorization: string | undefined, keys: MockKeys): MockResponse | null {
  const match = /^KakaoAK\s+(\S+)\s*$/.exec(authorization ?? '');
  if (!authorization?.startsWith('KakaoAK')) return dapiError(401, 'AccessDeniedError', 'cannot find Authorization : KakaoAK header');
  if (!match) return dapiError(401, 'AccessDeniedError', 'wrong appKey(null) format');
  const key = match[1];
  const presented = key === keys.restApiKey ? 'restApiKey' : key === keys.adminKey ? 'adminKey' : undefined;
  if (!presented) return dapiError(401, 'AccessDeniedError', `wrong appKey(${key}) format`);
  if (!accepted.has(presented)) return dapiError(401, 'AccessDeniedError', `mock: this API takes ${[...accepted].join(' or ')}`);
  return null;
}
