// The error-code page's data (scripts/lib/errors.mjs), without a browser: every error code the
// documents mention, in English and in Korean, has an entry, and the entries of
// `x-kakao-error-codes` are checked where they sit (openapi/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { errorCodes, errorsPage, codeAnchor, mentionedErrorCodes } from '../scripts/lib/errors.mjs';
// @ts-expect-error plain ESM script without types
import { docsView } from '../scripts/lib/docs.mjs';
import { loadBundle, root, type Json } from './helpers/spec.js';

const bundles: Record<string, Json> = {
  en: loadBundle(),
  ko: JSON.parse(fs.readFileSync(path.join(root, 'generated', 'openapi', 'ko', 'kakao.json'), 'utf8')),
};

describe.each(Object.keys(bundles))('the %s document', (lang) => {
  const doc = bundles[lang];
  const codes: Json[] = errorCodes(doc);
  const byCode = new Map(codes.map((c) => [String(c.code), c]));

  it('describes every error code its texts and examples mention', () => {
    const mentioned: Map<string, string[]> = mentionedErrorCodes(doc);
    // The scan finds each kind of code (a broken scan must not pass as "nothing missing").
    for (const code of ['-401', '-541', 'KOE320', 'KOE006', 'RequestThrottled']) expect(mentioned.has(code), `scan finds ${code}`).toBe(true);
    const missing = [...mentioned].filter(([code]) => !byCode.has(code)).map(([code, at]) => `${code} (mentioned at ${at.slice(0, 3).join(', ')})`);
    expect(missing, 'codes the documents mention without an x-kakao-error-codes entry').toEqual([]);
  });

  it('gives every code a meaning and an action in both languages, and says where Kakao gives no status or operations', () => {
    for (const c of codes) {
      for (const l of ['en', 'ko']) {
        expect(c.meaning[l], `${c.code} meaning.${l}`).toMatch(/\S/);
        expect(c.action[l], `${c.code} action.${l}`).toMatch(/\S/);
      }
      if (c.operationsKnown) expect(c.operations.length, `${c.code} has operations`).toBeGreaterThan(0);
      else expect(c.statuses, `${c.code}: no operations, so no status`).toEqual([]);
      // A documented status comes with an operation that has it; an operation without one is marked.
      for (const o of c.operations) expect(o.status === null || c.statuses.includes(o.status), `${c.code} ${o.operationId}`).toBe(true);
    }
  });

  it('renders every mentioned code on the error page', () => {
    const page = errorsPage(doc, lang, '');
    for (const code of mentionedErrorCodes(doc).keys()) expect(page.includes(`id="${codeAnchor(code)}"`), `${code} on the ${lang} page`).toBe(true);
  });
});

describe('the codes added for issue #13', () => {
  const byCode = new Map<string, Json>(errorCodes(bundles.en).map((c: Json) => [String(c.code), c]));
  const ids = (code: string) => byCode.get(code).operations.map((o: Json) => o.operationId).sort();

  it('ties product codes to the operations Kakao names, with their status', () => {
    expect(byCode.get('-102').statuses).toEqual(['400']);
    expect(ids('-102')).toEqual(['signupUser']);
    expect(ids('-201')).toEqual(['getUserMe', 'getUserMeViaPost', 'updateUserProperties']);
    expect(ids('-817')).toEqual(['registerChannelCustomerFile']);
    expect(ids('-816')).toEqual(['addChannelCustomerFileUsers', 'deleteChannelCustomerFileUsers']);
  });

  it('lists codes of only some operations apart in the shared response, and counts per operation', () => {
    const view = docsView(bundles.en);
    const [all, some] = view.components.responses.BadRequest.description.split('only from some of the operations that use this response');
    expect(all).toContain('(errors.html#e-2)');
    expect(all).not.toContain('e-541');
    expect(some).toContain('(errors.html#e-541)');
    const count = (p: string, m: string) => Number(view.paths[p][m].description.match(/\[Error codes \((\d+)\)\]/)[1]);
    expect(count('/v1/talkchannel/create/target_user_file', 'post') - count('/v1/system/ips', 'get')).toBe(6); // -541 -544 -815 -817 -818 -819
  });

  it('gives no HTTP status for codes Kakao shows in the browser or names only in its SDKs', () => {
    expect(byCode.get('KOE006')).toMatchObject({ statuses: [], operations: [{ operationId: 'getAuthorizationCode', status: null }] });
    expect(byCode.get('KOE007').operations.map((o: Json) => o.operationId)).toEqual(['logoutKakaoAccount']);
    // KOE101 has a documented status on POST /oauth/token and none on the browser flow.
    expect(byCode.get('KOE101').statuses).toEqual(['401']);
    expect(byCode.get('KOE101').operations.find((o: Json) => o.operationId === 'getAuthorizationCode').status).toBeNull();
    expect(byCode.get('-531')).toMatchObject({ statuses: [], operationsKnown: true });
    expect(byCode.get('-13')).toMatchObject({ statuses: [], operations: [], operationsKnown: false });
  });
});

