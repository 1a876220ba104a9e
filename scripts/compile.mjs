#!/usr/bin/env node
// Compiles the client (src/ and generated/client/) to dist/ as ESM with type declarations.
// Runs on `npm ci` / `npm install` (prepare) and as the last step of `npm run build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lib/products.mjs';

const require = createRequire(import.meta.url);
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
} catch {
  console.error('compile failed: see the TypeScript errors above');
  process.exit(1);
}
console.log('compiled the client to dist/');
