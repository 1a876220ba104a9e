// Kakao's credential rules, which Prism does not enforce for `KakaoAK`: the right kind of credential
// per operation, answered with Kakao's 401 bodies. Texts Kakao documents are used as they are; the
// mock's own explanations start with "mock:".
import { apiError, invalidToken, type MockResponse } from './kakao-errors.js';

export interface MockKeys {
  /** The REST API key the mock accepts (`KakaoAK …`, and `client_id` on kauth). */
  restApiKey: string;
  /** The Admin key the mock accepts (`KakaoAK …`). */
  adminKey: string;
  /** When set, token requests must carry this client secret. */
  clientSecret?: string;
}

type Presented = 'accessToken' | 'restApiKey' | 'adminKey';

/** null when the request carries a credential the operation accepts; otherwise Kakao's error. */
export function checkAuth(security: string[][], authorization: string | undefined, keys: MockKeys): MockResponse | null {
  if (security.length === 0 || security.some((alt) => alt.length === 0)) return null;
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

  if (presented === 'adminKey' && accepted.has('restApiKey')) {
    return apiError(401, -401, 'appKeyType is ADMIN_KEY. but expected [NATIVE_APP_KEY, JAVASCRIPT_KEY, REST_API_KEY]');
  }
  const wanted = [...accepted]
    .map((name) => ({ accessToken: "the user's access token (Bearer)", restApiKey: 'the REST API key (KakaoAK)', adminKey: 'the Admin key (KakaoAK)' })[name] ?? name)
    .join(' or ');
  return apiError(401, -401, `mock: this API takes ${wanted}`, takesToken ? { 'www-authenticate': 'Bearer error=invalid_token' } : {});
}
