// The `.http` files (one per product), in the request format that VS Code's REST Client, JetBrains'
// HTTP Client and httpyac share: `###` between requests, `# @name`, `{{variable}}`. Hosts and
// credentials are variables, defined per environment in http-client.env.json ("kakao", "mock").
import { eachOperation } from './requests.mjs';
import { hostVariable, requestExample, SCHEME_AUTH } from './request-examples.mjs';
import { environmentValues } from './postman.mjs';

const VARIABLE = /(\{\{[^}]+\}\})/;

/** Percent-encodes a form or query value, leaving `{{variables}}` for the tool to fill in. */
const encode = (value) =>
  String(value)
    .split(VARIABLE)
    .map((part) => (VARIABLE.test(part) ? part : encodeURIComponent(part)))
    .join('');

const asText = (value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

function pairs(map) {
  return Object.entries(map).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encode(asText(x))}`));
}

function httpRequest(doc, op) {
  const { path, method, operation } = op;
  const example = requestExample(doc, op);
  const host = hostVariable(op.servers);
  const pathText = path.replace(/\{([^}]+)\}/g, (_m, name) => encodeURIComponent(asText(example.path[name])));
  const query = pairs(example.query);
  const success = Object.keys(operation.responses).find((s) => /^[23]/.test(s));
  const lines = [`### ${operation.summary}`, `# @name ${operation.operationId}`];
  if (/^3/.test(success)) lines.push('# @no-redirect');
  const optional = Object.keys(example.optionalQuery);
  if (optional.length) lines.push(`# Optional query parameters: ${optional.join(', ')}.`);
  if (example.optionalBody && Object.keys(example.optionalBody).length) lines.push(`# Optional form fields: ${Object.keys(example.optionalBody).join(', ')}.`);
  lines.push(`# Documented success: ${success}. ${operation.externalDocs?.url ?? ''}`.trimEnd());
  lines.push(`${method.toUpperCase()} {{${host}}}${pathText}${query.length ? `?${query.join('&')}` : ''}`);
  const first = operation.security?.[0];
  if (first) {
    const { kind, variable } = SCHEME_AUTH[Object.keys(first)[0]];
    lines.push(`Authorization: ${kind === 'bearer' ? 'Bearer' : 'KakaoAK'} {{${variable}}}`);
  }
  if (example.bodyType === 'application/x-www-form-urlencoded') {
    lines.push('Content-Type: application/x-www-form-urlencoded;charset=utf-8', '', pairs(example.body ?? {}).join('&'));
  } else if (example.bodyType === 'application/json') {
    lines.push('Content-Type: application/json', '', JSON.stringify(example.body ?? {}, null, 2));
  } else if (example.bodyType) {
    throw new Error(`${operation.operationId}: request body ${example.bodyType} has no .http form`);
  }
  return lines.join('\n');
}

/**
 * @param {object} doc the combined document
 * @param {string} banner the "generated, do not edit" line
 * @returns {Map<string, string>} file name → text: `<product>.http` per product and `http-client.env.json`
 */
export function httpFiles(doc, banner) {
  const productOfTag = new Map();
  for (const group of doc['x-tagGroups'] ?? []) for (const tag of group.tags) productOfTag.set(tag, group);
  const byProduct = new Map((doc['x-tagGroups'] ?? []).map((g) => [g['x-product'], []]));
  for (const op of eachOperation(doc)) {
    const group = productOfTag.get(op.operation.tags?.[0]);
    if (!group) throw new Error(`${op.operation.operationId}: its tag is in no x-tagGroups entry`);
    byProduct.get(group['x-product']).push(httpRequest(doc, op));
  }
  const files = new Map();
  for (const group of doc['x-tagGroups'] ?? []) {
    const requests = byProduct.get(group['x-product']);
    if (!requests.length) continue;
    const header = [
      `# ${group.name}: every operation of the Kakao REST API reference's table, one request each.`,
      `# ${banner}`,
      '# Hosts and credentials ({{kapi}}, {{access_token}}, {{rest_api_key}}, {{admin_key}} …) come from the',
      '# environments in http-client.env.json: "kakao" (fill in your keys) or "mock" (npm run mock -- --static: any token, documented examples).',
      '# "Get token" takes {{authorization_code}}: the `code` that Kakao appends to redirect_uri after login.',
    ].join('\n');
    files.set(`${group['x-product']}.http`, `${header}\n\n${requests.join('\n\n')}\n`);
  }
  const env = Object.fromEntries(
    Object.entries(environmentValues()).map(([id, { values }]) => [id, { ...values, authorization_code: '' }]),
  );
  files.set('http-client.env.json', `${JSON.stringify(env, null, 2)}\n`);
  return files;
}
