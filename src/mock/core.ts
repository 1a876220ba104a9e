// The mock's core, independent of any transport: a request in (method, URL, headers, body bytes),
// Kakao's answer out. The Node server (server.ts) and in-process adapters share it.
import { isUtf8 } from 'node:buffer';
import { checkAuth, presentedScheme, type MockKeys } from './auth.js';
import { apiError, invalidRequest, maintenance, shapeOfPath, type MockResponse } from './kakao-errors.js';
import { createOAuth } from './oauth.js';
import { documentedResponse } from './examples.js';
import { loadOperations, type Json, type MockOperation } from './operations.js';
import { createSandbox, type Caller, type Sandbox, type SandboxSeed } from './sandbox/index.js';
import { startPrism, type PrismGenerator } from './prism.js';

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
  /** Starts Prism (in a worker; it takes seconds) and generates one answer with it: for `dynamic`, before listening. */
  loadPrism(): Promise<unknown>;
  /** Stops Prism's worker, if started. */
  close(): Promise<void>;
}

export { PRISM_PACKAGES } from './prism.js';

interface Prefer {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
}

/** `Prefer: code=…, example=…, dynamic=…`; a malformed preference is ignored, as Kakao ignores the header. */
function parsePrefer(header: string | undefined): Prefer {
  const prefer: Prefer = {};
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, raw] = part.split('=').map((s) => s?.trim());
    if (!key) continue;
    const value = raw?.replace(/^"|"$/g, '');
    if (key === 'code' && /^[1-5]\d\d$/.test(value ?? '')) prefer.code = Number(value);
    else if (key === 'example' && value) prefer.exampleKey = value;
    else if (key === 'dynamic' && (value === 'true' || value === 'false')) prefer.dynamic = value === 'true';
  }
  return prefer;
}

