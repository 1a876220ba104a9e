// The landing page of the docs site, generated from the combined document: what this is, the
// products with their endpoint counts and hosts, how to call the client and run the mock.
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function productRows(doc) {
  const ops = Object.values(doc.paths).flatMap((item) => METHODS.filter((m) => item[m]).map((m) => ({ op: item[m], host: new URL((item[m].servers ?? item.servers ?? doc.servers)[0].url).host })));
  return doc['x-tagGroups'].map((group) => {
    const mine = ops.filter(({ op }) => group.tags.includes(op.tags?.[0]));
    const evidence = {};
    for (const { op } of mine) evidence[op['x-kakao-evidence'].level] = (evidence[op['x-kakao-evidence'].level] ?? 0) + 1;
    return { name: group.name, product: group['x-product'], operations: mine.length, hosts: [...new Set(mine.map((o) => o.host))].sort(), evidence, apis: mine.map(({ op }) => op.summary) };
  });
}

export function landingPage(doc, downloads) {
  const rows = productRows(doc);
  const total = rows.reduce((n, r) => n + r.operations, 0);
  const levels = ['kakao-docs', 'kakao-sdk', 'corroborated', 'observed'];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Kakao REST API — OpenAPI description, typed client and mock</title>
<style>
  :root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #3c1e1e; --kakao: #fee500; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans KR", sans-serif; color: var(--fg); }
  header { background: var(--kakao); padding: 2.5rem 1.5rem 2rem; }
  header > div, main { max-width: 64rem; margin: 0 auto; }
  h1 { margin: 0 0 .5rem; font-size: 2rem; color: var(--accent); }
  header p { margin: .25rem 0; max-width: 48rem; }
  .cta { display: inline-block; margin: 1rem .75rem 0 0; padding: .6rem 1rem; border-radius: 6px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
  .cta.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
  main { padding: 1.5rem; }
  h2 { margin-top: 2.25rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
  table { border-collapse: collapse; width: 100%; font-size: .95rem; }
  th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 600; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  code, pre { font: .9em/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
  pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: .9rem 1rem; overflow-x: auto; }
  .muted { color: var(--muted); }
  details summary { cursor: pointer; color: var(--muted); }
  footer { max-width: 64rem; margin: 2rem auto; padding: 0 1.5rem 2rem; color: var(--muted); font-size: .9rem; }
</style>
</head>
<body>
<header><div>
  <h1>Kakao REST API, described</h1>
  <p>An OpenAPI 3.1 description of the Kakao REST API (developers.kakao.com) — Kakao publishes none — written by hand from Kakao's reference pages and SDKs, with a typed TypeScript client and a mock server that fails the way Kakao fails.</p>
  <p><strong>${total} operations</strong> in ${rows.length} products. Each one names its host, its authorization, the consent items it needs, Kakao's page, and how sure we are of every fact.</p>
  <a class="cta" href="reference.html">Open the API reference</a>
  <a class="cta secondary" href="#downloads">Download the OpenAPI documents</a>
</div></header>
<main>
  <h2 id="products">Products</h2>
  <table>
    <thead><tr><th>Product</th><th>Operations</th><th>Host</th><th>Evidence</th></tr></thead>
    <tbody>
${rows
  .map(
    (r) => `      <tr><td><strong>${esc(r.name)}</strong><details><summary>APIs</summary>${r.apis.map(esc).join('<br>')}</details></td><td class="num">${r.operations}</td><td>${r.hosts.map((h) => `<code>${esc(h)}</code>`).join('<br>')}</td><td>${levels
      .filter((l) => r.evidence[l])
      .map((l) => `${esc(l)}: ${r.evidence[l]}`)
      .join('<br>')}</td></tr>`,
  )
  .join('\n')}
    </tbody>
  </table>
  <p class="muted">Evidence: <code>kakao-docs</code> read on Kakao's reference page; <code>kakao-sdk</code> taken from Kakao's official SDK source; <code>corroborated</code> from independent projects that call the live API. Each operation's notes say what its sources leave unclear.</p>

  <h2 id="client">Call Kakao from TypeScript</h2>
  <pre><code>npm install kakao-openapi</code></pre>
  <pre><code>import { createKakaoClient } from 'kakao-openapi';

const kakao = createKakaoClient({ accessToken: process.env.KAKAO_ACCESS_TOKEN });
const { data, error } = await kakao.GET('/v2/user/me', {
  params: { query: { property_keys: ['kakao_account.email'] } },
});
if (error) throw error; // typed: error.kind is 'api' (code, msg), 'auth' (KOE…) or 'dapi'
console.log(data.id, data.kakao_account?.email);</code></pre>
  <p>Each path goes to its own Kakao host, with <code>Bearer</code> or <code>KakaoAK</code> as the operation requires, and JSON-text parameters are typed values. Every operation in the reference has a curl and a TypeScript sample.</p>

  <h2 id="mock">Test against the mock</h2>
  <pre><code>npx kakao-mock --port 4010     # or: import { startKakaoMock } from 'kakao-openapi/mock'

const kakao = createKakaoClient({ baseUrl: 'http://127.0.0.1:4010', accessToken: 'any-token' });</code></pre>
  <p>Every documented operation answers with Kakao's examples (or generated data with <code>--dynamic</code>); missing credentials, the wrong kind of key and invalid parameters get Kakao's own error bodies. <code>Prefer: code=401</code> picks a documented error response. The Kakao Login flow runs end to end: <code>/oauth/authorize</code> redirects with a code that <code>/oauth/token</code> accepts.</p>

  <h2 id="downloads">Download the OpenAPI documents</h2>
  <p>For other generators or your own validators: the combined document and one per product. For Postman: the collection (a folder per product, each request on its host with its credential) and two environments, Kakao and the mock. For VS Code REST Client, JetBrains HTTP Client or httpyac: one <code>.http</code> file per product and <code>http-client.env.json</code>.</p>
  <ul>
${downloads.map((f) => `    <li><a href="${esc(f)}" download>${esc(f)}</a></li>`).join('\n')}
  </ul>
</main>
<footer>Unofficial: not made or endorsed by Kakao. Each operation links Kakao's own page. ${esc(doc.info.title)} ${esc(doc.info.version)}.</footer>
</body>
</html>
`;
}
