/*
 * Reading one `@timestamp` window [from, to) of Closer's index, page by page, in `@timestamp`
 * order, from one consistent snapshot: a point in time + search_after with the `_shard_doc`
 * tiebreaker where the cluster has it (≥ 7.12), a sorted scroll otherwise (6.x – 7.11,
 * OpenSearch). Both sort on `@timestamp` first, so "everything before the last hit's
 * timestamp is done" holds after every page.
 */
import * as t from 'io-ts';
import { RemoteError, ResponseTooLargeError, type RemoteClient } from './remote_client';

/** `hits.total` is a number in 6.x, `{value, relation}` from 7.0. We never rely on it. */
const Total = t.union([t.number, t.type({ value: t.number, relation: t.string })]);

export const SearchResponse = t.intersection([
  t.type({
    hits: t.intersection([t.type({ hits: t.array(t.unknown) }), t.partial({ total: Total })]),
  }),
  t.partial({
    timed_out: t.boolean,
    _shards: t.partial({ total: t.number, successful: t.number, failed: t.number }),
    _scroll_id: t.string,
    pit_id: t.string,
  }),
]);
export type SearchResponse = t.TypeOf<typeof SearchResponse>;

const OpenPitResponse = t.type({ id: t.string });
const Anything = t.unknown;

export type ResolvedSearchApi = 'pit' | 'scroll';

export interface WindowQuery {
  index: string;
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  filter?: Record<string, unknown>;
  pageSize: number;
  keepAlive: string;
  signal?: AbortSignal;
}

/** A page of raw hits (decoded later, one by one, so one bad hit never fails the page). */
export interface Page {
  hits: unknown[];
  /**
   * Set (to the byte-cap error) when the page's one hit (page size 1) was over the cap and was
   * read again without `_source` (sort values, _index and _id only): the caller records it as
   * an error instead of wedging on it. PIT only: a scroll continuation cannot be asked again.
   */
  oversized?: string;
}

/** At page size 1 a too large answer is one hit: it is read again without its source. */
function isOversizedHit(error: unknown, q: WindowQuery): error is ResponseTooLargeError {
  return error instanceof ResponseTooLargeError && q.pageSize === 1;
}

/** Shard failures or a timeout: the page may be missing documents, so nothing may advance. */
export class PartialResultsError extends RemoteError {
  constructor(what: string) {
    super(
      `Closer's Elasticsearch returned partial results (${what}); the window will be read again`,
      true
    );
    this.name = 'PartialResultsError';
  }
}

function checkComplete(response: SearchResponse): void {
  if (response.timed_out) throw new PartialResultsError('search timed out');
  const failed = response._shards?.failed ?? 0;
  if (failed > 0) throw new PartialResultsError(`${failed} shard(s) failed`);
}

/**
 * The page's hits, refusing a page with more than were asked for: Elasticsearch never sends
 * that, and a remote that does must not make us map and write an unbounded page (cutting it
 * instead would silently drop the rest of a scroll page).
 */
function checkedHits(response: SearchResponse, q: WindowQuery): unknown[] {
  const { hits } = response.hits;
  if (hits.length > q.pageSize) {
    throw new RemoteError(
      `Closer's Elasticsearch returned ${hits.length} hits for a page of ${q.pageSize}; the page was refused`,
      false
    );
  }
  return hits;
}

function indexPath(index: string): string {
  // Keep `*` and `,` readable; everything else escaped.
  return `/${index
    .split(',')
    .map((part) => encodeURIComponent(part.trim()))
    .join(',')}`;
}

function rangeQuery(q: WindowQuery): Record<string, unknown> {
  const filter: unknown[] = [
    { range: { '@timestamp': { gte: q.from, lt: q.to, format: 'epoch_millis' } } },
  ];
  if (q.filter) filter.push(q.filter);
  return { bool: { filter } };
}

/** Statuses with which a cluster says "no such endpoint" for `POST /<index>/_pit`. */
const NO_PIT_STATUS = new Set([400, 404, 405, 501]);

/**
 * Opens a PIT, or returns undefined when the cluster has none (6.x, 7.0–7.9, OpenSearch, OSS
 * builds answer 400/404/405). A missing index is an error, not a reason to fall back.
 */
export async function tryOpenPit(
  client: RemoteClient,
  q: WindowQuery
): Promise<string | undefined> {
  try {
    const { body } = await client.request('POST', `${indexPath(q.index)}/_pit`, {
      query: { keep_alive: q.keepAlive },
      codec: OpenPitResponse,
      signal: q.signal,
    });
    return body.id;
  } catch (error) {
    if (
      error instanceof RemoteError &&
      error.status !== undefined &&
      NO_PIT_STATUS.has(error.status)
    ) {
      if (error.errorType === 'index_not_found_exception') throw error;
      return undefined;
    }
    throw error;
  }
}

/** Cleanup must not hang an aborted run: its own short timeout, errors ignored (keep-alive expires it). */
async function quietly(action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch {
    // Expired or already closed: nothing to do.
  }
}

function cleanupSignal(): AbortSignal {
  return AbortSignal.timeout(5000);
}

