// Code samples for every operation, generated from the spec so they never drift: curl (right host,
// Authorization header, form or query encoding, JSON text) and the TypeScript client.
import { validRequests } from './requests.mjs';

const PLACEHOLDER = { accessToken: '${ACCESS_TOKEN}', restApiKey: '${REST_API_KEY}', adminKey: '${ADMIN_KEY}' };
const ENV = { accessToken: 'KAKAO_ACCESS_TOKEN', restApiKey: 'KAKAO_REST_API_KEY', adminKey: 'KAKAO_ADMIN_KEY' };

/** Values as the wire carries them: JSON text for objects and arrays Kakao takes as JSON. */
const wire = (value, jsonText, csv) =>
  jsonText ? JSON.stringify(value) : Array.isArray(value) ? (csv ? value.join(',') : value) : typeof value === 'object' ? JSON.stringify(value) : String(value);

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

function curl(doc, r, info) {
  const scheme = r.credential ? doc.components.securitySchemes[r.credential]?.scheme : undefined;
  let path = r.path;
  for (const [name, value] of Object.entries(r.init.params?.path ?? {})) path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  const lines = [`curl${r.method === 'get' ? ' -G' : ` -X ${r.method.toUpperCase()}`} "https://${r.host}${path}"`];
  if (scheme) lines.push(`-H "Authorization: ${scheme === 'bearer' ? 'Bearer' : scheme} ${PLACEHOLDER[r.credential]}"`);
  const pairs = (values, json = [], csv = []) =>
    Object.entries(values ?? {}).flatMap(([k, v]) => {
      const w = wire(v, json.includes(k), csv.includes(k));
      return (Array.isArray(w) ? w : [w]).map((x) => `--data-urlencode ${shellQuote(`${k}=${x}`)}`);
    });
  lines.push(...pairs(r.init.params?.query, info.jsonQuery, info.csvQuery));
  if (r.init.body && r.bodyType === 'application/x-www-form-urlencoded') {
    lines.push('-H "Content-Type: application/x-www-form-urlencoded;charset=utf-8"', ...pairs(r.init.body, info.jsonBody));
  } else if (r.init.body) {
    lines.push(`-H "Content-Type: ${r.bodyType}"`, `--data ${shellQuote(JSON.stringify(r.init.body))}`);
  }
  if (/^3/.test(r.success)) lines.push('--include  # a redirect: read the Location header');
  return lines.join(' \\\n  ');
}

const ts = (value, indent) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(indent)}`).replace(/"([A-Za-z_$][\w$]*)":/g, '$1:');

function typescript(r) {
  const options = r.credential ? `{ ${r.credential}: process.env.${ENV[r.credential]} }` : '{}';
  const redirect = /^3/.test(r.success);
  // A browser redirect: read its Location instead of following it.
  const init = redirect ? { ...r.init, redirect: 'manual' } : r.init;
  const args = Object.keys(init).length ? `, ${ts(init, 0)}` : '';
  const call = `await kakao.${r.method.toUpperCase()}('${r.path}'${args});`;
  const use = redirect
    ? `const { response } = ${call}\nconsole.log(response.headers.get('location'));`
    : `const { data, error } = ${call}\nif (error) throw error; // KakaoApiError, KakaoAuthError or KakaoDapiError: see error.kind\nconsole.log(data);`;
  return `import { createKakaoClient } from 'kakao-openapi';\n\nconst kakao = createKakaoClient(${options});\n${use}`;
}

/** operationId → [{ lang, label, source }] */
export function codeSamples(doc, operationsTable) {
  const out = {};
  for (const r of validRequests(doc)) {
    const info = operationsTable[`${r.method.toUpperCase()} ${r.path}`] ?? {};
    out[r.operation.operationId] = [
      { lang: 'Shell', label: 'curl', source: curl(doc, r, info) },
      { lang: 'TypeScript', label: 'TypeScript client', source: typescript(r) },
    ];
  }
  return out;
}
