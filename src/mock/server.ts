// A mock of the Kakao REST API on Prism: Prism picks or generates the documented responses (and
// honours `Prefer: code=…, example=…, dynamic=true`); routing, Kakao's credential rules, request
// validation (JSON text included) and Kakao's error bodies are ours, because Prism does them
// differently (problem+json, no KakaoAK, no JSON text). Any input gets a Kakao-shaped answer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import prismCore from '@stoplight/prism-core';
import prismHttp from '@stoplight/prism-http';
import { checkAuth, type MockKeys } from './auth.js';
import { apiError, invalidRequest, shapeOfPath, type MockResponse } from './kakao-errors.js';
import { createOAuth } from './oauth.js';
import { loadOperations, type Json, type MockOperation } from './operations.js';

export type { MockKeys } from './auth.js';

export interface KakaoMockOptions {
  /** Port on 127.0.0.1 (0: any free port). Default 4010. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  /** Generated data instead of the documented examples (Prism's dynamic mode). */
  dynamic?: boolean;
  /** The credentials the mock accepts; defaults are the fake values in `defaultMockKeys`. */
  keys?: Partial<MockKeys>;
  /** The combined bundle to serve. Default: this package's generated/openapi/kakao.json, checked against generated/provenance.json. */
  document?: Json;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** One line per request (method, path, status); never credentials. Default: silent. */
  log?: (line: string) => void;
}

export interface KakaoMock {
  /** e.g. `http://127.0.0.1:4010`: pass it as the client's `baseUrl`. */
  url: string;
  port: number;
  keys: MockKeys;
  close(): Promise<void>;
}

export const defaultMockKeys: MockKeys = { restApiKey: 'mock-rest-api-key', adminKey: 'mock-admin-key' };

/** This package's root: the nearest folder above this file with generated/provenance.json (src/ or dist/src/). */
function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'generated', 'provenance.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('generated/provenance.json not found above the mock: run `npm run build`');
    dir = parent;
  }
  return dir;
}

/** The combined bundle, refused when its hash differs from generated/provenance.json. */
export function loadCheckedBundle(root = findPackageRoot()): Json {
  const bundlePath = path.join(root, 'generated', 'openapi', 'kakao.json');
  const provenancePath = path.join(root, 'generated', 'provenance.json');
  const bytes = fs.readFileSync(bundlePath);
  const expected = JSON.parse(fs.readFileSync(provenancePath, 'utf8')).outputs?.['openapi/kakao.json'];
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (expected !== actual) {
    throw new Error(`${bundlePath} does not match ${provenancePath} (sha256 ${actual.slice(0, 12)}… vs ${String(expected).slice(0, 12)}…): run \`npm run build\` to rebuild it`);
  }
  return JSON.parse(bytes.toString('utf8'));
}

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

function send(res: http.ServerResponse, response: MockResponse, cors: Record<string, string>) {
  const headers: Record<string, string> = { ...cors };
  for (const [k, v] of Object.entries(response.headers ?? {})) headers[k.toLowerCase()] = v;
  let body: string | undefined;
  if (response.body !== undefined) body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json;charset=UTF-8';
  res.writeHead(response.status, headers);
  res.end(body);
}

export async function startKakaoMock(options: KakaoMockOptions = {}): Promise<KakaoMock> {
  const doc = options.document ?? loadCheckedBundle();
  const keys: MockKeys = { ...defaultMockKeys, ...options.keys };
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const log = options.log ?? (() => {});
  const ops = loadOperations(doc);
  const prismOps: Json[] = await prismHttp.getHttpOperationsFromSpec(doc);
  const prismOpFor = new Map<MockOperation, Json>(ops.map((op) => [op, prismOps.find((p) => p.method.toUpperCase() === op.method && p.path === op.path)]));
  const prism = prismHttp.createInstance(
    { mock: { dynamic: false }, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined, isProxy: false },
    { logger: prismCore.createLogger('kakao-mock', { level: 'silent' }) },
  );
  const oauth = createOAuth(keys);

  /** Prism's documented (or generated) response for a request that passed our checks. */
  async function mock(op: MockOperation, input: Json, prefer: { code?: number; exampleKey?: string; dynamic?: boolean }): Promise<MockResponse> {
    const config = { mock: { dynamic: prefer.dynamic ?? options.dynamic ?? false, code: prefer.code, exampleKey: prefer.exampleKey }, validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined, isProxy: false as const };
    const result = await prism.request(input, [prismOpFor.get(op)], config as never)();
    if (result._tag === 'Left') {
      const what = prefer.code ? `status ${prefer.code}` : prefer.exampleKey ? `example "${prefer.exampleKey}"` : 'success response';
      return invalidRequest(op.shape, `mock: ${op.operationId} documents no ${what} (Prefer: ${[prefer.code && `code=${prefer.code}`, prefer.exampleKey && `example=${prefer.exampleKey}`].filter(Boolean).join(', ') || 'none'})`);
    }
    const { statusCode, headers, body } = result.right.output;
    return { status: statusCode, headers: headers as Record<string, string>, body };
  }

  async function handle(req: http.IncomingMessage, chunks: Buffer[]): Promise<MockResponse> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://mock.invalid');
    } catch {
      return apiError(400, -2, 'mock: the request target is not a valid URL');
    }
    const method = (req.method ?? 'GET').toUpperCase();
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
    const refused = checkAuth(op.security, req.headers.authorization, keys, op.shape);
    if (refused) return refused;

    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    if (raw.length > 0 && Buffer.compare(Buffer.from(text, 'utf8'), raw) !== 0) return invalidRequest(op.shape, 'mock: the request body is not valid UTF-8');
    const checked = op.validate({ pathParams, query: url.searchParams, contentType: String(req.headers['content-type'] ?? ''), body: text });
    if ('status' in checked) return checked;

    const prefer = parsePrefer(req.headers.prefer as string | undefined);
    if (typeof prefer === 'string') return invalidRequest(op.shape, prefer);
    const input = { method: method.toLowerCase(), url: { path: url.pathname, query: Object.fromEntries(url.searchParams) }, headers: {}, body: checked.body };

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
    return mock(op, input, prefer);
  }

  const server = http.createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-expose-headers': '*' };
    const shape = shapeOfPath((req.url ?? '/').split('?')[0]!);
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST, PUT, DELETE, PATCH' }).end();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let answered = false;
    const answer = (response: MockResponse) => {
      if (answered) return;
      answered = true;
      log(`${req.method} ${(req.url ?? '').split('?')[0]} → ${response.status}`);
      send(res, response, cors);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        answer(invalidRequest(shape, `mock: request body larger than ${maxBody} bytes`, 413));
        req.destroy();
        return;
      }
      if (!answered) chunks.push(chunk);
    });
    req.on('error', () => answer(invalidRequest(shape, 'mock: the request could not be read')));
    req.on('end', () => {
      if (answered) return;
      handle(req, chunks).then(answer, (error: unknown) => {
        // A bug of the mock, never the caller's fault: still a Kakao-shaped body, and a log line.
        log(`mock internal error: ${error instanceof Error ? error.stack : String(error)}`);
        answer(apiError(500, -1, 'mock: internal error (a bug in the mock: please report it)'));
      });
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json;charset=UTF-8\r\nconnection: close\r\n\r\n{"code":-2,"msg":"mock: malformed HTTP request"}');
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}`,
    port,
    keys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
