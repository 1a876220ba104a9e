// Translations of the documents: one OpenAPI Overlay 1.0 document per product and language
// (openapi/<product>/overlays/<lang>.yaml), applied to the bundled English product document.
// This file says which texts are translatable (one definition, used by the build, the
// `l10n-todo` script and the tests) and applies an overlay with openapi-format's maintained
// Overlay implementation.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseDocument } from 'yaml';
import { openapiOverlay } from 'openapi-format';
import { specDir } from './products.mjs';

export const LANGUAGES = ['ko'];
// `notes`: an operation's evidence notes (x-kakao-evidence), which the reference shows (the one line on
// what is uncertain, the rest folded); `reading`: this project's own reading of a limit
// (x-kakao-evidence.constraints). No other node visited below has either key.
// `x-kakao-permissions`: an operation's list of what the app needs, a text that is an array of
// strings (an action gives the whole translated list; applyOverlay replaces the English one).
export const TEXT_KEYS = ['summary', 'description', 'title', 'x-displayName', 'notes', 'reading', 'x-kakao-permissions'];
/** A text value: a non-empty string, or a non-empty array of strings (x-kakao-permissions). */
const isText = (value) => (typeof value === 'string' && value.trim() !== '') || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
const flat = (value) => (Array.isArray(value) ? value.join('\n') : value);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

export const hasHangul = (text) => typeof flat(text) === 'string' && HANGUL.test(flat(text));
/** A text counts as translated when it has Hangul and is not the English text left as it was (some English texts quote Korean). */
export const isTranslated = (english, translated) => hasHangul(translated) && JSON.stringify(translated) !== JSON.stringify(english);
/** The action extension that records which English an action translates (see `englishHash`). */
export const HASH_KEY = 'x-en-sha';
export const overlayPath = (product, lang) => path.join(specDir, product, 'overlays', `${lang}.yaml`);

const key = (k) => `['${String(k).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;

/**
 * Every node of a bundled product document that carries English text a reader sees, as
 * `{ target, node, texts }`: `target` is the node's JSONPath (RFC 9535 bracket notation, the form
 * overlay actions use), `texts` the translatable keys it has (summary, description, title).
 * Parameters are addressed by name, everything else by key, so targets survive reordering.
 */
export function translatableNodes(doc) {
  const out = [];
  const visit = (node, target) => {
    if (!node || typeof node !== 'object') return;
    const texts = TEXT_KEYS.filter((k) => isText(node[k]));
    if (texts.length) out.push({ target, node, texts });
  };
  const schema = (node, target) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    visit(node, target);
    for (const [name, child] of Object.entries(node.properties ?? {})) schema(child, `${target}.properties${key(name)}`);
    for (const k of ['items', 'additionalProperties', 'contentSchema', 'not']) if (node[k] && typeof node[k] === 'object') schema(node[k], `${target}${key(k)}`);
    for (const k of ['allOf', 'oneOf', 'anyOf']) (node[k] ?? []).forEach((child, i) => schema(child, `${target}${key(k)}[${i}]`));
  };
  // Named examples: their summary and description are shown (Redoc's example list).
  const examples = (node, target) => {
    for (const [name, example] of Object.entries(node?.examples ?? {})) visit(example, `${target}.examples${key(name)}`);
  };
  const content = (node, target) => {
    for (const [media, body] of Object.entries(node?.content ?? {})) {
      schema(body.schema, `${target}.content${key(media)}.schema`);
      examples(body, `${target}.content${key(media)}`);
      for (const [name, enc] of Object.entries(body.encoding ?? {})) visit(enc, `${target}.content${key(media)}.encoding${key(name)}`);
    }
  };
  const parameter = (p, target) => {
    visit(p, target);
    examples(p, target);
    schema(p.schema, `${target}.schema`);
    content(p, target);
  };
  visit(doc.info, '$.info');
  (doc.tags ?? []).forEach((t) => visit(t, `$.tags[?(@.name=='${t.name}')]`));
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    const itemTarget = `$.paths${key(p)}`;
    (item.servers ?? []).forEach((s, i) => visit(s, `${itemTarget}.servers[${i}]`));
    (item.parameters ?? []).forEach((prm) => parameter(prm, `${itemTarget}.parameters[?(@.name=='${prm.name}')]`));
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const opTarget = `${itemTarget}.${m}`;
      visit(op, opTarget);
      const evidence = op['x-kakao-evidence'];
      if (evidence) {
        visit(evidence, `${opTarget}${key('x-kakao-evidence')}`);
        (evidence.constraints ?? []).forEach((c, i) => visit(c, `${opTarget}${key('x-kakao-evidence')}.constraints[${i}]`));
      }
      if (op.externalDocs) visit(op.externalDocs, `${opTarget}.externalDocs`);
      (op.parameters ?? []).forEach((prm) => parameter(prm, `${opTarget}.parameters[?(@.name=='${prm.name}')]`));
      if (op.requestBody) {
        visit(op.requestBody, `${opTarget}.requestBody`);
        content(op.requestBody, `${opTarget}.requestBody`);
      }
      for (const [code, res] of Object.entries(op.responses ?? {})) {
        visit(res, `${opTarget}.responses${key(code)}`);
        content(res, `${opTarget}.responses${key(code)}`);
      }
    }
  }
  const c = doc.components ?? {};
  for (const [name, s] of Object.entries(c.schemas ?? {})) schema(s, `$.components.schemas${key(name)}`);
  for (const [name, r] of Object.entries(c.responses ?? {})) {
    visit(r, `$.components.responses${key(name)}`);
    content(r, `$.components.responses${key(name)}`);
  }
  for (const kind of ['parameters', 'headers']) for (const [name, p] of Object.entries(c[kind] ?? {})) parameter(p, `$.components.${kind}${key(name)}`);
  for (const [name, s] of Object.entries(c.securitySchemes ?? {})) visit(s, `$.components.securitySchemes${key(name)}`);
  return out;
}

/** The overlay of the combined document (its `info`): openapi/overlays/<lang>.yaml. */
export const combinedOverlayPath = (lang) => path.join(specDir, 'overlays', `${lang}.yaml`);

/** Reads a product's overlay for a language, or undefined when there is none. Throws naming the file on a YAML error. */
export function readOverlay(product, lang) {
  return readOverlayFile(overlayPath(product, lang));
}

export function readOverlayFile(file) {
  if (!fs.existsSync(file)) return undefined;
  try {
    return parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${path.relative(path.dirname(specDir), file)}: ${error.message}`);
  }
}

