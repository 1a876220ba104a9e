// Builds the Redoc reference of the combined document as one self-contained HTML file
// (Redoc's script inlined: the page works offline, from any static host).
import fs from 'node:fs';
import path from 'node:path';
import { redocly } from './redocly.mjs';
import { root } from './products.mjs';

export async function buildDocs({ bundle, outDir }) {
  fs.mkdirSync(outDir, { recursive: true });
  const page = path.join(outDir, 'index.html');
  const { code, stdout, stderr } = await redocly(
    ['build-docs', bundle, '--output', page, '--inlineBundle', '--title', 'Kakao REST API reference (OpenAPI)'],
    { cwd: root },
  );
  if (code !== 0 || !fs.existsSync(page)) throw new Error(`Building the reference failed:\n${stdout}\n${stderr}`);
  return page;
}
