// The landing page of the docs site, generated from the combined document, in Korean (the site's
// default, as on Kakao's own site) or English: what this is, the products with their APIs (each
// linked to its operation), how to call the client and run the mock, and the downloads.
import { operationLink } from './errors.mjs';
import { STRINGS } from './site-strings.mjs';
import { esc, pageHead } from './html.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function productRows(doc) {
  const ops = Object.entries(doc.paths).flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => ({ op: item[m], method: m, path: p, host: new URL((item[m].servers ?? item.servers ?? doc.servers)[0].url).host })));
  return doc['x-tagGroups'].map((group) => {
    const mine = ops.filter(({ op }) => group.tags.includes(op.tags?.[0]));
    const evidence = {};
    for (const { op } of mine) evidence[op['x-kakao-evidence'].level] = (evidence[op['x-kakao-evidence'].level] ?? 0) + 1;
    return { name: group.name, product: group['x-product'], operations: mine.length, hosts: [...new Set(mine.map((o) => o.host))].sort(), evidence, apis: mine.map(({ op, method, path }) => ({ summary: op.summary, link: operationLink({ tag: op.tags[0], operationId: op.operationId }), method, path })) };
  });
}

const size = (bytes) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/**
 * The downloads, in product order: the combined document first, then one per product, each as
 * JSON and YAML, English then Korean. Other formats (e.g. a Postman collection) are more entries
 * of the same shape: { href, label, bytes, lang, group }.
 */
export function downloadEntries(doc, files) {
  const order = ['kakao', ...doc['x-tagGroups'].map((g) => g['x-product'])];
  const name = (f) => f.file.split('/').pop().replace(/\.(json|yaml)$/, '');
  // Documents in product order; other downloads (Postman, .http) after them.
  const rank = (f) => (f.group ? order.length : order.indexOf(name(f)));
  return [...files]
    .sort((a, b) => rank(a) - rank(b) || (a.lang === b.lang ? 0 : a.lang === 'en' ? -1 : 1) || a.file.localeCompare(b.file))
    .map((f) => ({ href: f.href ?? `openapi/${f.file}`, label: f.file.split('/').pop(), bytes: f.bytes, lang: f.lang, group: f.group ?? name(f) }));
}

