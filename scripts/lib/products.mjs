// The product documents: every folder of openapi/ with an openapi.yaml, each registered in redocly.yaml.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const specDir = path.join(root, 'openapi');

/** Reads redocly.yaml's `apis` and checks them against the product folders; throws on any mismatch. */
export function listProducts() {
  const config = parse(fs.readFileSync(path.join(root, 'redocly.yaml'), 'utf8'));
  const apis = config.apis ?? {};
  const folders = fs
    .readdirSync(specDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(specDir, d.name, 'openapi.yaml')))
    .map((d) => d.name)
    .sort();
  const problems = [];
  for (const name of folders) {
    const expected = `openapi/${name}/openapi.yaml`;
    if (!apis[name]) problems.push(`openapi/${name}/ is not registered in redocly.yaml (add apis.${name}.root: ${expected})`);
    else if (apis[name].root !== expected) problems.push(`redocly.yaml apis.${name}.root is ${apis[name].root}, expected ${expected}`);
  }
  for (const name of Object.keys(apis)) {
    if (!folders.includes(name)) problems.push(`redocly.yaml registers apis.${name} but openapi/${name}/openapi.yaml does not exist`);
  }
  if (problems.length) throw new Error(`Product documents and redocly.yaml disagree:\n  ${problems.join('\n  ')}`);
  // redocly.yaml's order is the order of Kakao's reference tables, and of the combined document.
  return Object.keys(apis).map((name) => ({ name, root: path.join(specDir, name, 'openapi.yaml') }));
}
