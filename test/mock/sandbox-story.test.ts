// The sandbox's integration story through the client against the mock's server (issue #14). Every
// JSON answer the sandbox makes up on the way must validate against the document's response schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperations } from '../../src/mock/operations.js';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { runStory, storySeed } from '../helpers/sandbox-story.js';
import { createAjv } from '../helpers/schema.js';
import { deref, escapePointer, loadBundle } from '../helpers/spec.js';

const doc = loadBundle();
const ajv = createAjv(doc);
const ops = loadOperations(doc);
const checked = new Set<string>();
const invalid: string[] = [];

/** The client's fetch: passes the request on, and checks each JSON success body against its schema. */
async function validatingFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  const { pathname } = new URL(request.url);
  const op = ops.find((o) => o.method === request.method && o.match(pathname));
  const media = op && doc.paths[op.path][op.method.toLowerCase()].responses[String(response.status)];
  // Only where Kakao's answer is described (the sandbox's own shapes, e.g. for tasks, have no schema).
  if (op && response.ok && deref(doc, media)?.content?.['application/json']) {
    const pointer = media.$ref ? `doc${media.$ref}` : `doc#/paths/${escapePointer(op.path)}/${op.method.toLowerCase()}/responses/${response.status}`;
    const body = await response.clone().text();
    if (body && (response.headers.get('content-type') ?? '').includes('json')) {
      const validate = ajv.compile({ $ref: `${pointer}/content/application~1json/schema` });
      checked.add(op.operationId);
      if (!validate(JSON.parse(body))) invalid.push(`${op.operationId}: ${ajv.errorsText(validate.errors)}`);
    }
  }
  return response;
}

let mock: KakaoMock;
beforeAll(async () => {
  mock = await startKakaoMock({ port: 0, seed: storySeed });
});
afterAll(() => mock?.close());

describe('the sandbox story, through the client against the server', () => {
  it('Login with PKCE → consent → calendar → messages → quota → expiry → refresh → unlink', async () => {
    await runStory({ clientOptions: { baseUrl: mock.url, fetch: validatingFetch }, controlBase: mock.url, restApiKey: mock.keys.restApiKey, redirectUri: 'http://localhost:3000/callback' });
  });

  it("answers that validate against the document's schemas", () => {
    expect(invalid).toEqual([]);
    expect([...checked]).toEqual(expect.arrayContaining(['issueToken', 'getUserMe', 'createCalendarEvent', 'listCalendarEvents', 'listFriends', 'sendDefaultMessage', 'unlinkUser']));
  });
});