/** `_shard_doc` is 7.12+: 7.10/7.11 have PIT but reject the sort; we fall back to scroll. */
export class ShardDocUnsupported extends Error {}

export async function* readWindowWithPit(
  client: RemoteClient,
  q: WindowQuery,
  initialPitId: string
): AsyncGenerator<Page> {
  let pitId = initialPitId;
  let searchAfter: unknown[] | undefined;
  let first = true;
  try {
    for (;;) {
      let response: SearchResponse;
      let oversized: string | undefined;
      const search = (source?: false) =>
        client.request('POST', '/_search', {
          query: { allow_partial_search_results: 'false' },
          body: {
            ...(source === false ? { _source: false } : {}),
            size: q.pageSize,
            query: rangeQuery(q),
            pit: { id: pitId, keep_alive: q.keepAlive },
            // `numeric_type: date`: a `date_nanos` @timestamp sorts (and pages by search_after)
            // in epoch ms like a `date`, exactly; without it the values are nanoseconds, above
            // 2^53, and search_after would round. Every cluster with `_shard_doc` (7.12+) has it
            // (7.2+).
            sort: [
              { '@timestamp': { order: 'asc', numeric_type: 'date' } },
              { _shard_doc: { order: 'asc' } },
            ],
            track_total_hits: false,
            ...(searchAfter ? { search_after: searchAfter } : {}),
          },
          codec: SearchResponse,
          signal: q.signal,
        });
      try {
        ({ body: response } = await search());
      } catch (error) {
        if (isOversizedHit(error, q)) {
          // Same PIT and search_after: exactly the hit that did not fit.
          ({ body: response } = await search(false));
          oversized = error.message;
        } else if (
          first &&
          error instanceof RemoteError &&
          error.status === 400 &&
          /_shard_doc/.test(error.message)
        ) {
          throw new ShardDocUnsupported(error.message);
        } else {
          throw error;
        }
      }
      first = false;
      checkComplete(response);
      if (response.pit_id) pitId = response.pit_id;
      const hits = checkedHits(response, q);
      if (hits.length === 0) return;
      yield oversized === undefined ? { hits } : { hits, oversized };
      if (hits.length < q.pageSize) return;
      const last = hits[hits.length - 1] as { sort?: unknown[] };
      if (!Array.isArray(last.sort))
        throw new RemoteError('Search hits came back without sort values', false);
      searchAfter = last.sort;
    }
  } finally {
    await quietly(() =>
      client.request('DELETE', '/_pit', {
        body: { id: pitId },
        codec: Anything,
        signal: cleanupSignal(),
        retry: false,
        acceptStatus: [404],
      })
    );
  }
}

export async function* readWindowWithScroll(
  client: RemoteClient,
  q: WindowQuery
): AsyncGenerator<Page> {
  let scrollId: string | undefined;
  try {
    // Sorted by @timestamp (not the faster `_doc`) so progress can be saved page by page.
    let { body: response } = await client.request('POST', `${indexPath(q.index)}/_search`, {
      query: { scroll: q.keepAlive },
      body: {
        size: q.pageSize,
        query: rangeQuery(q),
        sort: [{ '@timestamp': { order: 'asc' } }, '_doc'],
      },
      codec: SearchResponse,
      signal: q.signal,
    });
    for (;;) {
      checkComplete(response);
      scrollId = response._scroll_id ?? scrollId;
      const hits = checkedHits(response, q);
      if (hits.length === 0) return;
      yield { hits };
      if (!scrollId) throw new RemoteError('Scroll response without _scroll_id', false);
      // Not retried here: a continuation the server processed but we did not receive would
      // skip a page. The caller restarts the window from its last saved position instead.
      ({ body: response } = await client.request('POST', '/_search/scroll', {
        body: { scroll: q.keepAlive, scroll_id: scrollId },
        codec: SearchResponse,
        signal: q.signal,
        retry: false,
      }));
    }
  } finally {
    const id = scrollId;
    if (id) {
      await quietly(() =>
        client.request('DELETE', '/_search/scroll', {
          body: { scroll_id: [id] },
          codec: Anything,
          signal: cleanupSignal(),
          retry: false,
          acceptStatus: [404],
        })
      );
    }
  }
}

/**
 * Pages of the window with the requested API; `auto` probes PIT (and `_shard_doc`) and falls
 * back to scroll. `onApi` reports what was used.
 */
export async function* readWindow(
  client: RemoteClient,
  q: WindowQuery,
  api: 'auto' | ResolvedSearchApi,
  onApi: (api: ResolvedSearchApi) => void
): AsyncGenerator<Page> {
  if (api !== 'scroll') {
    const pitId = await tryOpenPit(client, q);
    if (pitId === undefined) {
      if (api === 'pit')
        throw new RemoteError(
          "Closer's Elasticsearch does not support point in time (needs 7.12+)",
          false
        );
    } else {
      onApi('pit');
      try {
        yield* readWindowWithPit(client, q, pitId);
        return;
      } catch (error) {
        if (!(error instanceof ShardDocUnsupported) || api === 'pit') throw error;
      }
    }
  }
  onApi('scroll');
  yield* readWindowWithScroll(client, q);
}
