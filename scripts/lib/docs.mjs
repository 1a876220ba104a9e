// Builds the static site in docs/, in Korean and English:
//   index.html            landing page in Korean (as on Kakao's site); en/index.html in English
//   <lang>/reference.html the Redoc reference of the combined document in that language
//   <lang>/errors.html    every error code the documents describe, generated from x-kakao-error-codes
//   try.html, try.js      the try-it console (sends one operation's request to the mock or Kakao)
//   openapi/              the bundled documents for download (openapi/ko/ in Korean)
// Every file is also written gzip- and brotli-compressed (.gz, .br) for scripts/lib/serve.mjs.
// Everything is self-contained: the site works offline from any static host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { marked } from 'marked';
import { redocly } from './redocly.mjs';
import { root } from './products.mjs';
import { operationMap } from './client-artifacts.mjs';
import { codeSamples } from './samples.mjs';
import { deref, eachOperation, validRequests } from './requests.mjs';
import { landingPage } from './landing.mjs';
import { ownReadings } from './constraints.mjs';
import { errorCodes, errorsPage, codeAnchor, operationLink, statusLine } from './errors.mjs';
import { STRINGS, DOC_LANGS } from './site-strings.mjs';
import { translateRedoc } from './redoc-labels.mjs';
import { esc } from './html.mjs';

// Redoc's bundle shows Redocly's attribution logo from a CDN; the site must not reach other hosts,
// so the logo is served inline instead (same attribution, no request).
const CDN_LOGOS = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': 'Redoc',
  'https://cdn.redoc.ly/redoc/logo-mini.svg': 'Redoc',
};
const inlineLogo = (text) =>
  `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="${text.length * 7 + 8}" height="16"><text x="4" y="12" font-family="sans-serif" font-size="11" fill="#555">${text}</text></svg>`)}`;

/**
 * Where the limits, defaults, required flags and enums come from (x-kakao-evidence.constraints):
 * the fields each source states, linked by its number in `sources`, and this project's own
 * readings, which the reference must show as such.
 */
function constraintLines(evidence, t = STRINGS.en) {
  const cited = (evidence.constraints ?? []).filter((e) => typeof e.source === 'string');
  const parts = [];
  if (cited.length) {
    const list = cited.map((e) => `${e.fields.map((f) => `\`${f}\``).join(', ')} [${evidence.sources.indexOf(e.source) + 1}](${e.source})`);
    parts.push(`**${t.limitsStated}:** ${list.join('; ')}.`);
  }
  const readings = ownReadings(evidence);
  if (readings.length) parts.push(`**${t.ownReading}:** ${readings.join(' ')}`);
  return parts.join('\n\n');
}

const BADGE_COLORS = { 'kakao-docs': '#1a7f37', 'kakao-sdk': '#0969da', corroborated: '#9a6700', observed: '#8250df' };

/**
 * Markdown whose lines were wrapped in YAML: single line breaks inside a paragraph become spaces
 * (Redoc's search snippets otherwise glue the words: "which\ndocument" → "whichdocument").
 * Lists, tables, headings, quotes, indented and fenced code keep their line breaks.
 */
export function unwrap(text) {
  if (typeof text !== 'string') return text;
  const lines = text.split('\n');
  const out = [];
  let fenced = false;
  const block = (l) => /^\s*([-*+]\s|\d+[.)]\s|\||#|>|<|```|~~~)/.test(l) || /^( {4}|\t)/.test(l) || !l.trim();
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const prev = out[out.length - 1];
    const inListItem = prev !== undefined && /^\s*([-*+]\s|\d+[.)]\s)/.test(prev) && /^\s{2,}\S/.test(line) && !/^\s*([-*+]\s|\d+[.)]\s)/.test(line);
    if (!fenced && prev !== undefined && prev.trim() && !/^\s*(```|~~~|\||#)/.test(prev) && (inListItem || (!block(line) && !/^\s*(```|~~~)/.test(line)))) {
      out[out.length - 1] = `${prev.replace(/\s+$/, '')} ${line.trim()}`;
    } else out.push(line);
  }
  return out.join('\n');
}

