// The mock's core, independent of any transport: a request in (method, URL, headers, body bytes),
// Kakao's answer out. The Node server (server.ts) and in-process adapters share it.
import { checkAuth, type MockKeys } from './auth.js';
import { apiError, invalidRequest, shapeOfPath, type MockResponse } from './kakao-errors.js';
import { createOAuth } from './oauth.js';
import { documentedResponse } from './examples.js';
import { loadOperations, type Json, type MockOperation } from './operations.js';
import { createSandbox, type Caller, type Sandbox, type SandboxSeed } from './sandbox/index.js';

/** One HTTP request as the core sees it. Header names are lower-case. */
export interface MockRequest {
  method: string;
  /** The request target: path and query, e.g. `/v2/user/me?property_keys=…`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Where the request was sent (`https://kapi.kakao.com`): the sandbox's next-page links point there. Default `http://` + Host. */
  origin?: string;
}

export interface MockCoreOptions {
  doc: Json;
  keys: MockKeys;
  /** Generated data instead of the documented examples (Prism's dynamic mode). */
  dynamic?: boolean;
  /** Documented examples only and any Bearer token accepted: the mock without the sandbox's state. */
  static?: boolean;
  /** The sandbox's seed, or the path of a JSON/YAML seed file, over the default (see the README). */
  seed?: SandboxSeed | string;
}

export interface MockCore {
  /** The sandbox's state and controls; undefined with `static`. */
  sandbox?: Sandbox;
  handle(req: MockRequest): Promise<MockResponse>;
  /** Loads Prism now (it takes seconds): for `dynamic`, before the first request. */
  loadPrism(): Promise<unknown>;
}

/** The optional peers that generated data needs, at the versions this mock is tested with. */
export const PRISM_PACKAGES = '@stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0';

function parsePrefer(header: string | undefined): { code?: number; exampleKey?: string; dynamic?: boolean } | string {
  const prefer: { code?: number; exampleKey?: string; dynamic?: boolean } = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, raw] = part.split('=').map((s) => s?.trim());
    if (!key) continue;
    const value = raw?.replace(/^"|"$/g, '');
    if (key === 'code') {
      if (!/^\d{3}$/.test(value ?? '')) return `mock: Prefer code must be an HTTP status, got "${value}"`;
      prefer.code = Number(value);
    } else if (key === 'example') prefer.exampleKey = value;
    else if (key === 'dynamic') prefer.dynamic = value === 'true';
  }
  return prefer;
}

