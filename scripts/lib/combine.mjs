// Merges the bundled product documents into the combined document that the client, docs and mock use.
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { root } from './products.mjs';

/** One version everywhere: the packages' and every document's `info.version` (scripts/set-version.mjs moves them together). */
export const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

export const combinedInfo = {
  title: 'Kakao REST API',
  version,
  summary: 'Every Kakao REST API product in one document: Kakao Login, Talk, Push, Calendar, Local, Search and more.',
  description: [
    'An unofficial, hand-written OpenAPI description of the Kakao REST API (developers.kakao.com),',
    'one product document per endpoint table of Kakao\'s reference, combined here.',
    '',
    'Each operation links Kakao\'s own page (`externalDocs`) and records how sure each fact is',
    '(`x-kakao-evidence`: read on Kakao\'s reference page, taken from Kakao\'s official SDK source,',
    'or corroborated by independent projects that call the live API).',
    '',
    'Hosts differ per path (`servers` on every path): `kauth.kakao.com` (authorization),',
    '`kapi.kakao.com` (APIs), `dapi.kakao.com` (Local, Search), `api-status.kakao.com` (status).',
    'Credentials: a user\'s access token (`Authorization: Bearer …`), or the app\'s REST API key or',
    'Admin key (`Authorization: KakaoAK …`). The Admin key and the client secret are for servers only.',
  ].join('\n'),
  contact: { name: "kakao-openapi maintainers (report problems in the project's issue tracker)" },
  license: { name: 'MIT', identifier: 'MIT' },
};

/**
 * @param {{name: string, doc: object}[]} bundles product bundles, in the order of Kakao's reference
 * @param {{ info?: object, pickShared?: (kept: object, other: object) => object }} [options]
 *   `info` replaces the combined `info`; `pickShared` chooses between two versions of a shared
 *   component instead of failing (translations: each product's overlay translates the shared
 *   components its own way, while the English originals were already checked equal).
 * @returns {object} the combined OpenAPI document
 */
export function combine(bundles, { info = { ...combinedInfo, version: bundles[0]?.doc.info.version ?? combinedInfo.version }, pickShared } = {}) {
  const problems = [];
  const combined = {
    openapi: '3.1.0',
    info,
    servers: [{ url: 'https://kapi.kakao.com', description: 'Kakao API server (each path names its own host)' }],
    tags: [],
    'x-tagGroups': [],
    paths: {},
    components: {},
  };
  const owner = { paths: {}, tags: {}, components: {} };
  for (const { name, doc } of bundles) {
    const tagNames = [];
    for (const tag of doc.tags ?? []) {
      if (owner.tags[tag.name]) problems.push(`tag "${tag.name}" is declared by both ${owner.tags[tag.name]} and ${name}`);
      owner.tags[tag.name] = name;
      combined.tags.push(tag);
      tagNames.push(tag.name);
    }
    combined['x-tagGroups'].push({ name: doc.info.title, 'x-product': name, tags: tagNames });
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      if (owner.paths[p]) problems.push(`path ${p} is described by both ${owner.paths[p]} and ${name}`);
      owner.paths[p] = name;
      combined.paths[p] = item;
    }
    for (const [section, entries] of Object.entries(doc.components ?? {})) {
      combined.components[section] ??= {};
      for (const [key, value] of Object.entries(entries)) {
        const id = `${section}/${key}`;
        const existing = combined.components[section][key];
        if (existing !== undefined && !isDeepStrictEqual(existing, value)) {
          if (pickShared) {
            combined.components[section][key] = pickShared(existing, value);
            continue;
          }
          problems.push(`components.${section}.${key} differs between ${owner.components[id]} and ${name}: rename one of the files`);
        }
        owner.components[id] ??= name;
        combined.components[section][key] = value;
      }
    }
  }
  if (problems.length) throw new Error(`Cannot combine the product documents:\n  ${problems.join('\n  ')}`);
  // Sorted component names: the same set of inputs gives the same bytes whatever the product order.
  for (const section of Object.keys(combined.components).sort()) {
    const entries = combined.components[section];
    delete combined.components[section];
    combined.components[section] = Object.fromEntries(Object.keys(entries).sort().map((k) => [k, entries[k]]));
  }
  return combined;
}
