#!/usr/bin/env node
// npm run pack: packs both packages into .tmp/pack/ — what users install until the packages are
// on the registry (`npm install ./kakao-openapi-<version>.tgz`). Compile first (npm ci does).
import path from 'node:path';
import { root } from './lib/products.mjs';
import { packPackages } from './lib/pack.mjs';

const dest = path.join(root, '.tmp', 'pack');
const tarballs = await packPackages(dest);
for (const [name, t] of Object.entries(tarballs)) console.log(`${name}: ${path.relative(process.cwd(), t.path)} (${(t.size / 1024).toFixed(0)} kB, ${t.files.length} files)`);
