// The error-code page, generated from the documents. `x-kakao-error-codes` (openapi/README.md)
// sits where the documents know a code from:
//   - on a shared error response: the operations that use the response return the code, with
//     the response's HTTP status (an entry's `operations` narrows them to those Kakao names);
//   - on an operation: the operation returns the code outside any documented response (Kakao
//     Login's error pages in the browser), so its HTTP status is not documented;
//   - on an error body schema (`KakaoError`): Kakao names the code (in its SDKs) but documents
//     neither its status nor which operations return it.
// Each code is described (meaning and action, en and ko) exactly once; other entries give only
// its `code`.
import { eachOperation } from './requests.mjs';
import { STRINGS } from './site-strings.mjs';
import { esc, pageHead } from './html.mjs';

/** `-401` → `e-401`, `KOE320` → `e-KOE320`: an id that is also readable in the address. */
export const codeAnchor = (code) => `e${String(code).startsWith('-') ? '' : '-'}${code}`;

const KINDS = ['kapi', 'kauth', 'dapi'];
const kindOf = (code) => (typeof code === 'number' ? 'kapi' : /^KOE/.test(code) ? 'kauth' : 'dapi');
const ENTRY_KEYS = ['code', 'meaning', 'action', 'operations'];
const LANGS = ['en', 'ko'];
const described = (text) => LANGS.every((l) => typeof text?.[l] === 'string' && text[l].trim());

/**
 * Every code of the document: `{ code, kind, meaning: {en, ko}, action: {en, ko}, statuses,
 * responses, operations: [{ operationId, summary, tag, method, path, status? }], operationsKnown }`,
 * kapi codes first (by number, -1 down), then KOE codes, then dapi errorTypes. `statuses` lists
 * the documented HTTP statuses; an operation whose `status` is null returns the code with a
 * status Kakao does not document; `operationsKnown` is false when Kakao does not say which
 * operations return the code. Throws, naming each entry's place, on an entry that is malformed,
 * undescribed, described twice, or narrowed to an operation that does not use its response.
 */
export function errorCodes(doc) {
  const byCode = new Map();
  const problems = [];
  const codeOf = (entry, where) => {
    const unknown = Object.keys(entry ?? {}).filter((k) => !ENTRY_KEYS.includes(k));
    if (unknown.length) problems.push(`${where}: unknown key(s) ${unknown.join(', ')}`);
    const ok = (Number.isInteger(entry?.code) && entry.code < 0) || (typeof entry?.code === 'string' && /^(KOE\d{3}|[A-Z][A-Za-z]+)$/.test(entry.code));
    if (!ok) problems.push(`${where}: code ${JSON.stringify(entry?.code)} is neither a negative integer, a KOE code nor an errorType`);
    return ok ? entry.code : undefined;
  };
  const take = (entry, where, origin) => {
    const code = codeOf(entry, where);
    if (code === undefined) return;
    const key = String(code);
    const known = byCode.get(key) ?? { code, kind: kindOf(code), statuses: new Set(), responses: [], origins: [], describedAt: [], operations: [] };
    if (entry.meaning || entry.action) {
      known.describedAt.push(where);
      if (!described(entry.meaning) || !described(entry.action)) problems.push(`${where}: ${code} lacks meaning/action in ${LANGS.join(' and ')}`);
      else if (!known.meaning) Object.assign(known, { meaning: entry.meaning, action: entry.action });
    }
    if (entry.operations !== undefined && (origin.kind !== 'response' || !Array.isArray(entry.operations) || !entry.operations.length)) problems.push(`${where}: ${code}: operations narrows a shared response's operations, as a non-empty list of operationIds`);
    if (origin.kind === 'response') known.responses.push(origin.name);
    known.origins.push({ ...origin, only: entry.operations, where });
    byCode.set(key, known);
  };
  for (const [name, response] of Object.entries(doc.components?.responses ?? {})) {
    (response['x-kakao-error-codes'] ?? []).forEach((entry, i) => take(entry, `components.responses.${name}.x-kakao-error-codes[${i}]`, { kind: 'response', name }));
  }
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    (schema['x-kakao-error-codes'] ?? []).forEach((entry, i) => take(entry, `components.schemas.${name}.x-kakao-error-codes[${i}]`, { kind: 'schema', name }));
  }
  const ops = [...eachOperation(doc)];
  for (const { path, method, operation } of ops) {
    (operation['x-kakao-error-codes'] ?? []).forEach((entry, i) => take(entry, `paths.${path}.${method}.x-kakao-error-codes[${i}]`, { kind: 'operation', operationId: operation.operationId }));
  }
  const add = (c, { path, method, operation }, status) => {
    const o = c.operations.find((x) => x.operationId === operation.operationId);
    if (o) {
      if (status !== null && o.status === null) o.status = status;
      return;
    }
    c.operations.push({ operationId: operation.operationId, summary: operation.summary, tag: operation.tags?.[0], method, path, status });
  };
  for (const c of byCode.values()) {
    if (c.describedAt.length > 1) problems.push(`${c.code} is described ${c.describedAt.length} times (${c.describedAt.join(', ')}); describe it once and give only its code elsewhere`);
    if (!c.describedAt.length) problems.push(`${c.code} (${c.origins.map((o) => o.where).join(', ')}) is described nowhere: add its meaning and action in ${LANGS.join(' and ')}`);
    for (const origin of c.origins) {
      if (origin.kind === 'operation') {
        const op = ops.find((o) => o.operation.operationId === origin.operationId);
        add(c, op, null);
        continue;
      }
      if (origin.kind !== 'response') continue;
      const users = ops.flatMap((op) => Object.entries(op.operation.responses ?? {}).filter(([, r]) => r.$ref === `#/components/responses/${origin.name}`).map(([status]) => ({ op, status })));
      for (const id of origin.only ?? []) {
        if (!users.some((u) => u.op.operation.operationId === id)) problems.push(`${origin.where}: ${c.code}: operation ${id} does not use the response ${origin.name}`);
      }
      for (const { op, status } of users) {
        if (origin.only && !origin.only.includes(op.operation.operationId)) continue;
        c.statuses.add(status);
        add(c, op, status);
      }
    }
  }
  if (problems.length) throw new Error(`x-kakao-error-codes:\n  ${problems.join('\n  ')}`);
  const order = (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.kind === 'kapi' ? b.code - a.code : String(a.code).localeCompare(String(b.code)));
  return [...byCode.values()]
    .map(({ origins, describedAt, ...c }) => ({ ...c, statuses: [...c.statuses].sort(), operationsKnown: origins.some((o) => o.kind !== 'schema') }))
    .sort(order);
}

