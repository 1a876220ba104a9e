// Example: a browser app on `kakao-openapi/lite`, as a user of the package writes it. The client is
// given only the operations the page calls, so a bundler ships only their routing (`npm run bench`:
// 4.46 kB min+gz for an app making one call). The page holds the user's access token only: the
// Admin key and the client secret stay on your server, and the client refuses them here.
// test/example-app.test.ts runs it against a stand-in for Kakao.
import { createKakaoClient } from 'kakao-openapi/lite';
import { getUserMe, listFriends } from 'kakao-openapi/operations';

export interface PageOptions {
  /** The signed-in user's access token (from your server's Kakao Login, or Kakao's JavaScript SDK). */
  accessToken: string;
  /** The fetch to use (a test's stand-in, or the browser's). */
  fetch?: (request: Request) => Promise<Response>;
  log?: (line: string) => void;
}

export async function showProfile({ accessToken, fetch, log = console.log }: PageOptions) {
  const kakao = createKakaoClient({ accessToken, fetch, operations: [getUserMe, listFriends] });

  const me = await kakao.GET('/v2/user/me', { params: { query: { property_keys: ['kakao_account.profile'] } } });
  // -401: the token has expired; send the user through Kakao Login again.
  if (me.error) return log(`could not read the profile: ${me.error.kind} ${me.error.status}`);
  log(`signed in as ${me.data.kakao_account?.profile?.nickname ?? me.data.id}`);

  // Needs the friends consent item; -402 names what to ask for in required_scopes.
  const friends = await kakao.GET('/v1/api/talk/friends', { params: { query: { limit: 10 } } });
  if (friends.error) return log(`no friends list: ${friends.error.kind === 'api' ? friends.error.code : friends.error.status}`);
  for (const friend of friends.data.elements ?? []) log(`friend: ${friend.profile_nickname}`);
  return { id: me.data.id, friends: friends.data.elements?.length ?? 0 };
}