/** Kakao's page for an operation in both languages (Kakao's URLs differ only by /ko/ and /en/). */
function kakaoPages(op) {
  const url = op.externalDocs?.url;
  if (!url || !/developers\.kakao\.com\/docs\/latest\/(en|ko)\//.test(url)) return url ? { en: url, ko: url } : undefined;
  return { en: url.replace('/docs/latest/ko/', '/docs/latest/en/'), ko: url.replace('/docs/latest/en/', '/docs/latest/ko/') };
}

/** The first sentence of the evidence notes: the one line on what is uncertain. */
function firstSentence(text) {
  const flat = unwrap(text).replace(/\s+/g, ' ').trim();
  const m = flat.match(/^(.{20,260}?[.!?。])(\s|$)/);
  return m ? m[1] : flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

/** The line after the operation's own description: Kakao's pages, try it, error codes. */
function operationLinks(op, lang, errorLinks) {
  const t = STRINGS[lang];
  const pages = kakaoPages(op);
  const links = [];
  if (pages) links.push(`${t.kakaoPage}: [${t.korean}](${pages.ko}) · [${t.english}](${pages.en})`);
  links.push(`[▶ ${t.tryIt}](../try.html?lang=${lang}#${op.operationId})`);
  if (errorLinks.length) links.push(`[${t.errorCodes} (${errorLinks.length})](errors.html)`);
  return links.join(' &nbsp;|&nbsp; ');
}

function factsBlock(op, host, lang) {
  const t = STRINGS[lang];
  const lines = [`**${t.host}:** \`${host}\``];
  const alternatives = (op.security ?? []).map((req) => Object.keys(req).map((k) => t.credentials[k] ?? k).join(' + '));
  lines.push(`**${t.authorization}:** ${alternatives.length ? alternatives.join(t.or) : t.noAuth}`);
  if (op['x-kakao-consent-items']?.length) lines.push(`**${t.consent}:** ${op['x-kakao-consent-items'].map((c) => `\`${c}\``).join(', ')}`);
  if (op['x-kakao-permissions']?.length) lines.push(`**${t.permissions}:** ${op['x-kakao-permissions'].join('; ')}`);
  const evidence = op['x-kakao-evidence'];
  if (evidence) {
    const uncertain = evidence.notes ? ` ${t.uncertain}: ${firstSentence(evidence.notes)}` : '';
    lines.push(`**${t.evidence}:** ${t.levels[evidence.level] ?? evidence.level}${evidence.observed ? ` (${t.observedOn} ${evidence.observed})` : ''}.${uncertain}`);
    if (evidence.unconfirmed?.length) lines.push(`**${t.unconfirmed}:** ${evidence.unconfirmed.map((part) => t.unconfirmedParts[part] ?? part).join(', ')}. ${t.unconfirmedHint}`);
    const limits = constraintLines(evidence, t);
    if (limits) lines.push(limits);
    const sources = evidence.sources.map((u) => `- <${u}>`).join('\n');
    lines.push(`<details><summary>${t.evidenceDetails}</summary>\n\n${evidence.notes ? `${unwrap(evidence.notes.trim())}\n\n` : ''}${t.sources}:\n\n${sources}\n\n</details>`);
  }
  if (op['x-kakao-undocumented-errors']) lines.push(`**${t.errors}:** ${unwrap(op['x-kakao-undocumented-errors'])}`);
  return lines.join('\n\n');
}

/**
 * A JSON-text value (`type: string` with `contentSchema`) shown as the object it carries: Redoc
 * renders neither `contentSchema` nor `contentMediaType`, so the docs show the object's fields
 * (from the same contentSchema the client and the mock use) with a note that it is sent as JSON text.
 */
function showJsonText(schema, lang) {
  if (!schema || typeof schema !== 'object' || schema.type !== 'string' || !schema.contentSchema) return schema;
  const note = STRINGS[lang].jsonText;
  const { contentSchema } = schema;
  const description = `${note}${schema.description ? `\n\n${schema.description}` : ''}`;
  if (contentSchema.$ref) return { allOf: [{ $ref: contentSchema.$ref }], description };
  return { ...contentSchema, description };
}

/** Every schema object of the document, rewritten in place by fn (properties, items, compositions). */
function walkSchemas(doc, fn) {
  const seen = new Set();
  const schema = (node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return node;
    seen.add(node);
    const replaced = fn(node);
    const target = replaced ?? node;
    for (const [k, v] of Object.entries(target.properties ?? {})) target.properties[k] = schema(v);
    for (const k of ['items', 'additionalProperties', 'not']) if (target[k] && typeof target[k] === 'object') target[k] = schema(target[k]);
    for (const k of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(target[k])) target[k] = target[k].map(schema);
    return target;
  };
  const content = (holder) => {
    for (const media of Object.values(holder?.content ?? {})) if (media.schema) media.schema = schema(media.schema);
  };
  const parameter = (p) => {
    if (p?.schema) p.schema = schema(p.schema);
    content(p);
  };
  for (const item of Object.values(doc.paths ?? {})) {
    (item.parameters ?? []).forEach(parameter);
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      (op.parameters ?? []).forEach(parameter);
      content(op.requestBody);
      Object.values(op.responses).forEach(content);
    }
  }
  const c = doc.components ?? {};
  for (const k of Object.keys(c.schemas ?? {})) c.schemas[k] = schema(c.schemas[k]);
  Object.values(c.parameters ?? {}).forEach(parameter);
  Object.values(c.responses ?? {}).forEach(content);
}

/** Unwraps every description and summary in place (see unwrap). */
function unwrapAll(node) {
  if (Array.isArray(node)) node.forEach(unwrapAll);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'description' || k === 'summary') && typeof v === 'string') node[k] = unwrap(v);
      else if (k !== 'examples' && k !== 'example' && k !== 'x-codeSamples') unwrapAll(v);
    }
  }
}

/**
 * The combined document as the reference shows it, in `lang`: the method and URL, Kakao's pages,
 * try-it and error-code links under each title; facts and evidence (badge, one line on what is
 * uncertain, notes folded); code samples; JSON-text parameters as nested objects; an "Error codes"
 * section for search; line-wrapped texts unwrapped.
 */
export function docsView(doc, lang = 'en') {
  const t = STRINGS[lang];
  const copy = structuredClone(doc);
  const samples = codeSamples(copy, operationMap(copy));
  const codes = errorCodes(copy);
  // Each shared error response lists its codes, linked to the error page.
  for (const [name, response] of Object.entries(copy.components.responses ?? {})) {
    const mine = codes.filter((c) => c.responses.includes(name));
    if (!mine.length) continue;
    // The description is shared by every operation that uses the response: codes Kakao ties to
    // only some of them (an entry's `operations`) are listed apart.
    const users = [...eachOperation(copy)].filter(({ operation }) => Object.values(operation.responses ?? {}).some((r) => r.$ref === `#/components/responses/${name}`));
    const narrowed = (c) => users.some(({ operation }) => !c.operations.some((o) => o.operationId === operation.operationId));
    const link = (c) => `[\`${c.code}\`](errors.html#${codeAnchor(c.code)})`;
    const all = mine.filter((c) => !narrowed(c)).map(link);
    const some = mine.filter(narrowed).map(link);
    response.description = `${response.description ?? ''}\n\n**${t.errorCodes}** (${t.seeErrorPage}): ${all.join(', ')}${some.length ? `; ${t.someOperationsOnly}: ${some.join(', ')}` : ''}`;
    delete response['x-kakao-error-codes'];
  }
  for (const schema of Object.values(copy.components.schemas ?? {})) delete schema['x-kakao-error-codes'];
  for (const { path: p, method, operation: op, servers } of eachOperation(copy)) {
    const url = `${new URL(servers[0].url).origin}${p}`;
    // The codes this operation returns: its responses' codes (narrowed where an entry names its operations) and its own.
    const errorLinks = codes.filter((c) => c.operations.some((o) => o.operationId === op.operationId)).map((c) => `[\`${c.code}\`](errors.html#${codeAnchor(c.code)})`);
    // Under the title: the method and full URL, then the operation's own words (the start of
    // Redoc's search snippets), Kakao's pages and the try-it link, then the facts.
    op.description = `\`${method.toUpperCase()}\` **\`${url}\`**\n\n${op.description ?? ''}\n\n${operationLinks(op, lang, errorLinks)}\n\n---\n\n${factsBlock(op, new URL(servers[0].url).host, lang)}`;
    // The evidence as a short badge beside the title.
    const level = op['x-kakao-evidence']?.level;
    if (level) op['x-badges'] = [{ name: t.badges[level] ?? level, color: BADGE_COLORS[level] ?? '#555' }];
    // Redoc keys a sample by its label ("curl", "TypeScript client"): the codeSamples.languages option lists both.
    if (samples[op.operationId]) op['x-codeSamples'] = samples[op.operationId];
    // Shown in the blocks above: the raw extensions would only weigh the page down.
    for (const key of Object.keys(op)) if (key.startsWith('x-kakao-')) delete op[key];
  }
  // Components record their own constraint sources: show them on the component, then drop the raw extension.
  for (const section of ['schemas', 'parameters', 'responses', 'headers']) {
    for (const node of Object.values(copy.components?.[section] ?? {})) {
      const evidence = node?.['x-kakao-evidence'];
      if (!evidence) continue;
      const limits = constraintLines(evidence, t);
      if (limits) node.description = `${node.description ? `${node.description.trimEnd()}\n\n` : ''}${limits}`;
      delete node['x-kakao-evidence'];
    }
  }
  walkSchemas(copy, (s) => showJsonText(s, lang));
  // A section of its own, so that searching a code ("-401", "KOE320") lands on it.
  copy.tags.push({ name: 'Error codes', 'x-displayName': t.errorCodes, 'x-traitTag': true, description: errorSection(codes, lang) });
  copy['x-tagGroups'].push({ name: t.errorCodes, tags: ['Error codes'] });
  unwrapAll(copy);
  return copy;
}