/** Applies an overlay to a copy of `doc`; returns the translated document and the targets that matched nothing. */
export async function applyOverlay(doc, overlay) {
  if (overlay && !Array.isArray(overlay.actions)) throw new Error(`overlay "${overlay.info?.title ?? '?'}" has no actions list`);
  if (!overlay) return { doc: structuredClone(doc), unused: [] };
  // An Overlay `update` appends to an array it meets; a translated list replaces the English one, so
  // each such key is removed first (these removals are ours, not the file's, and never reported).
  const removals = [];
  for (const action of overlay.actions) {
    for (const [k, v] of Object.entries(action.update ?? {})) if (TEXT_KEYS.includes(k) && Array.isArray(v)) removals.push({ target: `${action.target}['${k}']`, remove: true });
  }
  const set = removals.length ? { ...overlay, actions: [...removals, ...overlay.actions] } : overlay;
  const { data, resultData } = await openapiOverlay(structuredClone(doc), { overlaySet: set });
  const ours = new Set(removals.map((r) => r.target));
  return { doc: data, unused: resultData.unusedActions.map((a) => a.target).filter((t) => !ours.has(t)) };
}

/** The number of Hangul syllables in a value's texts: which of two translations of a shared part says more in Korean. */
export const hangulCount = (value) => (JSON.stringify(value).match(/[\uac00-\ud7a3]/g) ?? []).length;


/**
 * What a translation lacks: every translatable text of `english` that, after `overlay`, has no
 * Hangul (`missing`: target, key, English text), and every overlay target that matches nothing
 * (`unused`). One definition for the build, `l10n-todo` and the tests.
 */
export async function l10nReport(english, overlay) {
  const { doc, unused } = await applyOverlay(english, overlay);
  const translated = new Map(translatableNodes(doc).map((n) => [n.target, n.node]));
  const missing = [];
  for (const { target, node, texts } of translatableNodes(english)) {
    for (const k of texts) {
      if (!hasHangul(translated.get(target)?.[k]) && needsTranslation(node[k])) missing.push({ target, key: k, text: node[k] });
    }
  }
  return { missing, unused };
}

/** The translatable keys an overlay action updates, in the action's key order (`x-kakao-name-source` and the like are not texts). */
export const actionTextKeys = (action) => Object.keys(action?.update ?? {}).filter((k) => TEXT_KEYS.includes(k));

/**
 * The short hash of the English an action translates: the first 12 hex digits of SHA-256 over the
 * English values of the keys it updates, in the action's key order (JSON array, `null` where the
 * English node lacks the key). An action records it as `x-en-sha`; when the English changes, the
 * hash no longer matches and the translation is stale.
 */
