// The error-code page, generated from the documents: the shared error responses carry
// `x-kakao-error-codes` (openapi/README.md), and the operations that use each response give a
// code's HTTP status and the operations that return it.
import { eachOperation } from './requests.mjs';
import { STRINGS } from './site-strings.mjs';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** `-401` → `e-401`, `KOE320` → `e-KOE320`: an id that is also readable in the address. */
export const codeAnchor = (code) => `e${String(code).startsWith('-') ? '' : '-'}${code}`;

const KINDS = ['kapi', 'kauth', 'dapi'];
const kindOf = (code) => (typeof code === 'number' ? 'kapi' : /^KOE/.test(code) ? 'kauth' : 'dapi');

/**
 * Every code of the document: `{ code, kind, meaning: {en, ko}, action: {en, ko}, statuses,
 * responses, operations: [{ operationId, summary, tag, method, path }] }`, kapi codes first
 * (by number, -1 down), then KOE codes, then dapi errorTypes.
 */
export function errorCodes(doc) {
  const byCode = new Map();
  for (const [name, response] of Object.entries(doc.components?.responses ?? {})) {
    for (const entry of response['x-kakao-error-codes'] ?? []) {
      const key = String(entry.code);
      // An entry with only a code names a code another shared response describes.
      const known = byCode.get(key) ?? { code: entry.code, kind: kindOf(entry.code), statuses: new Set(), responses: [], operations: [] };
      if (entry.meaning && !known.meaning) Object.assign(known, { meaning: entry.meaning, action: entry.action });
      known.responses.push(name);
      byCode.set(key, known);
    }
  }
  for (const { path, method, operation } of eachOperation(doc)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const name = response.$ref?.replace('#/components/responses/', '');
      for (const c of byCode.values()) {
        if (!c.responses.includes(name)) continue;
        c.statuses.add(status);
        if (!c.operations.some((o) => o.operationId === operation.operationId)) c.operations.push({ operationId: operation.operationId, summary: operation.summary, tag: operation.tags?.[0], method, path });
      }
    }
  }
  const order = (a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.kind === 'kapi' ? b.code - a.code : String(a.code).localeCompare(String(b.code)));
  const undescribed = [...byCode.values()].filter((c) => !c.meaning?.en || !c.meaning?.ko || !c.action?.en || !c.action?.ko);
  if (undescribed.length) throw new Error(`x-kakao-error-codes: ${undescribed.map((c) => `${c.code} (in ${c.responses.join(', ')})`).join(', ')} lack(s) meaning/action in en and ko`);
  return [...byCode.values()].map((c) => ({ ...c, statuses: [...c.statuses].sort() })).sort(order);
}

/** Redoc's deep link to an operation: #/<tag slug>/<operationId lower-cased>. */
export const operationLink = (o) => `reference.html#/${String(o.tag).toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}/${o.operationId.toLowerCase()}`;

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
<h3><code>${esc(c.code)}</code> <span class="status">HTTP ${c.statuses.map(esc).join(', ') || '—'}</span></h3>
<dl>
<dt>${esc(t.meaning)}</dt><dd>${esc(c.meaning[lang])}</dd>
<dt>${esc(e.action)}</dt><dd>${esc(c.action[lang])}</dd>
<dt>${esc(e.operations)} (${c.operations.length})</dt><dd>${c.operations.length ? `<details><summary>${esc(e.showOperations)}</summary><ul>${c.operations.map((o) => `<li><a href="${operationLink(o)}"><code>${esc(o.method.toUpperCase())} ${esc(o.path)}</code></a> ${esc(o.summary)}</li>`).join('')}</ul></details>` : '—'}</dd>
</dl>
</section>`,
  )
  .join('\n')}`;
  };
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(e.title)}</title>
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
    kinds: { kapi: 'kapi.kakao.com: {code, msg}의 code', kauth: 'kauth.kakao.com: error_code (KOE…)', dapi: 'dapi.kakao.com(로컬, 검색): errorType' },
    kindNotes: {
      kapi: 'API 서버는 {"code": -401, "msg": "…"} 형식으로 응답합니다. 코드는 음수이며, 숫자만으로 HTTP 상태 코드를 알 수는 없습니다.',
      kauth: '인증 서버는 OAuth 2.0의 {error, error_description}에 카카오의 error_code를 더해 응답합니다.',
      dapi: '로컬, 다음 검색 API는 {"errorType": "…", "message": "…"} 형식으로 응답합니다. 카카오는 이 형식을 문서로 밝히지 않았으며, 공개 프로젝트가 실제 호출에서 기록한 응답입니다.',
    },
  },
};
