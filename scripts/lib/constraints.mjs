// Where each limit, default, required flag and enum of the documents comes from.
//
// Every `minimum`, `maximum`, `minLength`, `maxLength`, `minItems`, `maxItems`, `default`, `enum`
// and `required` (a parameter's `required: true`, a schema's `required` list) is a claim about
// Kakao's API. Each one is named in `x-kakao-evidence.constraints` of the operation or component
// that writes it, either with the source that states it or as this project's own reading:
//
//   x-kakao-evidence:
//     sources: [https://developers.kakao.com/…, https://developers.kakao.com/tool/…]
//     constraints:
//       - source: https://developers.kakao.com/tool/…   # one of `sources`
//         fields: [limit, order, offset.default]         # a field, or field.keyword for one keyword
//       - reading: Kakao states no minimum; a negative offset has no meaning.
//         fields: [offset.minimum]
//
// A field is named as the reader sees it: a parameter by its name, a property by its name (at any
// depth of the operation or component), the root of a component schema by the component's name,
// the root of an inline body by `body`. Checked by test/constraints.test.ts; the reference shows
// the readings (scripts/lib/docs.mjs).

export const CONSTRAINT_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'default', 'enum'];
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SCHEMA_CHILDREN = ['items', 'additionalProperties', 'contentSchema', 'not', 'if', 'then', 'else'];
const SCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf'];

/** The constraints written in one schema (not following `$ref`: a referenced component is its own scope). */
function schemaConstraints(schema, field, at, out) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || schema.$ref) return;
  for (const keyword of CONSTRAINT_KEYWORDS) if (schema[keyword] !== undefined) out.push({ field, keyword, at });
  if (Array.isArray(schema.required)) for (const name of schema.required) out.push({ field: name, keyword: 'required', at: `${at}/required` });
  for (const [name, child] of Object.entries(schema.properties ?? {})) schemaConstraints(child, name, `${at}/properties/${esc(name)}`, out);
  for (const k of SCHEMA_CHILDREN) schemaConstraints(schema[k], field, `${at}/${k}`, out);
  for (const k of SCHEMA_LISTS) (schema[k] ?? []).forEach((child, i) => schemaConstraints(child, field, `${at}/${k}/${i}`, out));
}

function contentConstraints(node, field, at, out) {
  for (const [media, body] of Object.entries(node?.content ?? {})) schemaConstraints(body.schema, field, `${at}/content/${esc(media)}/schema`, out);
}

function parameterConstraints(p, at, out) {
  if (!p || p.$ref) return;
  // Path parameters are required by OpenAPI itself.
  if (p.required === true && p.in !== 'path') out.push({ field: p.name, keyword: 'required', at: `${at}/required` });
  schemaConstraints(p.schema, p.name, `${at}/schema`, out);
  contentConstraints(p, p.name, at, out);
}

function responseConstraints(r, at, out) {
  if (!r || r.$ref) return;
  contentConstraints(r, 'response', at, out);
  for (const [name, h] of Object.entries(r.headers ?? {})) if (!h.$ref) schemaConstraints(h.schema, name, `${at}/headers/${esc(name)}/schema`, out);
}

const esc = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Every scope of a bundled document that writes constraints or records evidence: each operation and
 * each component. `{ kind, name, pointer, evidence, constraints: [{field, keyword, at}] }`.
 */