export function createMockCore({ doc, keys, ...options }: MockCoreOptions): MockCore {
  const ops = loadOperations(doc);
  const rawOperation = (op: MockOperation) => doc.paths[op.path][op.method.toLowerCase()];

  // Prism (a second to load) only for generated data: loaded at start with --dynamic, else on demand.
  let prism: Promise<{ request(op: MockOperation, input: Json, mock: Json): Promise<MockResponse | undefined> }> | undefined;
  const loadPrism = () =>
    (prism ??= (async () => {
      const [{ default: prismHttp }, { default: prismCore }] = await Promise.all([import('@stoplight/prism-http'), import('@stoplight/prism-core')]).catch((error) => {
        // Prism is an optional peer: only generated data needs it, and it weighs about 80 MB.
        if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
        throw new Error(`generated data (--dynamic, Prefer: dynamic=true) needs Prism: npm install --save-dev ${PRISM_PACKAGES}`);
      });
      const prismOps: Json[] = await prismHttp.getHttpOperationsFromSpec(doc);
      const instance = prismHttp.createInstance(
        { mock: { dynamic: true }, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined, isProxy: false },
        { logger: prismCore.createLogger('kakao-mock', { level: 'silent' }) },
      );
      return {
        async request(op, input, mock) {
          const operation = prismOps.find((p) => p.method.toUpperCase() === op.method && p.path === op.path);
          const config = { mock, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined, isProxy: false };
          const result = await instance.request(input, [operation], config as never)();
          if (result._tag === 'Left') return undefined;
          const { statusCode, headers, body } = result.right.output;
          return { status: statusCode, headers: headers as Record<string, string>, body };
        },
      };
    })());
  const oauth = createOAuth(keys);
  const sandbox = options.static ? undefined : createSandbox({ doc, keys, seed: options.seed });

  /** The documented response (or generated data) for a request that passed our checks. */
  async function mock(op: MockOperation, input: Json, prefer: { code?: number; exampleKey?: string; dynamic?: boolean }, wants?: string): Promise<MockResponse> {
    const dynamic = prefer.dynamic ?? (options.dynamic && prefer.code === undefined && prefer.exampleKey === undefined) ?? false;
    const documented = dynamic ? { generate: true as const } : documentedResponse(doc, rawOperation(op), prefer, wants);
    let response: MockResponse | undefined;
    if (documented && 'generate' in documented) {
      const generator = await loadPrism().catch((error: Error) => error);
      if (generator instanceof Error) return invalidRequest(op.shape, `mock: ${generator.message}`);
      response = await generator.request(op, input, { dynamic: true, code: prefer.code });
    } else response = documented;
    if (response) return response;
    const what = prefer.code ? `status ${prefer.code}` : prefer.exampleKey ? `example "${prefer.exampleKey}"` : wants ? `${wants} response` : 'success response';
    return invalidRequest(op.shape, `mock: ${op.operationId} documents no ${what}${wants === 'xml' ? ' (Kakao publishes no XML sample for it: ask for json)' : ''}`);
  }

  async function handle(req: MockRequest): Promise<MockResponse> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://mock.invalid');
    } catch {
      return apiError(400, -2, 'mock: the request target is not a valid URL');
    }
    const method = (req.method ?? 'GET').toUpperCase();
    // The sandbox's pages and control API live under /__mock/, a path Kakao never uses.
    if (sandbox && (url.pathname === '/__mock' || url.pathname.startsWith('/__mock/'))) return sandbox.control(method, url.pathname, req.body.toString('utf8'));
    const candidates = ops.map((op) => ({ op, params: op.match(url.pathname) })).filter((c) => c.params);
    if (candidates.length === 0) return invalidRequest(shapeOfPath(url.pathname), `mock: no operation of the Kakao API description has the path ${url.pathname}`, 404);
    const found = candidates.find((c) => c.op.method === method);
    if (!found) return invalidRequest(candidates[0]!.op.shape, `mock: ${url.pathname} takes ${candidates.map((c) => c.op.method).join(', ')}, not ${method}`, 405);
    const { op } = found;
    let pathParams: Record<string, string>;
    try {
      pathParams = Object.fromEntries(Object.entries(found.params!).map(([k, v]) => [k, decodeURIComponent(v)]));
    } catch {
      return invalidRequest(op.shape, 'mock: a path segment is not valid percent-encoding');
    }
    const refused = checkAuth(op.security, req.headers.authorization as string | undefined, sandbox?.keys() ?? keys, op.shape);
    if (refused) return refused;
    // Sandbox: a Bearer token must be one it issued or was seeded with.
    const caller: Caller | MockResponse = sandbox ? sandbox.authenticate(op, req.headers.authorization as string | undefined) : { kind: 'none' };
    if ('status' in caller) return caller;

    const raw = req.body;
    const text = raw.toString('utf8');
    if (raw.length > 0 && Buffer.compare(Buffer.from(text, 'utf8'), raw) !== 0) return invalidRequest(op.shape, 'mock: the request body is not valid UTF-8');
    const checked = op.validate({ pathParams, query: url.searchParams, contentType: String(req.headers['content-type'] ?? ''), body: text });
    if ('status' in checked) return checked;

    const prefer = parsePrefer(req.headers.prefer as string | undefined);
    if (typeof prefer === 'string') return invalidRequest(op.shape, prefer);
    const input = { method: method.toLowerCase(), url: { path: url.pathname, query: Object.fromEntries(url.searchParams) }, headers: {}, body: checked.body };

    // Sandbox: it answers what has state in Kakao; `undefined` leaves the documented example.
    if (sandbox && !prefer.code && !prefer.exampleKey && !prefer.dynamic) {
      const origin = req.origin ?? `http://${String(req.headers.host ?? 'kapi.kakao.com')}`;
      const answer = await sandbox.handle({ op, caller, query: checked.query, body: checked.body, origin });
      if (answer) return answer;
    }
    if (!prefer.code && !prefer.exampleKey) {
      if (op.path === '/oauth/authorize') return oauth.authorize(checked.query);
      if (op.path === '/oauth/logout') return oauth.logout(checked.query);
      if (op.path === '/oauth/token') {
        const outcome = oauth.token(checked.body);
        if ('status' in outcome) return outcome;
        const response = await mock(op, input, prefer);
        if (response.body && typeof response.body === 'object') response.body = { ...(response.body as object), ...outcome.tokens };
        return response;
      }
    }
    // Local's `.{format}` paths choose the media type in the URL; otherwise the Accept header does.
    const format = pathParams.format?.toLowerCase();
    const accept = String(req.headers.accept ?? '');
    const wants = format === 'xml' || (!format && /xml/.test(accept) && !/json/.test(accept)) ? 'xml' : undefined;
    return mock(op, input, prefer, wants);
  }

  return { handle, loadPrism, ...(sandbox ? { sandbox } : {}) };
}