export function createMockCore({ doc, keys, ...options }: MockCoreOptions): MockCore {
  const ops = loadOperations(doc);
  const rawOperation = (op: MockOperation) => doc.paths[op.path][op.method.toLowerCase()];

  // Prism only for generated data: started before listening with --dynamic, else on first need.
  let prism: Promise<PrismGenerator> | undefined;
  const loadPrism = () =>
    (prism ??= startPrism(doc).then(async (generator) => {
      // The first generation initialises Prism's faker: done here, not on a caller's request.
      const warm = ops.find((op) => op.path === '/v2/user/me' && op.method === 'GET') ?? ops[0]!;
      await generator.request(warm, { method: warm.method.toLowerCase(), url: { path: warm.path, query: {} }, headers: {} }, { dynamic: true });
      return generator;
    }));
  const oauth = createOAuth(keys);
  const sandbox = options.static ? undefined : createSandbox({ doc, keys, seed: options.seed });

  // The documented answers, looked up once per operation and preference (the hot path); callers get
  // a copy of the response and its headers, so that changing them does not change the cache.
  const answers = new Map<string, ReturnType<typeof documentedResponse>>();
  function documented_(op: MockOperation, prefer: Prefer, wants?: string): ReturnType<typeof documentedResponse> {
    const key = `${op.method} ${op.path}\n${prefer.code}\n${prefer.exampleKey}\n${wants}`;
    let found = answers.get(key);
    if (found === undefined && !answers.has(key)) {
      found = documentedResponse(doc, rawOperation(op), prefer, wants);
      if (answers.size < 10_000) answers.set(key, found);
    }
    return found && !('generate' in found) ? { ...found, headers: { ...found.headers } } : found;
  }

  /** The documented response (or generated data) for a request that passed our checks. */
  async function mock(op: MockOperation, input: Json, prefer: Prefer, wants?: string): Promise<MockResponse> {
    const dynamic = prefer.dynamic ?? (options.dynamic && prefer.code === undefined && prefer.exampleKey === undefined) ?? false;
    const documented = dynamic ? { generate: true as const } : documented_(op, prefer, wants);
    let response: MockResponse | undefined;
    if (documented && 'generate' in documented) {
      const generator = await loadPrism().catch((error: Error) => error);
      if (generator instanceof Error) return invalidRequest(op.shape, `mock: ${generator.message}`);
      response = await generator.request(op, input, { dynamic: true, code: prefer.code });
    } else response = documented;
    // A documented 503 without a body: Kakao's maintenance code, the one its error page gives 503.
    if (response && response.status === 503 && response.body === undefined && op.shape === 'kapi') return maintenance();
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
    const candidates = route(url.pathname);
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
    const authorization = req.headers.authorization as string | undefined;
    // The sandbox's app keys are the seed's (the mock's keys unless the seed sets others).
    const appKeys = sandbox?.keys() ?? keys;
    const refused = checkAuth(op.security, authorization, appKeys, op.shape);
    if (refused) return refused;
    // Sandbox: a Bearer token must be one it issued or was seeded with.
    const caller: Caller | MockResponse = sandbox ? sandbox.authenticate(op, authorization) : { kind: 'none' };
    if ('status' in caller) return caller;

    const raw = req.body;
    if (raw.length > 0 && !isUtf8(raw)) return invalidRequest(op.shape, 'mock: the request body is not valid UTF-8');
    const text = raw.toString('utf8');
    const scheme = presentedScheme(authorization, appKeys);
    const checked = op.validate({ pathParams, query: url.searchParams, contentType: String(req.headers['content-type'] ?? ''), body: text, scheme });
    if ('status' in checked) return checked;

    // Prefer selects the answer to a request that passed every check; it bypasses none of them.
    const prefer = parsePrefer(req.headers.prefer as string | undefined);
    const selects = prefer.code !== undefined || prefer.exampleKey !== undefined || prefer.dynamic !== undefined;
    const input = { method: method.toLowerCase(), url: { path: url.pathname, query: Object.fromEntries(url.searchParams) }, headers: {}, body: checked.body };

    // Sandbox: it answers what has state in Kakao (`undefined` leaves the documented example). Its
    // refusals stand; a success gives way to the answer Prefer selects, as the checks have passed.
    if (sandbox) {
      const origin = req.origin ?? `http://${String(req.headers.host ?? 'kapi.kakao.com')}`;
      const answer = await sandbox.handle({ op, caller, query: checked.query, body: checked.body, origin });
      if (answer && (answer.status >= 400 || !selects)) return answer;
    }
    // The static Login flow (the sandbox has its own; logout is stateless in both).
    if (op.path === '/oauth/logout' || (!sandbox && op.path === '/oauth/authorize')) {
      const outcome = op.path === '/oauth/authorize' ? oauth.authorize(checked.query) : oauth.logout(checked.query);
      if (outcome.status >= 400 || !selects) return outcome;
    }
    if (!sandbox && op.path === '/oauth/token') {
      const outcome = oauth.token(checked.body);
      if ('status' in outcome) return outcome;
      const response = await mock(op, input, prefer);
      if (response.status < 300 && response.body && typeof response.body === 'object') response.body = { ...(response.body as object), ...outcome.tokens };
      return response;
    }
    // Local's `.{format}` paths choose the media type in the URL; otherwise the Accept header does.
    const format = pathParams.format?.toLowerCase();
    const accept = String(req.headers.accept ?? '');
    const wants = format === 'xml' || (!format && /xml/.test(accept) && !/json/.test(accept)) ? 'xml' : undefined;
    return mock(op, input, prefer, wants);
  }

  /** The operations whose path matches: literal paths from a map, templated ones by their pattern. */
  const literal = new Map<string, MockOperation[]>();
  const templated: MockOperation[] = [];
  for (const op of ops) {
    if (op.path.includes('{')) templated.push(op);
    else literal.set(op.path, [...(literal.get(op.path) ?? []), op]);
  }
  function route(pathname: string): { op: MockOperation; params: Record<string, string> | undefined }[] {
    const exact = (literal.get(pathname) ?? []).map((op) => ({ op, params: {} as Record<string, string> | undefined }));
    return [...exact, ...templated.map((op) => ({ op, params: op.match(pathname) })).filter((c) => c.params)];
  }

  return {
    handle,
    loadPrism,
    ...(sandbox ? { sandbox } : {}),
    async close() {
      const generator = await prism?.catch(() => undefined);
      await generator?.close();
    },
  };
}
