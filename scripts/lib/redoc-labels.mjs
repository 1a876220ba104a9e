// Redoc's own labels ("Request", "Responses", "required", "Expand all", the search box …) in the
// reader's language. The Redoc bundled with @redocly/cli (Redoc 3) has no `labels` option: its
// components ask a translate hook with Redocly's translation keys ("request", "openapi.expandAll"
// …), and the standalone build's hook only returns the English default. So the built page is
// patched at build time, in two small ways, each matched exactly and checked (the build fails
// loudly, naming the label, when an @redocly/cli update moves one):
//   1. the default translate hook first looks the key up in window.__kxLabels (set in <head>);
//   2. the few labels Redoc writes without a key (search dialog, attribution, "Value:") are
//      replaced as string literals in their exact context.
// The server-rendered markup of the first screen gets the same words, so that hydration matches.
import { STRINGS } from './site-strings.mjs';

const HOOK = 'useTranslate:()=>({translate:(e,t)=>(typeof t==`string`?t:t?.defaultValue)||e||``})';
const HOOK_PATCHED = 'useTranslate:()=>({translate:(e,t)=>globalThis.__kxLabels?.[e]??((typeof t==`string`?t:t?.defaultValue)||e||``)})';

// "Show 33 properties" is built word by word in English order; Korean puts the verb last.
const SHOW_COUNT = 'u=[i];return o!==1&&u.push(String(o)),s&&u.push(r?r(`array`,`array`):`array`),u.push(l),u.join(` `)}';
const SHOW_COUNT_PATCHED = 'u=[i];const k=globalThis.__kxLabels?.[s?`kx.showArrayCount`:`kx.showCount`];if(k)return k.replace(`{n}`,o);return o!==1&&u.push(String(o)),s&&u.push(r?r(`array`,`array`):`array`),u.push(l),u.join(` `)}';
const SHOW_DETAILS = 'if(!a)return`${i} ${r?r(`details`,`details`):`details`}`;';
const SHOW_DETAILS_PATCHED = 'if(!a)return globalThis.__kxLabels?.[`kx.showDetails`]??`${i} ${r?r(`details`,`details`):`details`}`;';

/**
 * The labels Redoc writes as plain literals: [English text, the exact code around it (with
 * `@` where the text goes), Korean key in STRINGS.<lang>.redocLiterals].
 */
const LITERALS = [
  ['API docs by', "(0,V.jsx)(`p`,{children:`@`})"],
  ['No results', '"data-testid":`search-message`,children:`@`}'],
  ['Searching...', '"data-testid":`search-message`,children:`@`}'],
  ['Search endpoints, schemas, and more...', '"data-testid":`search-message`,children:`@`}'],
  ['Search docs...', 'placeholder:`@`,isLoading'],
  ['to navigate', 'combination:`↑↓`,text:`@`}'],
  ['to select', 'combination:`⏎`,text:`@`}'],
  ['to exit', 'combination:`Esc`,text:`@`}'],
  ['Cancel', '"data-translation-key":`search.cancel`,variant:`secondary`,size:`small`,onClick:e,children:`@`}'],
  ['Items ', '${e?.startsWith(`Array`)?`@`:``}'],
  ['Value:', '${t===1?`@`:`Enum:`}'],
  ['Enum:', ':`@`}`}function lae('],
  ['Enum:', '(cE,{label:`@`,values:r})'],
  // What a screen reader says for buttons that show only an icon.
  ['Copy', '"aria-label":`@`'],
  ['Expand all', '"aria-label":`@`'],
  ['Collapse all', '"aria-label":`@`'],
  ['Response status', '"aria-label":`@`'],
  ['Example', '"aria-label":`@`'],
  ['Search trigger button', '"aria-label":`@`'],
];

const js = (s) => {
  if (/[`\\]|\$\{/.test(s)) throw new Error(`scripts/lib/redoc-labels.mjs: a label may not contain a backtick, backslash or \${: ${s}`);
  return s;
};

function replaceOnce(text, from, to, what) {
  const count = text.split(from).length - 1;
  if (count !== 1) throw new Error(`Redoc label patch "${what}" matched ${count} times instead of once in the page @redocly/cli built: update scripts/lib/redoc-labels.mjs`);
  return text.replace(from, () => to);
}

/**
 * The Redoc page in `lang` (html as `redocly build-docs --inlineBundle` wrote it). English is
 * Redoc's own; any other language needs STRINGS[lang].redocLabels.
 */
export function translateRedoc(html, lang) {
  const t = STRINGS[lang];
  if (!t.redocLabels) return html;
  const labels = { ...t.redocLabels };
  const literals = t.redocLiterals;
  const start = html.indexOf('<script type="module">');
  if (start < 0) throw new Error('Redoc page has no inline module script: update scripts/lib/redoc-labels.mjs');
  let ssr = html.slice(0, start);
  let script = html.slice(start);
  script = replaceOnce(script, HOOK, HOOK_PATCHED, 'translate hook');
  script = replaceOnce(script, SHOW_COUNT, SHOW_COUNT_PATCHED, 'Show N properties');
  script = replaceOnce(script, SHOW_DETAILS, SHOW_DETAILS_PATCHED, 'Show details');
  const seen = new Set();
  for (const [english, context] of LITERALS) {
    const korean = literals[english];
    if (korean === undefined) throw new Error(`STRINGS.${lang}.redocLiterals has no text for Redoc's "${english}"`);
    script = replaceOnce(script, context.replace('@', english), context.replace('@', js(korean)), english);
    seen.add(english);
  }
  for (const english of Object.keys(literals)) if (!seen.has(english)) throw new Error(`STRINGS.${lang}.redocLiterals["${english}"] is not used by scripts/lib/redoc-labels.mjs`);
  for (const value of Object.values(labels)) js(value);
  // The first screen, rendered at build time in English: the same words, matched as whole text nodes.
  const ssrWords = { 'Loading...': labels.loading, 'API docs by': literals['API docs by'], Copy: labels['page.actions.copyButtonText'], Overview: labels['info.title'], Servers: labels['servers.title'] };
  for (const [english, korean] of Object.entries(ssrWords)) if (korean) ssr = ssr.split(`>${english}<`).join(`>${korean}<`);
  const head = `<script>window.__kxLabels=${JSON.stringify(labels).replace(/</g, '\\u003c')}</script>`;
  if (!ssr.includes('</head>')) throw new Error('Redoc page has no </head>: update scripts/lib/redoc-labels.mjs');
  ssr = ssr.replace('</head>', `${head}</head>`);
  return ssr + script;
}