export function constraintScopes(doc) {
  const scopes = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const at = `#/paths/${esc(p)}/${method}`;
      const out = [];
      (item.parameters ?? []).forEach((prm, i) => parameterConstraints(prm, `#/paths/${esc(p)}/parameters/${i}`, out));
      (op.parameters ?? []).forEach((prm, i) => parameterConstraints(prm, `${at}/parameters/${i}`, out));
      if (op.requestBody && !op.requestBody.$ref) contentConstraints(op.requestBody, 'body', `${at}/requestBody`, out);
      for (const [status, r] of Object.entries(op.responses ?? {})) responseConstraints(r, `${at}/responses/${status}`, out);
      scopes.push({ kind: 'operation', name: `${method.toUpperCase()} ${p}`, path: p, pointer: at, evidence: op['x-kakao-evidence'], constraints: out });
    }
  }
  for (const [section, entries] of Object.entries(doc.components ?? {})) {
    for (const [name, node] of Object.entries(entries ?? {})) {
      const at = `#/components/${section}/${esc(name)}`;
      const out = [];
      if (section === 'schemas') schemaConstraints(node, name, at, out);
      else if (section === 'parameters') parameterConstraints(node, at, out);
      else if (section === 'responses') responseConstraints(node, at, out);
      else if (section === 'headers') schemaConstraints(node.schema, name, `${at}/schema`, out);
      else continue;
      scopes.push({ kind: 'component', section, name, pointer: at, evidence: node['x-kakao-evidence'], constraints: out });
    }
  }
  return scopes;
}

/** Splits an entry of `fields` into the field and, when given, the one keyword it covers. */
export function parseFieldName(entry) {
  const dot = entry.lastIndexOf('.');
  const keyword = dot > 0 ? entry.slice(dot + 1) : '';
  if (keyword === 'required' || CONSTRAINT_KEYWORDS.includes(keyword)) return { field: entry.slice(0, dot), keyword };
  return { field: entry, keyword: undefined };
}

/**
 * What is wrong with the constraint records of a bundled document, one sentence per problem naming
 * the scope (operation or component) and the field: a constraint nobody cites, an entry that names
 * nothing constrained, a source missing from `sources`, a reading without words.
 */
export function constraintProblems(doc) {
  const problems = [];
  for (const scope of constraintScopes(doc)) {
    const where = scope.kind === 'operation' ? scope.name : `components.${scope.section}.${scope.name}`;
    const evidence = scope.evidence;
    const entries = evidence?.constraints ?? [];
    if (!Array.isArray(entries)) {
      problems.push(`${where}: x-kakao-evidence.constraints must be a list of {source | reading, fields}`);
      continue;
    }
    const sources = evidence?.sources ?? [];
    const covered = [];
    entries.forEach((entry, i) => {
      const label = `${where}: x-kakao-evidence.constraints[${i}]`;
      const hasSource = typeof entry?.source === 'string';
      const hasReading = typeof entry?.reading === 'string';
      if (hasSource === hasReading) problems.push(`${label} needs exactly one of source (a URL of sources) or reading (why this project keeps it)`);
      if (hasSource && !sources.includes(entry.source)) problems.push(`${label}: source ${entry.source} is not listed in x-kakao-evidence.sources`);
      if (hasReading && entry.reading.trim().length < 20) problems.push(`${label}: say in a sentence why this project reads it so`);
      if (!Array.isArray(entry?.fields) || !entry.fields.length) problems.push(`${label} names no fields`);
      for (const name of entry?.fields ?? []) {
        const { field, keyword } = parseFieldName(String(name));
        const matches = scope.constraints.filter((c) => c.field === field && (!keyword || c.keyword === keyword));
        if (!matches.length) problems.push(`${label} names ${name}, which has no ${keyword ?? 'limit, default, required flag or enum'} here (remove it from the list)`);
        for (const c of matches) covered.push(c);
      }
    });
    for (const c of scope.constraints) {
      if (covered.includes(c)) continue;
      problems.push(`${where}: ${c.field}.${c.keyword} cites no source (${c.at})`);
    }
  }
  return problems;
}

/** The own readings of a scope, as the reference shows them: "`offset` (minimum): why". */
export function ownReadings(evidence) {
  return (evidence?.constraints ?? [])
    .filter((e) => typeof e.reading === 'string')
    .map((e) => `${e.fields.map((f) => `\`${f}\``).join(', ')}: ${e.reading.trim()}`);
}