export function landingPage(doc, files, { lang = 'en', base = '', version }) {
  const t = STRINGS[lang];
  const L = LANDING[lang];
  const rows = productRows(doc);
  const total = rows.reduce((n, r) => n + r.operations, 0);
  const levels = ['kakao-docs', 'kakao-sdk', 'corroborated', 'observed'];
  const ref = `${base}${lang}/`;
  const other = lang === 'ko' ? 'en' : 'ko';
  const downloads = downloadEntries(doc, files);
  const groups = [...new Set(downloads.map((d) => d.group))];
  const groupName = (g) => (g === 'kakao' ? L.combined : rows.find((r) => r.product === g)?.name ?? g);
  return `${pageHead(lang, L.title)}
<style>
  :root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #59636e; --line: #d1d9e0; --accent: #3c1e1e; --kakao: #fee500; --code: #f6f8fa; --link: #0969da; }
  @media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --line: #3d444d; --code: #151b23; --link: #4493f8; } }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color: var(--fg); background: var(--bg); }
  a { color: var(--link); }
  header { background: var(--kakao); color: #191919; padding: 1rem 1.25rem 2rem; }
  header a { color: #191919; }
  header > div, main { max-width: 64rem; margin: 0 auto; }
  .top { display: flex; justify-content: flex-end; gap: 1rem; font-size: .95rem; }
  h1 { margin: .75rem 0 .5rem; font-size: 2rem; color: var(--accent); }
  header p { margin: .25rem 0; max-width: 48rem; }
  .cta { display: inline-block; margin: 1rem .75rem 0 0; padding: .6rem 1rem; border-radius: 6px; background: var(--accent); color: #fff !important; text-decoration: none; font-weight: 600; }
  .cta.secondary { background: #fff; color: var(--accent) !important; border: 1px solid var(--accent); }
  main { padding: 1.25rem; }
  h2 { margin-top: 2.25rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  code, pre { font: .9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; overflow-x: auto; }
  .muted { color: var(--muted); }
  details summary { cursor: pointer; color: var(--link); }
  ul.apis { margin: .3rem 0 .5rem; padding-left: 1.1rem; }
  ul.apis code { font-size: .8em; color: var(--muted); }
  ul.downloads { list-style: none; padding: 0; }
  ul.downloads li { padding: .3rem 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: .2rem 1rem; }
  ul.downloads .files { display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
  footer { max-width: 64rem; margin: 2rem auto; padding: 0 1.25rem 2rem; color: var(--muted); font-size: .9rem; }
  /* A 390 px screen: each product becomes a card instead of a table row. */
  @media (max-width: 40rem) {
    table.products thead { display: none; }
    table.products, table.products tbody, table.products tr, table.products td { display: block; width: 100%; }
    table.products tr { border: 1px solid var(--line); border-radius: 8px; margin: .75rem 0; padding: .3rem .2rem; }
    table.products td { border: 0; padding: .2rem .6rem; text-align: left; }
    table.products td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
    table.products td.num { text-align: left; }
    h1 { font-size: 1.6rem; }
  }
</style>
</head>
<body>
<header><div>
  <nav class="top" aria-label="${esc(t.siteNav)}"><a href="${ref}errors.html">${esc(t.errorCodes)}</a><a class="kx-lang" hreflang="${other}" lang="${other}" href="${base}${other === 'ko' ? 'index.html' : 'en/index.html'}">${esc(STRINGS[other].languageName)}</a></nav>
  <h1>${esc(L.heading)}</h1>
  <p>${esc(L.intro)}</p>
  <p><strong>${esc(L.count(total, rows.length))}</strong> ${esc(L.each)}</p>
  <a class="cta" href="${ref}reference.html">${esc(L.open)}</a>
  <a class="cta secondary" href="#downloads">${esc(L.download)}</a>
</div></header>
<main>
  <h2 id="products">${esc(L.products)}</h2>
  <table class="products">
    <thead><tr><th>${esc(L.product)}</th><th>${esc(L.operations)}</th><th>${esc(L.host)}</th><th>${esc(t.evidence)}</th></tr></thead>
    <tbody>
${rows
  .map(
    (r) => `      <tr><td><strong>${esc(r.name)}</strong><details><summary>${esc(L.apis)}</summary><ul class="apis">${r.apis.map((a) => `<li><a href="${ref}${a.link}">${esc(a.summary)}</a> <code>${esc(a.method.toUpperCase())} ${esc(a.path)}</code></li>`).join('')}</ul></details></td><td class="num" data-label="${esc(L.operations)}">${r.operations}</td><td data-label="${esc(L.host)}">${r.hosts.map((h) => `<code>${esc(h)}</code>`).join('<br>')}</td><td data-label="${esc(t.evidence)}">${levels
      .filter((l) => r.evidence[l])
      .map((l) => `${esc(t.badges[l])}: ${r.evidence[l]}`)
      .join('<br>')}</td></tr>`,
  )
  .join('\n')}
    </tbody>
  </table>
  <p class="muted">${esc(L.evidenceNote)}</p>

  <h2 id="client">${esc(L.client)}</h2>
  <pre><code>npm install ./kakao-openapi-${esc(version)}.tgz   # packed by npm run pack, until it is on the npm registry
npm install kakao-openapi                    # once published</code></pre>
  <pre><code>import { createKakaoClient } from 'kakao-openapi';

const kakao = createKakaoClient({ accessToken: process.env.KAKAO_ACCESS_TOKEN });
const { data, error } = await kakao.GET('/v2/user/me', {
  params: { query: { property_keys: ['kakao_account.email'] } },
});
if (error) throw error; // typed: error.kind is 'api' (code, msg), 'auth' (KOE…) or 'dapi'
console.log(data.id, data.kakao_account?.email);</code></pre>
  <p>${esc(L.clientNote)}</p>

  <h2 id="mock">${esc(L.mock)}</h2>
  <pre><code>npm install -D kakao-openapi-mock
npx kakao-mock --static --port 4010   # or: import { startKakaoMock } from 'kakao-openapi-mock'

const kakao = createKakaoClient({ baseUrl: 'http://127.0.0.1:4010', accessToken: 'any-token' });</code></pre>
  <p>${esc(L.mockNote)}</p>

  <h2 id="downloads">${esc(L.download)}</h2>
  <p>${esc(L.downloadNote)}</p>
  <ul class="downloads">
${groups
  .map(
    (g) => `    <li><strong>${esc(groupName(g))}</strong><span class="files">${downloads
      .filter((d) => d.group === g)
      .map((d) => `<a href="${base}${esc(d.href)}" download>${esc(d.label)}</a>${d.lang !== 'en' ? ` <span class="muted">(${esc(STRINGS[d.lang]?.languageName ?? d.lang)})</span>` : ''} <span class="muted">${size(d.bytes)}</span>`)
      .join('</span><span class="files">')}</span></li>`,
  )
  .join('\n')}
  </ul>
</main>
<footer>${esc(L.unofficial)} ${esc(doc.info.title)} ${esc(version)}.</footer>
</body>
</html>
`;
}