export function englishHash(node, keys) {
  const values = keys.map((k) => (isText(node?.[k]) ? node[k] : null));
  return createHash('sha256').update(JSON.stringify(values)).digest('hex').slice(0, 12);
}

/** Texts made only of code, numbers and punctuation (`{"result_code":0}`) need no translation. */
export const needsTranslation = (text) => typeof flat(text) === 'string' && /[A-Za-z]{2,}/.test(flat(text).replace(/`[^`]*`/g, ''));

/**
 * Checks a product's overlay against its English document. Returns
 * - `untranslated`: `{ target, texts: { key: English } }` for every text that still has no translation after the overlay;
 * - `stale`: `{ target, texts, recorded, current }` for every action whose `x-en-sha` is missing or differs
 *   from the hash of the current English (the English changed since it was translated);
 * - `unmatched`: the targets of actions that match no node.
 */
export async function checkOverlay(english, overlay) {
  const { doc, unused } = await applyOverlay(english, overlay);
  const nodes = new Map(translatableNodes(english).map((n) => [n.target, n.node]));
  const translated = new Map(translatableNodes(doc).map((n) => [n.target, n.node]));
  const untranslated = [];
  for (const { target, node, texts } of translatableNodes(english)) {
    const todo = texts.filter((k) => !isTranslated(node[k], translated.get(target)?.[k]) && needsTranslation(node[k]));
    if (todo.length) untranslated.push({ target, texts: Object.fromEntries(todo.map((k) => [k, node[k]])) });
  }
  const stale = [];
  for (const action of overlay?.actions ?? []) {
    const node = nodes.get(action.target);
    const keys = actionTextKeys(action);
    if (!node || !keys.length || unused.includes(action.target)) continue;
    const current = englishHash(node, keys);
    if (action[HASH_KEY] !== current) {
      stale.push({ target: action.target, texts: Object.fromEntries(keys.map((k) => [k, node[k] ?? null])), recorded: action[HASH_KEY] ?? null, current });
    }
  }
  return { untranslated, stale, unmatched: unused };
}

/**
 * Stamps overlay YAML text: writes the hash of `english` into every action whose texts are
 * translated (and removes it from actions that are not), keeping the text's formatting (yaml's
 * Document API). Throws, naming `file`, when the result would parse to anything but the same data
 * apart from the hashes. Returns the new text and the number of actions stamped.
 */
export function stampOverlayText(source, english, file = 'overlay') {
  const yamlDoc = parseDocument(source);
  if (yamlDoc.errors.length) throw new Error(`${file}: ${yamlDoc.errors[0].message}`);
  const nodes = new Map(translatableNodes(english).map((n) => [n.target, n.node]));
  let stamped = 0;
  const actions = yamlDoc.toJS().actions ?? []; // resolves the files' anchors and aliases
  for (const [i, item] of (yamlDoc.get('actions')?.items ?? []).entries()) {
    const action = actions[i];
    const node = nodes.get(action.target);
    const keys = actionTextKeys(action);
    // Translated: every key whose English needs translation has a translation (a key the English
    // lacks, such as a tag's `x-displayName: OpenID Connect`, may stay a name).
    const done = node && keys.length && keys.every((k) => !needsTranslation(node[k]) || isTranslated(node[k], action.update[k]));
    if (!done) {
      item.delete(HASH_KEY);
      continue;
    }
    const hash = englishHash(node, keys);
    if (item.has(HASH_KEY)) item.set(HASH_KEY, hash);
    else item.items.splice(1, 0, yamlDoc.createPair(HASH_KEY, hash)); // right after `target`
    stamped++;
  }
  // Keep the file's own sequence style (`actions:\n- target` or `actions:\n  - target`).
  const output = yamlDoc.toString({ lineWidth: 0, indentSeq: !/^actions:\r?\n- /m.test(source) });
  const strip = (data) => ({ ...data, actions: (data.actions ?? []).map(({ [HASH_KEY]: _hash, ...rest }) => rest) });
  if (!isDeepStrictEqual(strip(parse(output)), strip(parse(source)))) {
    throw new Error(`${file}: stamping would change more than the ${HASH_KEY} hashes; nothing written`);
  }
  return { output, stamped };
}

/** Stamps a product's overlay file (see `stampOverlayText`); returns the number stamped and whether the file changed. */
export function stampOverlay(product, lang, english) {
  const file = overlayPath(product, lang);
  const source = fs.readFileSync(file, 'utf8');
  const { output, stamped } = stampOverlayText(source, english, path.relative(path.dirname(specDir), file));
  if (output !== source) fs.writeFileSync(file, output);
  return { stamped, changed: output !== source };
}
