#!/usr/bin/env node
// npm start: builds everything, then serves the docs site (docs/: landing page, reference, bundled
// documents under /openapi/) and the mock together on loopback, printing both URLs. Ctrl-C stops both.
// Arguments and ports are checked before the build, so a mistake costs no minute of building.
//
//   npm start -- [--port 8080] [--mock-port 4010] [--host 127.0.0.1] [--no-build] [--dynamic]
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/products.mjs';
import { serveStatic } from './lib/serve.mjs';

const usage = `usage: npm start -- [--port 8080] [--mock-port 4010] [--host 127.0.0.1] [--no-build] [--dynamic]
  --port N        the docs site's port (default 8080, or $PORT)
  --mock-port N   the mock's port (default 4010, or $KAKAO_MOCK_PORT)
  --host H        interface for both (default 127.0.0.1)
  --no-build      serve what the last build made
  --dynamic       the mock answers with generated data (needs Prism)
  --help          this text`;

const mockPackage = path.join(root, 'packages', 'kakao-openapi-mock', 'dist', 'index.js');
let cli;
try {
  cli = await import(mockPackage);
} catch {
  console.error('npm start: the mock is not compiled: run `npm ci` (or `npm run compile`) first');
  process.exit(1);
}

function fail(message) {
  console.error(`npm start: ${message}\n\n${usage}`);
  process.exit(2);
}

let args;
try {
  ({ values: args } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      'mock-port': { type: 'string', default: process.env.KAKAO_MOCK_PORT ?? '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-build': { type: 'boolean', default: false },
      dynamic: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${error.message}${cli.npmFlagHint(process.argv.slice(2), process.env)}`);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
let port, mockPort;
try {
  port = cli.parsePort(args.port, '--port');
  mockPort = cli.parsePort(args['mock-port'], '--mock-port');
} catch (error) {
  fail(error.message);
}
if (port !== 0 && port === mockPort) fail(`--port and --mock-port are both ${port}: give them different ports`);

/** Resolves when the port can be listened on, else rejects with the listen error. */
const probe = (p) =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(p, args.host, () => server.close(resolve));
  });
for (const [p, flag, what] of [[port, '--port', 'the docs site'], [mockPort, '--mock-port', 'the mock']]) {
  if (p === 0) continue;
  try {
    await probe(p);
  } catch (error) {
    const why = error.code === 'EADDRINUSE' ? 'is in use' : `cannot be used (${error.code})`;
    fail(`port ${p} on ${args.host} ${why}: ${what} needs another, e.g. \`npm start -- ${flag} ${p + 1}\``);
  }
}

if (!args['no-build']) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

let mock;
const docs = await serveStatic({
  host: args.host,
  port,
  mounts: { '/': path.join(root, 'docs') },
  // The try-it console sends to this mock (its address is known only once it listens).
  dynamic: { '/try-config.json': () => ({ mock: mock?.url }) },
});
try {
  // The reference's "Try it" has no Login flow: the mock answers with the documented examples, any Bearer token.
  mock = await cli.startKakaoMock({ host: args.host, port: mockPort, dynamic: args.dynamic, static: true, log: (line) => console.log(`mock: ${line}`) });
} catch (error) {
  console.error(`npm start: the mock did not start: ${error.message}`);
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