function errorSection(codes, lang) {
  const t = STRINGS[lang];
  // A list, not a table: Redoc's search snippets glue table cells together.
  const rows = codes.map((c) => `- [\`${c.code}\`](errors.html#${codeAnchor(c.code)}) (${statusLine(c, lang)}): ${c.meaning[lang]}`);
  return `${t.errorIntro} [${t.errorPageLink}](errors.html)\n\n${rows.join('\n')}`;
}

/** What try.html needs per operation, in the wire format (the reader edits it as text). */
function tryData(doc, lang) {
  const info = operationMap(doc);
  const requests = new Map(validRequests(doc).map((r) => [r.operation.operationId, r]));
  const ops = {};
  for (const { path: p, method, operation: op, servers, params } of eachOperation(doc)) {
    const r = requests.get(op.operationId);
    const table = info[`${method.toUpperCase()} ${p}`] ?? {};
    const wire = (k, v, json) => (json.includes(k) || (v && typeof v === 'object' && !Array.isArray(v)) ? JSON.stringify(v) : Array.isArray(v) && !json.includes(k) ? v.join(',') : String(v));
    const query = new URLSearchParams(Object.entries(r?.init.params?.query ?? {}).map(([k, v]) => [k, wire(k, v, table.jsonQuery ?? [])]));
    const bodyType = r?.bodyType;
    let body = '';
    if (r?.init.body && bodyType === 'application/x-www-form-urlencoded') body = new URLSearchParams(Object.entries(r.init.body).map(([k, v]) => [k, wire(k, v, table.jsonBody ?? [])])).toString().replace(/&/g, '&\n');
    else if (r?.init.body) body = JSON.stringify(r.init.body, null, 2);
    const schemes = (op.security ?? []).map((req) => Object.keys(req)[0]);
    ops[op.operationId] = {
      summary: op.summary,
      method: method.toUpperCase(),
      path: p,
      origin: new URL(servers[0].url).origin,
      pathParams: Object.fromEntries(params.filter((x) => x.in === 'path').map((x) => [x.name, String(r?.init.params?.path?.[x.name] ?? '')])),
      query: query.toString().replace(/&/g, '&\n'),
      optional: params.filter((x) => x.in === 'query' && !x.required).map((x) => x.name),
      bodyType: bodyType ?? null,
      body,
      auth: schemes.map((s) => ({ scheme: s, prefix: deref(doc, doc.components.securitySchemes[s])?.scheme === 'bearer' ? 'Bearer' : 'KakaoAK' })),
    };
  }
  return { lang, strings: STRINGS[lang].try, ops };
}


