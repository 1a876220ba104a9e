#!/usr/bin/env node
// Counts, from generated/openapi/kakao.json, how sure the documents are: per product the evidence
// level of its operations (the "evidence" column of README.md's "What is described" table), and
// how many limits, defaults, required flags and enums cite a source or are this project's reading.
// README.md quotes this output; test/constraints.test.ts checks that the README still matches.
//
//   node scripts/evidence-counts.mjs [--json]
import fs from 'node:fs';
import path from 'node:path';
import { root } from './lib/products.mjs';
import { constraintScopes, parseFieldName } from './lib/constraints.mjs';

const LEVELS = ['kakao-docs', 'kakao-sdk', 'corroborated'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `{ products: [{product, operations, evidence: {level: n}, column}], constraints: {total, cited, readings} }` */
export function evidenceCounts(doc) {
  const ops = Object.values(doc.paths).flatMap((item) => METHODS.filter((m) => item[m]).map((m) => item[m]));
  const products = doc['x-tagGroups'].map((group) => {
    const mine = ops.filter((op) => group.tags.includes(op.tags?.[0]));
    const evidence = {};
    for (const op of mine) evidence[op['x-kakao-evidence'].level] = (evidence[op['x-kakao-evidence'].level] ?? 0) + 1;
    const column = LEVELS.filter((l) => evidence[l]).map((l) => `${evidence[l]} ${l}`).join(', ');
    return { product: group['x-product'], operations: mine.length, evidence, column };
  });
  let total = 0;
  let readings = 0;
  for (const scope of constraintScopes(doc)) {
    const entries = scope.evidence?.constraints ?? [];
    for (const c of scope.constraints) {
      total += 1;
      const by = entries.find((e) => e.fields.some((f) => {
        const { field, keyword } = parseFieldName(String(f));
        return field === c.field && (!keyword || keyword === c.keyword);
      }));
      if (by && typeof by.reading === 'string') readings += 1;
    }
  }
  return { products, constraints: { total, cited: total - readings, readings } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', 'kakao.json'), 'utf8'));
  const counts = evidenceCounts(doc);
  if (process.argv.includes('--json')) console.log(JSON.stringify(counts, null, 2));
  else {
    console.log('| document | operations | evidence |\n| --- | --- | --- |');
    for (const p of counts.products) console.log(`| \`openapi/${p.product}/\` | ${p.operations} | ${p.column} |`);
    const c = counts.constraints;
    console.log(`\n${c.total} limits, defaults, required flags and enums: ${c.cited} cite a source, ${c.readings} are this project's reading.`);
  }
}
