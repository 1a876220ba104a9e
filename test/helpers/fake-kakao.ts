// A stand-in for Kakao inside an injected fetch: each operation of the combined document answers
// with its first documented success example; GET /oauth/authorize redirects with a code and the
// state, like Kakao after the user agrees. Used by tests that run the example app without a mock.
import { deref, loadBundle, operations, type Json } from './spec.js';

export function fakeKakao() {
  const doc = loadBundle();
  const ops = operations(doc);
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const url = new URL(request.url);
    const op = ops.find((o) => o.method === request.method.toLowerCase() && o.path === url.pathname);
    if (!op) return new Response(JSON.stringify({ code: -1, msg: `not described: ${request.method} ${url.pathname}` }), { status: 404 });
    if (op.path === '/oauth/authorize') {
      const target = new URL(url.searchParams.get('redirect_uri')!);
      target.searchParams.set('code', 'fake-authorization-code');
      const state = url.searchParams.get('state');
      if (state) target.searchParams.set('state', state);
      return new Response(null, { status: 302, headers: { location: target.toString() } });
    }
    const [status, response] = Object.entries<Json>(op.operation.responses).find(([s]) => /^2/.test(s))!;
    const media = deref(doc, response).content?.['application/json'];
    const example = media ? (media.example ?? deref(doc, Object.values<Json>(media.examples ?? {})[0]).value) : undefined;
    return new Response(example === undefined ? null : JSON.stringify(example), { status: Number(status), headers: { 'content-type': 'application/json;charset=UTF-8' } });
  };
  return { fetch, requests };
}
