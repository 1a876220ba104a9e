#!/usr/bin/env node
// npm start: builds everything, then serves the docs site (docs/: landing page, reference, bundled
// documents under /openapi/) and the mock together on loopback, printing both URLs. Ctrl-C stops both.
//
//   node scripts/start.mjs [--port 8080] [--mock-port 4010] [--host 127.0.0.1] [--no-build] [--dynamic]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/products.mjs';
import { serveStatic } from './lib/serve.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    'mock-port': { type: 'string', default: process.env.KAKAO_MOCK_PORT ?? '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-build': { type: 'boolean', default: false },
    dynamic: { type: 'boolean', default: false },
  },
});

if (!args['no-build']) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const { startKakaoMock } = await import(path.join(root, 'dist', 'src', 'mock', 'index.js'));
let mock;
const docs = await serveStatic({
  host: args.host,
  port: Number(args.port),
  mounts: { '/': path.join(root, 'docs') },
  // The try-it console sends to this mock (its address is known only once it listens).
  dynamic: { '/try-config.json': () => ({ mock: mock?.url }) },
});
try {
  mock = await startKakaoMock({ host: args.host, port: Number(args['mock-port']), dynamic: args.dynamic, log: (line) => console.log(`mock: ${line}`) });
} catch (error) {
  console.error(`The mock did not start: ${error.message}`);
  docs.close();
  process.exit(1);
}

console.log(`\nKakao REST API docs:      http://${args.host}:${docs.address().port}/  (reference: /ko/reference.html, /en/reference.html)`);
console.log(`Bundled documents:        http://${args.host}:${docs.address().port}/openapi/kakao.yaml (and .json, and one per product)`);
console.log(`Kakao mock:               ${mock.url}  (REST API key "${mock.keys.restApiKey}", Admin key "${mock.keys.adminKey}", any Bearer token)`);
console.log('Press Ctrl-C to stop both.');
const stop = async () => {
  docs.closeAllConnections?.();
  await Promise.all([mock.close(), new Promise((resolve) => docs.close(resolve))]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