const LANDING = {
  en: {
    title: 'Kakao REST API — OpenAPI description, typed client and mock',
    heading: 'Kakao REST API, described',
    intro: "An OpenAPI 3.1 description of the Kakao REST API (developers.kakao.com) — Kakao publishes none — written by hand from Kakao's reference pages and SDKs, with a typed TypeScript client and a mock server that fails the way Kakao fails.",
    count: (n, p) => `${n} operations in ${p} products.`,
    each: "Each one names its host, its authorization, the consent items it needs, Kakao's page, and how sure we are of every fact; each can be tried from the page.",
    open: 'Open the API reference',
    download: 'Download the OpenAPI documents',
    products: 'Products',
    product: 'Product',
    operations: 'Operations',
    host: 'Host',
    apis: 'APIs',
    evidenceNote: "Evidence: Kakao's docs — read on Kakao's reference page; Kakao's SDK — taken from Kakao's official SDK source; Corroborated — from independent projects that call the live API. Each operation's notes say what its sources leave unclear.",
    client: 'Call Kakao from TypeScript',
    clientNote: 'Each path goes to its own Kakao host, with Bearer or KakaoAK as the operation requires, and JSON-text parameters are typed values. Every operation in the reference has a curl and a TypeScript sample.',
    mock: 'Test against the mock',
    mockNote: "With --static, every documented operation answers with Kakao's examples (or generated data with --dynamic); without it the mock is a sandbox with state, consent, issued tokens and a clock (see the README). Either way, missing credentials, the wrong kind of key and invalid parameters get Kakao's own error bodies. npm start serves this site and the mock together; each operation's \"Try it\" sends to the mock by default.",
    downloadNote: 'For Postman, other generators or your own validators: the combined document and one per product, in English and Korean.',
    combined: 'Combined (every product)',
    unofficial: 'Unofficial: not made or endorsed by Kakao. Each operation links Kakao\'s own page.',
  },
  ko: {
    title: '카카오 REST API — OpenAPI 명세, 타입 클라이언트, 목 서버',
    heading: '카카오 REST API 명세',
    intro: '카카오 REST API(developers.kakao.com)의 OpenAPI 3.1 명세입니다. 카카오는 명세를 공개하지 않아, 카카오의 레퍼런스 문서와 SDK를 바탕으로 직접 작성했습니다. TypeScript 타입 클라이언트와, 카카오와 같은 방식으로 실패하는 목(mock) 서버를 함께 제공합니다.',
    count: (n, p) => `${p}개 제품, ${n}개 API.`,
    each: '각 API마다 호스트, 인증 방식, 필요한 동의항목, 카카오 문서 링크, 각 사실의 확실성을 밝혔고, 페이지에서 직접 호출해 볼 수 있습니다.',
    open: 'API 레퍼런스 열기',
    download: 'OpenAPI 문서 다운로드',
    products: '제품',
    product: '제품',
    operations: 'API 수',
    host: '호스트',
    apis: 'API 목록',
    evidenceNote: '근거: 카카오 문서 — 카카오 레퍼런스 문서에서 확인, 카카오 SDK — 카카오 공식 SDK 소스에서 확인, 교차 확인 — 실제 API를 호출하는 독립 프로젝트에서 확인. 각 API의 설명에 출처가 불분명한 점을 적었습니다.',
    client: 'TypeScript에서 카카오 API 호출하기',
    clientNote: '각 경로는 해당 카카오 호스트로, API가 요구하는 Bearer 또는 KakaoAK 인증으로 전송되며, JSON 텍스트 파라미터는 타입이 있는 값으로 다룹니다. 레퍼런스의 모든 API에 curl과 TypeScript 예제가 있습니다.',
    mock: '목 서버로 테스트하기',
    mockNote: '--static이면 문서화된 모든 API가 카카오의 예제(--dynamic이면 생성된 데이터)로 응답하고, 없으면 상태·동의·발급한 토큰·시계를 갖춘 샌드박스로 동작합니다(README 참고). 어느 쪽이든 인증 정보 누락, 잘못된 키 종류, 잘못된 파라미터에는 카카오의 에러 응답을 돌려줍니다. npm start는 이 사이트와 목 서버를 함께 띄우며, 각 API의 "직접 호출해 보기"는 기본으로 목 서버에 요청합니다.',
    downloadNote: 'Postman, 다른 코드 생성기, 자체 검증 도구용: 전체를 합친 문서와 제품별 문서를 영어와 한국어로 제공합니다.',
    combined: '전체(모든 제품)',
    unofficial: '비공식: 카카오가 만들거나 보증하지 않았습니다. 각 API는 카카오의 문서로 연결됩니다.',
  },
};
