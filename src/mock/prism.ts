// Generated data (`--dynamic`, `Prefer: dynamic=true`) from Prism, run in a worker thread: loading
// Prism and reading the document take seconds of synchronous work, which on the main thread would
// stall every other request. The worker is started on the first need (or before listening with
// `--dynamic`), answers one message per generated response, and never keeps the process alive.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MockResponse } from './kakao-errors.js';
import type { Json } from './operations.js';

/** The optional peers that generated data needs, at the versions this mock is tested with. */
export const PRISM_PACKAGES = '@stoplight/prism-http@5.12.0 @stoplight/prism-core@5.8.0';

export interface PrismGenerator {
  /** A generated response for the operation (`undefined` when Prism has none for it). */
  request(op: { method: string; path: string }, input: Json, mock: Json): Promise<MockResponse | undefined>;
  close(): Promise<void>;
}

// The worker's code, evaluated as a CommonJS script: the Prism modules come as absolute file URLs
// resolved by the main thread, so they load from where the mock is installed, not from the cwd.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const config = { validateRequest: false, validateResponse: false, checkSecurity: false, errors: false, upstreamProxy: undefined, isProxy: false };
(async () => {
  const [{ default: prismHttp }, { default: prismCore }] = await Promise.all([import(workerData.prismHttp), import(workerData.prismCore)]);
  const operations = await prismHttp.getHttpOperationsFromSpec(workerData.doc);
  const instance = prismHttp.createInstance({ ...config, mock: { dynamic: true } }, { logger: prismCore.createLogger('kakao-mock', { level: 'silent' }) });
  parentPort.on('message', async ({ id, method, path, input, mock }) => {
    try {
      const operation = operations.find((p) => p.method.toUpperCase() === method && p.path === path);
      const result = await instance.request(input, [operation], { ...config, mock })();
      if (result._tag === 'Left') return parentPort.postMessage({ id });
      const { statusCode, headers, body } = result.right.output;
      parentPort.postMessage({ id, response: { status: statusCode, headers, body } });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error && error.stack || error) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((error) => parentPort.postMessage({ failed: String(error && error.stack || error) }));
`;

/** Starts Prism in a worker; resolves once it has read the document. */
export async function startPrism(doc: Json): Promise<PrismGenerator> {
  const require = createRequire(import.meta.url);
  let modules: { prismHttp: string; prismCore: string };
  try {
    modules = { prismHttp: pathToFileURL(require.resolve('@stoplight/prism-http')).href, prismCore: pathToFileURL(require.resolve('@stoplight/prism-core')).href };
  } catch (error) {
    // Prism is an optional peer: only generated data needs it, and it weighs about 80 MB.
    if ((error as NodeJS.ErrnoException)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(`generated data (--dynamic, Prefer: dynamic=true) needs Prism: npm install --save-dev ${PRISM_PACKAGES}`);
  }
  const worker = new Worker(WORKER, { eval: true, workerData: { doc, ...modules } });
  worker.unref();
  const pending = new Map<number, { resolve(r: MockResponse | undefined): void; reject(e: Error): void }>();
  let nextId = 0;
  let dead: Error | undefined;
  const fail = (error: Error) => {
    dead ??= error;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: Json) => {
      if (message.ready) return resolve();
      if (message.failed) {
        fail(new Error(`Prism did not start: ${message.failed}`));
        return reject(dead);
      }
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.error) p.reject(new Error(`Prism failed: ${message.error}`));
      else p.resolve(message.response);
    });
    worker.on('error', (error) => {
      fail(error);
      reject(error);
    });
    worker.on('exit', (code) => {
      fail(new Error(`Prism's worker stopped (exit code ${code})`));
      reject(dead);
    });
  });
  return {
    request(op, input, mock) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, method: op.method, path: op.path, input, mock });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
