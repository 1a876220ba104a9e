#!/usr/bin/env node
// npm run mock: serves every documented operation like Kakao on 127.0.0.1 (port 4010 by default).
//
//   node scripts/mock.mjs [--port 4010] [--host 127.0.0.1] [--dynamic]
//                         [--rest-api-key K] [--admin-key K] [--client-secret S] [--quiet]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.KAKAO_MOCK_PORT ?? '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    dynamic: { type: 'boolean', default: false },
    'rest-api-key': { type: 'string' },
    'admin-key': { type: 'string' },
    'client-secret': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let mockModule;
try {
  mockModule = await import(path.join(root, 'dist', 'src', 'mock', 'index.js'));
} catch {
  console.error('The mock is not compiled: run `npm run build` (or `npm ci`, which compiles it).');
  process.exit(1);
}

export async function startFromCli(options = args) {
  const keys = {};
  if (options['rest-api-key']) keys.restApiKey = options['rest-api-key'];
  if (options['admin-key']) keys.adminKey = options['admin-key'];
  if (options['client-secret']) keys.clientSecret = options['client-secret'];
  return mockModule.startKakaoMock({
    port: Number(options.port),
    host: options.host,
    dynamic: options.dynamic,
    keys,
    log: options.quiet ? undefined : (line) => console.log(line),
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let mock;
  try {
    mock = await startFromCli();
  } catch (error) {
    console.error(`The mock did not start: ${error.message}`);
    process.exit(1);
  }
  console.log(`Kakao mock: ${mock.url}${args.dynamic ? ' (dynamic data)' : ''}`);
  console.log(`  accepts REST API key "${mock.keys.restApiKey}", Admin key "${mock.keys.adminKey}", any Bearer token${mock.keys.clientSecret ? ', and checks the client secret' : ''}`);
  console.log(`  point the client at it: createKakaoClient({ baseUrl: '${mock.url}', ... })`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