/**
 * The error codes the document mentions, as a Map of code → the JSON pointers where it appears:
 * `KOE` codes in any text; negative numbers written as code (`` `-541` ``) in any text; the
 * `code`, `error_code` and `errorType` values of examples; an errorType named as such in a text
 * (`` `errorType` `RequestThrottled` ``). Ranges (`` `-815`–`-819` ``) count only their ends. The
 * error-code page must describe every one of them (test/error-codes.test.ts).
 */
export function mentionedErrorCodes(doc) {
  const found = new Map();
  const note = (code, at) => found.set(String(code), [...(found.get(String(code)) ?? []), at]);
  const walk = (node, at, inExample) => {
    if (typeof node === 'string') {
      for (const m of node.matchAll(/\bKOE\d{3}\b/g)) note(m[0], at);
      for (const m of node.matchAll(/`(-\d+)`/g)) note(m[1], at);
      for (const m of node.matchAll(/`errorType`\s+`([A-Z][A-Za-z]+)`/g)) note(m[1], at);
      return;
    }
    if (!node || typeof node !== 'object') return;
    if (inExample && !Array.isArray(node)) {
      if (Number.isInteger(node.code) && node.code < 0) note(node.code, `${at}/code`);
      if (typeof node.error_code === 'string') note(node.error_code, `${at}/error_code`);
      if (typeof node.errorType === 'string') note(node.errorType, `${at}/errorType`);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}/${k}`, inExample || k === 'example' || k === 'examples');
  };
  walk(doc, '', false);
  return found;
}

/** Redoc's deep link to an operation: #/<tag slug>/<operationId lower-cased>. */
export const operationLink = (o) => `reference.html#/${String(o.tag).toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}/${o.operationId.toLowerCase()}`;

/**
 * The HTTP status part of a code's heading: the documented statuses, and "not documented" when
 * Kakao gives none (or gives none for some of the operations that return it).
 */
export function statusLine(c, lang) {
  const e = ERRORS_STRINGS[lang];
  const someUndocumented = !c.operationsKnown || c.operations.some((o) => o.status === null);
  if (!c.statuses.length) return e.statusUnknown;
  return `HTTP ${c.statuses.join(', ')}${someUndocumented ? ` (${e.statusPartly})` : ''}`;
}

export function errorsPage(doc, lang, bar) {
  const t = STRINGS[lang];
  const e = ERRORS_STRINGS[lang];
  const codes = errorCodes(doc);
  const section = (kind) => {
    const mine = codes.filter((c) => c.kind === kind);
    if (!mine.length) return '';
    return `<h2 id="${kind}">${esc(e.kinds[kind])}</h2>
<p class="muted">${esc(e.kindNotes[kind])}</p>
${mine
  .map(
    (c) => `<section class="code" id="${codeAnchor(c.code)}">
<h3><code>${esc(c.code)}</code> <span class="status">${esc(statusLine(c, lang))}</span></h3>
<dl>
<dt>${esc(t.meaning)}</dt><dd>${esc(c.meaning[lang])}</dd>
<dt>${esc(e.action)}</dt><dd>${esc(c.action[lang])}</dd>
<dt>${esc(e.operations)}${c.operationsKnown ? ` (${c.operations.length})` : ''}</dt><dd>${c.operationsKnown ? `<details><summary>${esc(e.showOperations)}</summary><ul>${c.operations.map((o) => `<li><a href="${operationLink(o)}"><code>${esc(o.method.toUpperCase())} ${esc(o.path)}</code></a> ${esc(o.summary)}${o.status === null ? ` <span class="muted">(${esc(e.noStatus)})</span>` : ''}</li>`).join('')}</ul></details>` : esc(e.operationsUnknown)}</dd>
</dl>
</section>`,
  )
  .join('\n')}`;
  };
  return `${pageHead(lang, e.title)}
<style>
  :root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --code: #f6f8fa; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --code: #151b23; } a { color: #4493f8; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 56rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
  h1 { font-size: 1.7rem; }
  h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
  .code { border: 1px solid var(--line); border-radius: 8px; padding: .3rem 1rem .6rem; margin: .9rem 0; scroll-margin-top: 1rem; }
  .code:target { outline: 3px solid #fee500; }
  h3 { margin: .5rem 0; font-size: 1.15rem; display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
  .status { font-size: .85rem; color: var(--muted); font-weight: 500; }
  dl { display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: .25rem 1rem; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  code { font: .92em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: .05em .3em; border-radius: 4px; }
  ul { padding-left: 1.2rem; margin: .3rem 0; }
  .muted { color: var(--muted); }
  @media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dt { margin-top: .3rem; } }
</style>
</head>
<body>
${bar}
<main>
<h1>${esc(e.title)}</h1>
<p>${esc(e.intro)}</p>
<p class="muted">${esc(e.source)} <a href="https://developers.kakao.com/docs/latest/${lang}/rest-api/error-code">developers.kakao.com/docs/latest/${lang}/rest-api/error-code</a></p>
${KINDS.map(section).join('\n')}
</main>
</body>
</html>
`;
}

const ERRORS_STRINGS = {
  en: {
    title: 'Kakao REST API error codes',
    intro: 'Every error code the operations of this reference describe: what it means, the HTTP status it comes with, which operations return it, and what to do. Match on the code, not on the message text, which varies.',
    source: "Codes, statuses and meanings come from Kakao's error code page and the error pages of each product; statuses that Kakao does not state are marked so in the response descriptions.",
    action: 'What to do',
    operations: 'Operations',
    showOperations: 'Show the operations',
    statusUnknown: 'HTTP status not documented by Kakao',
    statusPartly: 'not documented for some operations',
    noStatus: 'HTTP status not documented',
    operationsUnknown: 'Kakao does not say which operations return this code.',
    kinds: { kapi: 'kapi.kakao.com: code in {code, msg}', kauth: 'kauth.kakao.com: error_code (KOE…)', dapi: 'dapi.kakao.com (Local, Search): errorType' },
    kindNotes: {
      kapi: 'The API server answers {"code": -401, "msg": "…"}; the code is negative and the HTTP status is not implied by the number.',
      kauth: 'The authorization server answers OAuth 2.0\'s {error, error_description} plus Kakao\'s error_code.',
      dapi: 'The Local and Daum Search APIs answer {"errorType": "…", "message": "…"}; Kakao documents neither, these are bodies public projects recorded from live calls.',
    },
  },
  ko: {
    title: '카카오 REST API 에러 코드',
    intro: '이 레퍼런스의 API가 설명하는 모든 에러 코드입니다. 코드의 의미, 함께 오는 HTTP 상태 코드, 이 코드를 반환하는 API, 해결 방법을 정리했습니다. 메시지 문구는 바뀔 수 있으니 코드로 판단하세요.',
    source: '코드, 상태 코드, 의미는 카카오의 에러 코드 문서와 제품별 문제 해결 문서에서 가져왔습니다. 카카오가 밝히지 않은 상태 코드는 응답 설명에 그렇게 표시했습니다.',
    action: '해결 방법',
    operations: 'API',
    showOperations: 'API 목록 보기',
    statusUnknown: 'HTTP 상태 코드: 카카오 문서에 없음',
    statusPartly: '일부 API는 상태 코드가 문서에 없음',
    noStatus: 'HTTP 상태 코드는 카카오 문서에 없음',
    operationsUnknown: '카카오는 이 코드를 반환하는 API를 밝히지 않았습니다.',
    kinds: { kapi: 'kapi.kakao.com: {code, msg}의 code', kauth: 'kauth.kakao.com: error_code (KOE…)', dapi: 'dapi.kakao.com(로컬, 검색): errorType' },
    kindNotes: {
      kapi: 'API 서버는 {"code": -401, "msg": "…"} 형식으로 응답합니다. 코드는 음수이며, 숫자만으로 HTTP 상태 코드를 알 수는 없습니다.',
      kauth: '인증 서버는 OAuth 2.0의 {error, error_description}에 카카오의 error_code를 더해 응답합니다.',
      dapi: '로컬, 다음 검색 API는 {"errorType": "…", "message": "…"} 형식으로 응답합니다. 카카오는 이 형식을 문서로 밝히지 않았으며, 공개 프로젝트가 실제 호출에서 기록한 응답입니다.',
    },
  },
};
