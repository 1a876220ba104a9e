// The Korean overlays (openapi/<product>/overlays/<lang>.yaml) against the bundled English
// documents: nothing untranslated, nothing stale (an action's x-en-sha is the hash of the English
// it translates; it differs once that English changes), no action whose target matches nothing.
// The logic is scripts/lib/l10n.mjs's, shared with `node scripts/l10n-todo.mjs`.
import fs from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { listProducts } from '../scripts/lib/products.mjs';
// @ts-expect-error plain ESM script without types
import { HASH_KEY, LANGUAGES, checkOverlay, englishHash, overlayPath, readOverlay, stampOverlayText } from '../scripts/lib/l10n.mjs';
import { loadBundle, type Json } from './helpers/spec.js';

const products: string[] = listProducts().map((p: { name: string }) => p.name);
const languages: string[] = LANGUAGES;
const cases: [string, string][] = languages.flatMap((lang) => products.map((product): [string, string] => [lang, product]));
const short = (text: unknown) => {
  const s = String(text ?? '(none)').replace(/\s+/g, ' ').trim();
  return s.length > 160 ? `${s.slice(0, 160)}…` : s;
};
const quote = (texts: Record<string, unknown>) => Object.entries(texts).map(([k, v]) => `${k}: "${short(v)}"`).join('; ');

/** One line per problem, naming the product, the target and the English text. */
async function problems(product: string, lang: string, english: Json, overlay: Json) {
  const { untranslated, stale, unmatched } = await checkOverlay(english, overlay);
  return [
    ...untranslated.map((u: Json) => `${product} (${lang}): untranslated ${u.target} — ${quote(u.texts)}`),
    ...stale.map((s: Json) => `${product} (${lang}): stale ${s.target} (${HASH_KEY} ${s.recorded ?? 'missing'}, English now ${s.current}) — ${quote(s.texts)}`),
    ...unmatched.map((t: string) => `${product} (${lang}): target matches nothing ${t}`),
  ];
}

describe('translations', () => {
  it.each(cases)('%s %s: every English text translated, no translation stale, every target matched', async (lang, product) => {
    const english = loadBundle(product);
    const overlay = readOverlay(product, lang);
    expect(overlay, `${overlayPath(product, lang)} is missing`).toBeDefined();
    expect(await problems(product, lang, english, overlay)).toEqual([]);
  });

  it.each(cases)('%s %s: the overlay file is stamped as --stamp writes it (hashes current, formatting kept)', (lang, product) => {
    const source = fs.readFileSync(overlayPath(product, lang), 'utf8');
    expect(stampOverlayText(source, loadBundle(product)).output).toBe(source);
  });
});

describe('stale detection', () => {
  const product = 'talk-social';
  const lang = 'ko';

  it('reports an action as stale, with its English, once that English changes', async () => {
    const english = loadBundle(product);
    const overlay = readOverlay(product, lang);
    expect(await problems(product, lang, english, overlay)).toEqual([]);
    english.paths['/v1/api/talk/friends'].get.parameters.find((p: Json) => p.name === 'offset').description = 'Changed English.';
    expect(await problems(product, lang, english, overlay)).toEqual([
      `${product} (${lang}): stale $.paths['/v1/api/talk/friends'].get.parameters[?(@.name=='offset')] (${HASH_KEY} ${englishHash({ description: readEnglishOffset() }, ['description'])}, English now ${englishHash({ description: 'Changed English.' }, ['description'])}) — description: "Changed English."`,
    ]);
  });

  it('reports an action without a hash, a text without a translation and a target that matches nothing', async () => {
    const english = loadBundle(product);
    const overlay = structuredClone(readOverlay(product, lang));
    const friend = overlay.actions.find((a: Json) => a.target === "$.components.schemas['Friend'].properties['uuid']");
    delete friend[HASH_KEY];
    overlay.actions = overlay.actions.filter((a: Json) => a.target !== "$.components.schemas['FriendList'].properties['total_count']");
    overlay.actions.push({ target: "$.components.schemas['NoSuchSchema']", update: { description: '없음' } });
    const found = await problems(product, lang, english, overlay);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^talk-social \(ko\): untranslated \$\.components\.schemas\['FriendList'\]\.properties\['total_count'\] — description: "\w/);
    expect(found[1]).toMatch(/^talk-social \(ko\): stale \$\.components\.schemas\['Friend'\]\.properties\['uuid'\] \(x-en-sha missing, English now [0-9a-f]{12}\) — description: "\w/);
    expect(found[2]).toBe("talk-social (ko): target matches nothing $.components.schemas['NoSuchSchema']");
  });

  it('stamping writes the new hash and nothing else, keeping the formatting', () => {
    const source = fs.readFileSync(overlayPath(product, lang), 'utf8');
    const english = loadBundle(product);
    english.paths['/v1/api/talk/friends'].get.parameters.find((p: Json) => p.name === 'offset').description = 'Changed English.';
    const { output } = stampOverlayText(source, english);
    const changed = output.split('\n').filter((line: string, i: number) => line !== source.split('\n')[i]);
    expect(changed).toEqual([`  ${HASH_KEY}: ${englishHash({ description: 'Changed English.' }, ['description'])}`]);
    expect(parse(output).actions.length).toBe(parse(source).actions.length);
  });

  function readEnglishOffset() {
    return loadBundle(product).paths['/v1/api/talk/friends'].get.parameters.find((p: Json) => p.name === 'offset').description;
  }
});
