// paginate(): walks the pages of any operation that pages (x-kakao-paging in the description),
// within Kakao's limits: page numbers up to the documented last page, stopping at `is_end`; or
// the next-page links (`after_url`) until there is none. Which operations page, and how, is read
// from the generated routing table; nothing here names an operation.
import type { SuccessResponse, ResponseObjectMap } from 'openapi-typescript-helpers';
import type { paths } from '../generated/client/paths.js';
import type { PagedPath, Paging } from '../generated/client/operations.js';
import { KakaoError } from './errors.js';
import type { KakaoClient } from './client.js';
import type { CallInit } from './types.js';

type PageData<P extends PagedPath> = SuccessResponse<ResponseObjectMap<paths[P]['get']>, 'application/json'>;
type PageInit<P extends PagedPath> = CallInit<paths, P, 'get'>;

export interface PaginateOptions {
  /** Stop after this many pages (default: no limit beyond Kakao's own). */
  maxPages?: number;
}

const at = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), value);

/** The items of one page (e.g. `documents`, `elements`), found where the operation's paging says. */
export function pageItems(paging: Paging, page: unknown): unknown[] {
  const items = at(page, paging.items);
  return Array.isArray(items) ? items : [];
}

/**
 * Yields each page's data, in order. Breaking out of the loop stops the requests; a failed
 * request throws its typed error (KakaoApiError, KakaoDapiError …) after the pages before it,
 * with the response on it (`status`, `headers`, `response`).
 */
export async function* paginate<P extends PagedPath>(kakao: KakaoClient, path: P, init?: PageInit<P>, options: PaginateOptions = {}): AsyncGenerator<PageData<P>, void, undefined> {
  const info = kakao.operation('GET', path);
  const paging = info?.paging;
  if (!info) throw new KakaoError('usage', `GET ${path} is not among this client's operations (for a lite client, add it from 'kakao-openapi/operations')`);
  if (!paging) throw new KakaoError('usage', `GET ${path} does not page (no x-kakao-paging in the description)`);
  const maxPages = options.maxPages ?? Infinity;
  const base = (init ?? {}) as { params?: { query?: Record<string, unknown> } } & Record<string, unknown>;
  let query: Record<string, unknown> = { ...base.params?.query };
  let count = 0;
  let page = paging.kind === 'page' ? Number(query[paging.page] ?? 1) : 0;
  const seen = new Set<string>();
  while (count < maxPages) {
    if (paging.kind === 'page') {
      if (paging.maxPage !== undefined && page > paging.maxPage) return;
      query = { ...query, [paging.page]: page };
    }
    const { data, error } = await kakao.GET(path as never, { ...base, params: { ...base.params, query } } as never);
    if (error) throw error;
    count++;
    yield data as PageData<P>;
    if (paging.kind === 'page') {
      if (at(data, paging.isEnd) === true || pageItems(paging, data).length === 0) return;
      page++;
    } else {
      const next = at(data, paging.next);
      if (typeof next !== 'string' || next === '' || seen.has(next)) return;
      seen.add(next);
      // The link carries the whole query of the next page.
      query = Object.fromEntries(new URL(next, info.host).searchParams);
    }
  }
}
