// paginate(): every operation the spec marks as paged (x-kakao-paging) is walked within Kakao's
// limits — with an injected fetch (limits, early stop, errors mid-way) and against the mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKakaoClient, operations, pageItems, paginate, type PagedPath } from '../../src/index.js';
import { startKakaoMock, type KakaoMock } from '../../src/mock/index.js';
import { json, recordingFetch } from '../helpers/fetch.js';
import { validRequests } from '../helpers/requests.js';
import { createAjv } from '../helpers/schema.js';
import { escapePointer, loadBundle, operations as specOperations } from '../helpers/spec.js';

const doc = loadBundle();
const FAKE = { accessToken: 'fake-token', restApiKey: 'fake-rest-key', adminKey: 'fake-admin-key' };
const paged = specOperations(doc).filter((o) => o.operation['x-kakao-paging']);
const byKind = (kind: string) => paged.filter((o) => o.operation['x-kakao-paging'].kind === kind);
const all = validRequests(doc);
const request = (o: (typeof paged)[number]) => all.find((r) => r.op.path === o.path && r.op.method === o.method)!;

describe('paged operations come from the spec', () => {
  it('the routing table carries x-kakao-paging for exactly the operations that declare it', () => {
    const fromTable = Object.entries(operations).filter(([, i]) => i.paging).map(([k]) => k).sort();
    expect(fromTable).toEqual(paged.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    expect(byKind('page').length).toBeGreaterThan(0);
    expect(byKind('url').length).toBeGreaterThan(0);
  });

  it.each(paged.map((o) => [o.operation.operationId, o] as const))('%s: its paging names real parameters and response fields', (_id, o) => {
    const p = o.operation['x-kakao-paging'];
    expect(['page', 'url']).toContain(p.kind);
    const params = (o.operation.parameters ?? []).map((x: { $ref?: string; name?: string }) => x.name);
    if (p.kind === 'page') {
      expect(params).toContain(p.page);
      expect(params).toContain(p.size);
    }
    const pointerOk = (ptr: string) => expect(ptr).toMatch(/^(\/[A-Za-z_]+)+$/);
    pointerOk(p.items);
    pointerOk(p.kind === 'page' ? p.isEnd : p.next);
  });

  it('refuses an operation that does not page', async () => {
    const kakao = createKakaoClient({ ...FAKE, fetch: recordingFetch().fetch });
    await expect(paginate(kakao, '/v2/user/me' as PagedPath).next()).rejects.toThrow('does not page');
  });
});

describe.each(byKind('page').map((o) => [o.operation.operationId, o] as const))('%s (page numbers)', (_id, o) => {
  const p = o.operation['x-kakao-paging'];
  const r = request(o);
  const pageOf = (url: URL) => Number(url.searchParams.get(p.page));

  it('walks page 1, 2, 3 … and stops at is_end', async () => {
    const { fetch, calls } = recordingFetch((req) => json({ meta: { is_end: pageOf(req.url) === 3, total_count: 30, pageable_count: 30 }, documents: [{ n: pageOf(req.url) }] }));
    const pages = [];
    for await (const page of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never)) pages.push(page);
    expect(calls.map((c) => pageOf(c.url))).toEqual([1, 2, 3]);
    expect(pages.flatMap((page) => pageItems(p, page))).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it(`never asks beyond Kakao's last page${p.maxPage ? ` (${p.maxPage})` : ''}`, async () => {
    const { fetch, calls } = recordingFetch(() => json({ meta: { is_end: false }, documents: [{}] }));
    let n = 0;
    for await (const _ of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never, { maxPages: 100 })) n++;
    expect(n).toBe(p.maxPage ?? 100);
    expect(Math.max(...calls.map((c) => pageOf(c.url)))).toBe(p.maxPage ?? 100);
  });

  it('stops when the caller stops', async () => {
    const { fetch, calls } = recordingFetch(() => json({ meta: { is_end: false }, documents: [{}] }));
    for await (const _ of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never)) if (calls.length === 2) break;
    expect(calls).toHaveLength(2);
  });

  it('throws the typed error of a failed page, after the pages before it', async () => {
    const { fetch } = recordingFetch((req) => (pageOf(req.url) === 2 ? json({ errorType: 'RequestThrottled', message: 'API limit has been exceeded.' }, 429) : json({ meta: { is_end: false }, documents: [{}] })));
    const seen: unknown[] = [];
    const walk = async () => {
      for await (const page of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never)) seen.push(page);
    };
    await expect(walk()).rejects.toMatchObject({ kind: 'dapi', status: 429, errorType: 'RequestThrottled' });
    expect(seen).toHaveLength(1);
  });
});

describe.each(byKind('url').map((o) => [o.operation.operationId, o] as const))('%s (next-page links)', (_id, o) => {
  const p = o.operation['x-kakao-paging'];
  const r = request(o);
  const field = (ptr: string) => ptr.slice(1);

  it('follows the next link with its query until there is none', async () => {
    const { fetch, calls } = recordingFetch((req) => {
      const offset = Number(req.url.searchParams.get('offset') ?? 0);
      const next = offset < 2 ? `https://kapi.kakao.com${o.path}?offset=${offset + 1}&limit=1` : null;
      return json({ [field(p.items)]: [{ offset }], [field(p.next)]: next });
    });
    const pages = [];
    for await (const page of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never)) pages.push(page);
    expect(pages.flatMap((page) => pageItems(p, page))).toEqual([{ offset: 0 }, { offset: 1 }, { offset: 2 }]);
    expect(calls.slice(1).map((c) => c.url.search)).toEqual(['?offset=1&limit=1', '?offset=2&limit=1']);
  });

  it('stops on a link it has already followed', async () => {
    const { fetch, calls } = recordingFetch(() => json({ [field(p.items)]: [{}], [field(p.next)]: `https://kapi.kakao.com${o.path}?offset=5` }));
    for await (const _ of paginate(createKakaoClient({ ...FAKE, fetch }), o.path as PagedPath, r.init as never)) void _;
    expect(calls).toHaveLength(2);
  });
});

describe('against the mock', () => {
  let mock: KakaoMock;
  beforeAll(async () => {
    mock = await startKakaoMock({ port: 0, static: true });
  });
  afterAll(() => mock?.close());
  const ajv = createAjv(doc);

  it.each(paged.map((o) => [o.operation.operationId, o] as const))('%s: pages validate against the schema and the walk ends', async (_id, o) => {
    const kakao = createKakaoClient({ baseUrl: mock.url, accessToken: 'fake', restApiKey: mock.keys.restApiKey, adminKey: mock.keys.adminKey });
    const validate = ajv.compile({ $ref: `doc#/paths/${escapePointer(o.path)}/get/responses/200/content/application~1json/schema` });
    let n = 0;
    for await (const page of paginate(kakao, o.path as PagedPath, request(o).init as never)) {
      expect(validate(page) ? [] : validate.errors).toEqual([]);
      n++;
    }
    const p = o.operation['x-kakao-paging'];
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(p.maxPage ?? 2);
  });
});
