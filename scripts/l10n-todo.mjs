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
import { LANGUAGES, applyOverlay, isTranslated, readOverlay, translatableNodes } from './lib/l10n.mjs';

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

let missing = 0;
for (const product of wanted.length ? wanted : products) {
  const english = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', `${product}.json`), 'utf8'));
  let overlay;
  try {
    overlay = readOverlay(product, lang);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  const { doc, unused } = await applyOverlay(english, overlay);
  const translated = new Map(translatableNodes(doc).map((n) => [n.target, n.node]));
  const actions = [];
  for (const { target, node, texts } of translatableNodes(english)) {
    const todo = texts.filter((k) => !isTranslated(node[k], translated.get(target)?.[k]) && hasLetters(node[k]));
    if (!todo.length) continue;
    actions.push({ target, update: Object.fromEntries(todo.map((k) => [k, `TODO ${node[k]}`])) });
  }
  missing += actions.length;
  console.log(`# ${product}: ${actions.length} untranslated, ${unused.length} overlay targets match nothing${unused.length ? `:\n#   ${unused.join('\n#   ')}` : ''}`);
  if (actions.length) console.log(stringify(actions, { lineWidth: 0 }));
}
process.exitCode = missing ? 1 : 0;

/** Texts made only of code, numbers and punctuation (`{"result_code":0}`) need no translation. */
function hasLetters(text) {
  return /[A-Za-z]{2,}/.test(text.replace(/`[^`]*`/g, ''));
}