/**
 * What a deep link shows before Redoc runs. Redoc renders an operation only in the browser, after
 * its 2.3 MB script has been parsed and has processed the whole document (3–5 s here); the page's
 * server-rendered markup is the overview. So each operation's title, badge, method and URL,
 * description and links (the part of its description above the facts) are in the page as HTML,
 * keyed by Redoc's deep link to it (`<tag>/<operationid>` of #/<tag>/<operationid>: an address with
 * another tag is not that operation, and gets Redoc's not-found page); a small script placed
 * right after Redoc's markup shows the one the address names over Redoc's content column at once,
 * and removes it when Redoc shows that operation (or the reader goes elsewhere).
 */
function previews(view, lang) {
  const t = STRINGS[lang];
  const out = {};
  for (const { operation: op } of eachOperation(view)) {
    const head = op.description.split('\n\n---\n\n')[0];
    const badge = op['x-badges']?.[0];
    const badgeHtml = badge ? ` <span class="kx-badge">${esc(badge.name)}</span>` : '';
    out[operationLink({ tag: op.tags?.[0], operationId: op.operationId }).replace('reference.html#/', '')] = { s: op.summary, h: `<h2>${esc(op.summary)}${badgeHtml}</h2>${marked.parse(head)}<p class="kx-loading">${esc(t.previewLoading)}</p>` };
  }
  return out;
}

