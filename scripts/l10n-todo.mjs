#!/usr/bin/env node
// Prints the overlay actions a translation still lacks: every text of the bundled product document
// (generated/openapi/<product>.json) that, after the product's current overlay, has no text in the
// language yet. Paste the output into openapi/<product>/overlays/<lang>.yaml and translate it.
//
//   node scripts/l10n-todo.mjs <lang> [product …]      (default: every product)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { listProducts, root } from './lib/products.mjs';
import { LANGUAGES, l10nReport, readOverlay } from './lib/l10n.mjs';

const usage = `usage: node scripts/l10n-todo.mjs <${LANGUAGES.join('|')}> [product …]`;
let positionals;
try {
  ({ positionals } = parseArgs({ allowPositionals: true, options: {} }));
} catch (error) {
  console.error(`${error.message}\n${usage}`);
  process.exit(2);
}
const [lang, ...wanted] = positionals;
const products = listProducts().map((p) => p.name);
const unknown = wanted.filter((p) => !products.includes(p));
if (!LANGUAGES.includes(lang) || unknown.length) {
  console.error(`${unknown.length ? `unknown product: ${unknown.join(', ')}\n` : ''}${usage}\nproducts: ${products.join(', ')}`);
  process.exit(2);
}

let untranslated = 0;
for (const product of wanted.length ? wanted : products) {
  const english = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', `${product}.json`), 'utf8'));
  let overlay;
  try {
    overlay = readOverlay(product, lang);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const { missing, unused } = await l10nReport(english, overlay);
  const byTarget = new Map();
  for (const { target, key, text } of missing) byTarget.set(target, { ...byTarget.get(target), [key]: `TODO ${text}` });
  const actions = [...byTarget].map(([target, update]) => ({ target, update }));
  untranslated += actions.length;
  console.log(`# ${product}: ${actions.length} untranslated, ${unused.length} overlay targets match nothing${unused.length ? `:\n#   ${unused.join('\n#   ')}` : ''}`);
  if (actions.length) console.log(stringify(actions, { lineWidth: 0 }));
}
process.exitCode = untranslated ? 1 : 0;

