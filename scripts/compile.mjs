#!/usr/bin/env node
// Fills the two packages from the sources: compiles the client (src/, generated/client/) into
// packages/kakao-openapi/dist/ and the mock (src/mock/) into packages/kakao-openapi-mock/dist/, as
// ESM with type declarations, and copies the bundled JSON documents and their provenance into
// packages/kakao-openapi/openapi/ (what `kakao-openapi/openapi/*.json` imports), minified. The YAML twins
// stay in generated/ and on the docs site: the client package keeps to its size budget.
// Runs on `npm ci` / `npm install` (the repository's prepare) and as the last step of `npm run build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lib/products.mjs';

const require = createRequire(import.meta.url);
const client = path.join(root, 'packages', 'kakao-openapi');
const mock = path.join(root, 'packages', 'kakao-openapi-mock');

for (const dir of [path.join(client, 'dist'), path.join(client, 'openapi'), path.join(mock, 'dist')]) fs.rmSync(dir, { recursive: true, force: true });
for (const project of ['tsconfig.build.json', 'tsconfig.mock.json']) {
  try {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: root, stdio: 'inherit' });
  } catch {
    console.error(`compile failed (${project}): see the TypeScript errors above`);
    process.exit(1);
  }
}
const generated = path.join(root, 'generated');
fs.mkdirSync(path.join(client, 'openapi'));
for (const name of fs.readdirSync(path.join(generated, 'openapi')).filter((f) => f.endsWith('.json')).sort()) {
  // Minified: a third smaller, and the client's install budget (≤ 3 MB) holds with room to grow.
  const doc = JSON.parse(fs.readFileSync(path.join(generated, 'openapi', name), 'utf8'));
  fs.writeFileSync(path.join(client, 'openapi', name), `${JSON.stringify(doc)}\n`);
}
fs.copyFileSync(path.join(generated, 'provenance.json'), path.join(client, 'openapi', 'provenance.json'));
for (const dir of [client, mock]) fs.copyFileSync(path.join(root, 'LICENSE'), path.join(dir, 'LICENSE'));
console.log('compiled packages/kakao-openapi and packages/kakao-openapi-mock');