describe('errorCodes() is strict about x-kakao-error-codes', () => {
  const text = { en: 'x', ko: '엑스' };
  const entry = (code: Json, extra: Json = {}) => ({ code, meaning: text, action: text, ...extra });
  const fixture = (responseCodes: Json[], opCodes?: Json[]) => ({
    openapi: '3.1.0',
    paths: {
      '/a': { get: { operationId: 'getA', responses: { '400': { $ref: '#/components/responses/Bad' } }, ...(opCodes ? { 'x-kakao-error-codes': opCodes } : {}) } },
      '/b': { get: { operationId: 'getB', responses: { '400': { $ref: '#/components/responses/Bad' } } } },
      '/c': { get: { operationId: 'getC', responses: { '200': { description: 'ok' } } } },
    },
    components: { responses: { Bad: { description: 'bad', 'x-kakao-error-codes': responseCodes } } },
  });

  it('accepts a well-formed document', () => {
    const codes = errorCodes(fixture([entry(-1), entry(-2, { operations: ['getB'] })], [{ code: -1 }, entry('KOE006')]));
    expect(codes.map((c: Json) => [c.code, c.statuses, c.operations.map((o: Json) => `${o.operationId}:${o.status}`)])).toEqual([
      [-1, ['400'], ['getA:400', 'getB:400']],
      [-2, ['400'], ['getB:400']],
      ['KOE006', [], ['getA:null']],
    ]);
  });

  it.each([
    ['an undescribed code', [{ code: -1 }], undefined, /-1 .*described nowhere/],
    ['a code described twice', [entry(-1)], [entry(-1)], /-1 is described 2 times/],
    ['a meaning without Korean', [{ code: -1, meaning: { en: 'x' }, action: text }], undefined, /lacks meaning\/action in en and ko/],
    ['operations naming an operation that does not use the response', [entry(-1, { operations: ['getC'] })], undefined, /operation getC does not use the response Bad/],
    ['operations on an operation', [entry(-1)], [{ code: -1, operations: ['getA'] }], /operations narrows a shared response/],
    ['an unknown key', [entry(-1, { status: 400 })], undefined, /unknown key\(s\) status/],
    ['a positive code', [entry(401)], undefined, /code 401 is neither/],
  ])('rejects %s, naming its place', (_name, responseCodes, opCodes, message) => {
    expect(() => errorCodes(fixture(responseCodes as Json[], opCodes as Json[] | undefined))).toThrow(message as RegExp);
    expect(() => errorCodes(fixture(responseCodes as Json[], opCodes as Json[] | undefined))).toThrow(/x-kakao-error-codes\[0\]|described/);
  });
});

describe('mentionedErrorCodes()', () => {
  it('finds codes in texts and examples, and nothing else', () => {
    const doc = {
      info: { description: 'Fails with `KOE006`; channel errors `-541`, `-815`–`-819`; Talk Message `-5xx`; page -1440 minutes.' },
      components: {
        responses: {
          R: { description: 'The `errorType` `RequestThrottled` with 429', content: { 'application/json': { examples: { a: { value: { code: -2, msg: 'm' } }, b: { value: { error_code: 'KOE320' } } } } } },
          D: { content: { 'application/json': { example: { errorType: 'MissingParameter' } } } },
        },
        schemas: { S: { properties: { code: { type: 'integer', maximum: -1 } } } },
      },
    };
    expect([...mentionedErrorCodes(doc).keys()].sort()).toEqual(['-2', '-541', '-815', '-819', 'KOE006', 'KOE320', 'MissingParameter', 'RequestThrottled'].sort());
  });
});