const PREVIEW_STYLE = `<style>
.kx-preview{position:absolute;z-index:2;box-sizing:border-box;padding:40px 40px 40px 64px;max-width:100vw;background:var(--bg-color,#fff);color:var(--text-color-primary,#222);font-family:var(--font-family-base,system-ui,sans-serif);font-size:var(--font-size-base,14px);line-height:var(--line-height-base,20px);overflow-wrap:anywhere}
.kx-preview>*{max-width:454px}
.kx-preview h2{font-size:var(--h1-font-size,32px);line-height:var(--h1-line-height,40px);font-weight:var(--heading-font-weight,600);margin:0 0 24px}
.kx-preview .kx-badge{display:inline-block;vertical-align:middle;font-size:12px;line-height:20px;font-weight:500;padding:2px 8px;border-radius:4px;background:var(--bg-color-tonal,#eee);color:var(--text-color-secondary,#555)}
.kx-preview code{font-family:var(--font-family-monospaced,monospace);font-size:.92em;background:var(--inline-code-bg-color,#f0f0f0);padding:1px 4px;border-radius:4px}
.kx-preview table{display:block;overflow-x:auto;border-collapse:collapse;margin:12px 0}.kx-preview th,.kx-preview td{border:1px solid var(--border-color-primary,#ddd);padding:6px 10px;text-align:left;vertical-align:top}
.kx-preview a{color:var(--link-color-primary,#0969da)}
.kx-preview .kx-loading{color:var(--text-color-secondary,#666);font-style:italic;margin-top:32px}
@media (max-width:900px){.kx-preview{padding:32px 24px}}
</style>`;

// Placed right after Redoc's server-rendered markup, so that its content column is there to cover.
const PREVIEW_SCRIPT = `<script>(()=>{
const m=/^#\\/([^/?#]+\\/[^/?#]+)$/.exec(location.hash),data=JSON.parse(document.getElementById('kx-previews').textContent),op=m&&data[decodeURIComponent(m[1]).toLowerCase()],main=document.querySelector('#redoc main');
if(!op||!main)return;
const box=document.createElement('div');box.className='kx-preview';box.setAttribute('aria-busy','true');box.innerHTML=op.h;document.body.append(box);
const place=()=>{const r=main.getBoundingClientRect();box.style.left=r.left+scrollX+'px';box.style.top=r.top+scrollY+'px';box.style.width=r.width+'px';box.style.minHeight=Math.max(innerHeight-r.top,r.height)+'px'};place();
const shown=()=>[...document.querySelectorAll('#redoc h2')].some(h=>h.offsetParent!==null&&h.textContent.trim().startsWith(op.s));
let n=0;const done=()=>{clearInterval(timer);box.remove();removeEventListener('hashchange',done);removeEventListener('resize',place)};
const timer=setInterval(()=>{if(shown())done();else if(++n>600)clearInterval(timer)},100);
addEventListener('hashchange',done);addEventListener('resize',place);
})()</script>`;

