// Translations of the documents: one OpenAPI Overlay 1.0 document per product and language
// (openapi/<product>/overlays/<lang>.yaml), applied to the bundled English product document.
// This file says which texts are translatable (one definition, used by the build, the
// `l10n-todo` script and the tests) and applies an overlay with openapi-format's maintained
// Overlay implementation.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { openapiOverlay } from 'openapi-format';
import { specDir } from './products.mjs';

export const LANGUAGES = ['ko'];
const TEXT_KEYS = ['summary', 'description', 'title', 'x-displayName'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/;

export const hasHangul = (text) => typeof text === 'string' && HANGUL.test(text);
/** A text counts as translated when it has Hangul and is not the English text left as it was (some English texts quote Korean). */
export const isTranslated = (english, translated) => hasHangul(translated) && translated !== english;
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
    const texts = TEXT_KEYS.filter((k) => typeof node[k] === 'string' && node[k].trim());
    if (texts.length) out.push({ target, node, texts });
  };
  const schema = (node, target) => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return;
    visit(node, target);
    for (const [name, child] of Object.entries(node.properties ?? {})) schema(child, `${target}.properties${key(name)}`);
    for (const k of ['items', 'additionalProperties', 'contentSchema', 'not']) if (node[k] && typeof node[k] === 'object') schema(node[k], `${target}${key(k)}`);
    for (const k of ['allOf', 'oneOf', 'anyOf']) (node[k] ?? []).forEach((child, i) => schema(child, `${target}${key(k)}[${i}]`));
  };
  const content = (node, target) => {
    for (const [media, body] of Object.entries(node?.content ?? {})) {
      schema(body.schema, `${target}.content${key(media)}.schema`);
      for (const [name, enc] of Object.entries(body.encoding ?? {})) visit(enc, `${target}.content${key(media)}.encoding${key(name)}`);
    }
  };
  const parameter = (p, target) => {
    visit(p, target);
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
  const { data, resultData } = await openapiOverlay(structuredClone(doc), { overlaySet: overlay });
  return { doc: data, unused: resultData.unusedActions.map((a) => a.target) };
}

/** The number of Hangul syllables in a value's texts: which of two translations of a shared part says more in Korean. */
export const hangulCount = (value) => (JSON.stringify(value).match(/[\uac00-\ud7a3]/g) ?? []).length;

/** Texts made only of code, numbers and punctuation (`{"result_code":0}`) need no translation. */
export const needsTranslation = (text) => /[A-Za-z]{2,}/.test(String(text).replace(/`[^`]*`/g, ''));

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
