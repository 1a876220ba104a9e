#!/usr/bin/env node
// Prints what a translation still lacks, per product: the texts of the bundled English document
// (generated/openapi/<product>.json) that have no text in the language yet (as overlay actions
// to paste into openapi/<product>/overlays/<lang>.yaml, each with its `x-en-sha`), the actions
// that are stale (the English changed since they were translated: their `x-en-sha` differs from
// the current English's hash), and the actions whose targets match nothing. Exits 1 when any.
//
//   node scripts/l10n-todo.mjs <lang> [product …]            (default: every product)
//   node scripts/l10n-todo.mjs <lang> [product …] --stamp    record the current English's hash in
//                                                            every translated action (after checking it)
//   --english <dir>    read <dir>/<product>.json as the English instead of generated/openapi/
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { listProducts, root } from './lib/products.mjs';
import { HASH_KEY, LANGUAGES, checkOverlay, englishHash, readOverlay, stampOverlay } from './lib/l10n.mjs';

const usage = `usage: node scripts/l10n-todo.mjs <${LANGUAGES.join('|')}> [product …] [--stamp] [--english <dir>]`;
let positionals, values;
try {
  ({ positionals, values } = parseArgs({
    allowPositionals: true,
    options: { stamp: { type: 'boolean', default: false }, english: { type: 'string' } },
  }));
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
const englishDir = values.english ? path.resolve(values.english) : path.join(root, 'generated', 'openapi');

let problems = 0;
for (const product of wanted.length ? wanted : products) {
  const englishFile = path.join(englishDir, `${product}.json`);
  let english, overlay;
  try {
    english = JSON.parse(fs.readFileSync(englishFile, 'utf8'));
    overlay = readOverlay(product, lang);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  if (values.stamp) {
    if (!overlay) continue;
    let stamped, changed;
    try {
      ({ stamped, changed } = stampOverlay(product, lang, english));
    } catch (error) {
      console.error(error.message);
      process.exit(1);
    }
    console.log(`# ${product}: ${stamped} actions stamped against ${path.relative(process.cwd(), englishFile)}${changed ? '' : ' (unchanged)'}`);
    continue;
  }
  const { untranslated, stale, unmatched } = await checkOverlay(english, overlay);
  problems += untranslated.length + stale.length + unmatched.length;
  console.log(`# ${product}: ${untranslated.length} untranslated, ${stale.length} stale, ${unmatched.length} overlay targets match nothing${unmatched.length ? `:\n#   ${unmatched.join('\n#   ')}` : ''}`);
  if (untranslated.length) {
    const actions = untranslated.map(({ target, texts }) => ({
      target,
      [HASH_KEY]: englishHash({ ...texts }, Object.keys(texts)),
      update: Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => `TODO ${x}`) : `TODO ${v}`])),
    }));
    console.log(stringify(actions, { lineWidth: 0 }));
  }
  if (stale.length) {
    console.log(`# ${product}: stale — the English below changed since it was translated (or the action has no ${HASH_KEY}); revise the Korean, then set ${HASH_KEY} to the hash shown`);
    console.log(stringify(stale.map(({ target, recorded, current, texts }) => ({ target, [HASH_KEY]: current, recorded, english: texts })), { lineWidth: 0 }));
  }
}
if (!values.stamp) process.exitCode = problems ? 1 : 0;