async function buildReference({ doc, lang, outDir, tmp }) {
  const t = STRINGS[lang];
  const input = path.join(tmp, `kakao-${lang}.json`);
  const view = docsView(doc, lang);
  fs.writeFileSync(input, JSON.stringify(view));
  // Redoc shows an x-codeSamples language only when its codeSamples.languages option lists it.
  const config = path.join(tmp, `redocly-${lang}.yaml`);
  fs.writeFileSync(config, ['telemetry: off', 'openapi:', '  codeSamples:', '    languages:', '      - lang: curl', '      - lang: TypeScript', '        label: TypeScript client', ''].join('\n'));
  const page = path.join(outDir, lang, 'reference.html');
  const { code, stdout, stderr } = await redocly(['build-docs', input, '--output', page, '--inlineBundle', '--title', t.title, '--config', config], { cwd: tmp });
  if (code !== 0 || !fs.existsSync(page)) throw new Error(`Building the ${lang} reference failed:\n${stdout}\n${stderr}`);
  let html = fs.readFileSync(page, 'utf8');
  for (const [url, text] of Object.entries(CDN_LOGOS)) {
    if (!html.includes(url)) throw new Error(`Redoc no longer loads ${url}: update scripts/lib/docs.mjs`);
    html = html.split(url).join(inlineLogo(text));
  }
  if (!/<html[ >]/.test(html)) throw new Error('Redoc page has no <html> tag: update scripts/lib/docs.mjs');
  html = html.replace(/<html( lang="[^"]*")?([ >])/, `<html lang="${lang}"$2`);
  html = translateRedoc(html, lang);
  // No favicon request (it would 404 on most static hosts); a bar with the language switch.
  html = html.replace('<head>', '<head><link rel="icon" href="data:,">');
  html = html.replace(/<body([^>]*)>/, (m) => `${m}${siteBar(lang, 'reference.html')}`);
  // The deep link's operation at once (see previews), between Redoc's markup and its script.
  const moduleScript = html.indexOf('<script type="module">');
  if (moduleScript < 0 || html.lastIndexOf('<div id="redoc">', moduleScript) < 0) throw new Error('Redoc page has no <div id="redoc"> before its module script: update scripts/lib/docs.mjs');
  const data = `<script type="application/json" id="kx-previews">${JSON.stringify(previews(view, lang)).replace(/</g, '\\u003c')}</script>`;
  html = `${html.slice(0, moduleScript)}${data}${PREVIEW_SCRIPT}\n${html.slice(moduleScript)}`;
  html = html.replace('</head>', `${PREVIEW_STYLE}</head>`);
  fs.writeFileSync(page, html);
}

/** The bar on every page: home, the other language (same page and deep link), error codes, downloads. */
export function siteBar(lang, page) {
  const t = STRINGS[lang];
  const other = lang === 'ko' ? 'en' : 'ko';
  return `<nav class="kx-bar" aria-label="${t.siteNav}" style="display:flex;flex-wrap:wrap;gap:.3rem 1rem;align-items:center;padding:.45rem 1rem;background:#fee500;color:#191919;font:14px/1.4 system-ui,-apple-system,'Segoe UI','Noto Sans KR',sans-serif;position:relative;z-index:30"><a href="${lang === 'ko' ? '../index.html' : 'index.html'}" style="color:#191919;font-weight:700;text-decoration:none">${t.siteName}</a><a href="reference.html" style="color:#191919">${t.reference}</a><a href="errors.html" style="color:#191919">${t.errorCodes}</a><a href="${lang === 'ko' ? '../index.html' : 'index.html'}#downloads" style="color:#191919">${t.downloads}</a><a class="kx-lang" hreflang="${other}" lang="${other}" href="../${other}/${page}" onclick="this.href=this.href.split('#')[0]+location.hash" style="color:#191919;margin-left:auto;font-weight:600">${STRINGS[other].languageName}</a></nav>`;
}

function compressAll(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || /\.(gz|br)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const data = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    // Quality 9: the reference comes out about 10 % larger than at 11 (707 vs 643 kB) but builds four times faster.
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
  }
}

