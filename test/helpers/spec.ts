// Reads the generated combined document and walks its operations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM script without types
import { eachOperation } from '../../scripts/lib/requests.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function loadBundle(name = 'kakao'): Json {
  return JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', `${name}.json`), 'utf8'));
}

export interface OperationRef {
  path: string;
  method: (typeof HTTP_METHODS)[number];
  host: string;
  operation: Json;
  pathItem: Json;
}

export function operations(doc: Json): OperationRef[] {
  return [...eachOperation(doc, HTTP_METHODS)].map(({ path, method, pathItem, operation, servers }: Json) => ({
    path,
    method,
    host: new URL(servers[0].url).host,
    operation,
    pathItem,
  }));
}

/** Follows a local `$ref` (`#/components/...`) inside doc. */
export function deref(doc: Json, value: Json): Json {
  let current = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    current = pointer(doc, current.$ref);
  }
  return current;
}

export function pointer(doc: Json, ref: string): Json {
  if (!ref.startsWith('#/')) throw new Error(`not a local $ref: ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => {
      if (node == null || !(key in node)) throw new Error(`unresolved $ref ${ref}`);
      return node[key];
    }, doc);
}

export const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
