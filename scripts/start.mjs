#!/usr/bin/env node
// npm start: builds everything, then serves the reference (docs/) and the bundled documents
// (generated/openapi/, under /openapi/) on loopback, printing the URL. Ctrl-C stops it.
//
//   node scripts/start.mjs [--port 8080] [--host 127.0.0.1] [--no-build]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/products.mjs';
import { serveStatic } from './lib/serve.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!args['no-build']) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const server = await serveStatic({
  host: args.host,
  port: Number(args.port),
  mounts: { '/openapi/': path.join(root, 'generated', 'openapi'), '/': path.join(root, 'docs') },
});
const { port } = server.address();
console.log(`\nKakao REST API reference: http://${args.host}:${port}/`);
console.log(`Bundled documents:        http://${args.host}:${port}/openapi/kakao.yaml (and .json, and one per product)`);
console.log('Press Ctrl-C to stop.');
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