/**
 * @param {{ bundle: string, outDir: string }} options  bundle: generated/openapi/kakao.json (the
 *   Korean one is read from the ko/ folder next to it)
 */
export async function buildDocs({ bundle: bundleArg, outDir: outArg }) {
  const bundle = path.resolve(bundleArg);
  const outDir = path.resolve(outArg);
  const bundleDir = path.dirname(bundle);
  const docs = { en: JSON.parse(fs.readFileSync(bundle, 'utf8')) };
  const koBundle = path.join(bundleDir, 'ko', path.basename(bundle));
  docs.ko = fs.existsSync(koBundle) ? JSON.parse(fs.readFileSync(koBundle, 'utf8')) : docs.en;
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(outDir, 'openapi'), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-docs-'));
  try {
    for (const lang of DOC_LANGS) {
      fs.mkdirSync(path.join(outDir, lang), { recursive: true });
      await buildReference({ doc: docs[lang], lang, outDir, tmp });
      fs.writeFileSync(path.join(outDir, lang, 'errors.html'), errorsPage(docs[lang], lang, siteBar(lang, 'errors.html')));
      fs.writeFileSync(path.join(outDir, lang, 'try.json'), JSON.stringify(tryData(docs[lang], lang)));
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.copyFileSync(path.join(root, 'scripts', 'lib', 'site', 'try.html'), path.join(outDir, 'try.html'));
  fs.copyFileSync(path.join(root, 'scripts', 'lib', 'site', 'try.js'), path.join(outDir, 'try.js'));
  // The old address of the reference keeps working (and keeps its deep link).
  fs.writeFileSync(path.join(outDir, 'reference.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Kakao REST API reference</title><script>location.replace('en/reference.html'+location.hash)</script><meta http-equiv="refresh" content="0; url=en/reference.html"></head><body><a href="en/reference.html">Kakao REST API reference</a></body></html>\n`);
  const downloads = [];
  for (const sub of ['', 'ko']) {
    const from = path.join(bundleDir, sub);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.join(outDir, 'openapi', sub), { recursive: true });
    for (const file of fs.readdirSync(from).filter((f) => /\.(json|yaml)$/.test(f)).sort()) {
      fs.copyFileSync(path.join(from, file), path.join(outDir, 'openapi', sub, file));
      downloads.push({ file: sub ? `${sub}/${file}` : file, lang: sub || 'en', bytes: fs.statSync(path.join(from, file)).size });
    }
  }
  // The Postman collection and environments, and the .http files, built beside the documents (generated/).
  for (const folder of ['postman', 'http']) {
    const dir = path.join(bundleDir, '..', folder);
    if (!fs.existsSync(dir)) continue;
    fs.mkdirSync(path.join(outDir, folder), { recursive: true });
    for (const file of fs.readdirSync(dir).sort()) {
      fs.copyFileSync(path.join(dir, file), path.join(outDir, folder, file));
      downloads.push({ file: `${folder}/${file}`, href: `${folder}/${file}`, group: 'Postman · .http', lang: 'en', bytes: fs.statSync(path.join(dir, file)).size });
    }
  }
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  fs.writeFileSync(path.join(outDir, 'index.html'), landingPage(docs.ko, downloads, { lang: 'ko', base: '', version }));
  fs.writeFileSync(path.join(outDir, 'ko', 'index.html'), landingPage(docs.ko, downloads, { lang: 'ko', base: '../', version }));
  fs.writeFileSync(path.join(outDir, 'en', 'index.html'), landingPage(docs.en, downloads, { lang: 'en', base: '../', version }));
  compressAll(outDir);
  return path.join(outDir, 'index.html');
}
