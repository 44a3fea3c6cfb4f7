import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { EventRow, EventsQuery, EventsResponse } from '../../common/api/routes';
import {
  dataStreamName,
  dataStreamPattern,
  namespaceError,
  SOURCES,
  SOURCE_KINDS,
  type SourceKind,
} from '../../common/data_streams';

/*
 * The in-app events table: one search, as the current user (their index privileges decide what
 * they see), newest first. By default over the data streams of the current space's connectors
 * only; `scope: all` searches every namespace of both datasets.
 */

export const DEFAULT_PER_PAGE = 25;
export const MAX_PER_PAGE = 100;
/** Elasticsearch's default index.max_result_window: from + size beyond it is refused. */
export const MAX_RESULT_WINDOW = 10_000;

/** Cross-field limits of the query, keyed like decode errors (a 400 naming the field). */
export function eventsQueryProblems(query: EventsQuery): Record<string, string> {
  const problems: Record<string, string> = {};
  const perPage = query.perPage ?? DEFAULT_PER_PAGE;
  const namespace = query.namespace === undefined ? undefined : namespaceError(query.namespace);
  if (namespace) problems.namespace = namespace;
  if (perPage > MAX_PER_PAGE) problems.perPage = `must be at most ${MAX_PER_PAGE}`;
  else if ((query.page ?? 1) * perPage > MAX_RESULT_WINDOW) {
    problems.page = `page × perPage must be at most ${MAX_RESULT_WINDOW}; narrow the time range instead`;
  }
  return problems;
}

function wantedKinds(source: EventsQuery['source']): readonly SourceKind[] {
  return source && source !== 'all' ? [source] : SOURCE_KINDS;
}

export function eventsIndex(source: EventsQuery['source']): string {
  return wantedKinds(source)
    .map((kind) => dataStreamPattern(SOURCES[kind].dataset))
    .join(',');
}

/** The data streams of a space's connectors that the query's source and namespace keep. */
export function spaceDataStreams(
  query: EventsQuery,
  streams: ReadonlyArray<{ kind: SourceKind; namespace: string }>
): string[] {
  const kinds = wantedKinds(query.source);
  const names = streams
    .filter(
      ({ kind, namespace }) =>
        kinds.includes(kind) && (!query.namespace || namespace === query.namespace)
    )
    .map(({ kind, namespace }) => dataStreamName(SOURCES[kind].dataset, namespace));
  return [...new Set(names)].sort();
}

export function buildEventsSearch(
  query: EventsQuery,
  index: string = eventsIndex(query.source)
): estypes.SearchRequest {
  const perPage = query.perPage ?? DEFAULT_PER_PAGE;
  const page = query.page ?? 1;
  const filter: estypes.QueryDslQueryContainer[] = [
    { range: { '@timestamp': { gte: query.from ?? 'now-24h', lte: query.to ?? 'now' } } },
  ];
  // constant_keyword in every backing index: shards of other namespaces are skipped outright.
  if (query.namespace) filter.push({ term: { 'data_stream.namespace': query.namespace } });
  if (query.action) filter.push({ term: { 'event.action': query.action } });
  if (query.outcome) filter.push({ term: { 'event.outcome': query.outcome } });
  if (query.user) {
    filter.push({
      bool: {
        should: ['user.name', 'user.email', 'user.id', 'related.user'].map((field) => ({
          term: { [field]: query.user as string },
        })),
        minimum_should_match: 1,
      },
    });
  }
  const must: estypes.QueryDslQueryContainer[] = query.query?.trim()
    ? [{ simple_query_string: { query: query.query, default_operator: 'and', lenient: true } }]
    : [];
  return {
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    from: (page - 1) * perPage,
    size: perPage,
    track_total_hits: true,
    sort: [{ '@timestamp': { order: 'desc', unmapped_type: 'date' } }],
    query: { bool: { filter, must } },
    _source: [
      '@timestamp',
      'event.action',
      'event.outcome',
      'event.kind',
      'event.module',
      'data_stream.dataset',
      'user.name',
      'user.email',
      'source.ip',
      'message',
    ],
  };
}

function get(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    // Flattened (dotted) keys win over nesting, as Elasticsearch reads them.
    if (path in record) return record[path];
    value = record[key];
  }
  return value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

export function toEventRow(hit: estypes.SearchHit<unknown>): EventRow {
  const source = hit._source ?? {};
  const row: EventRow = {
    id: hit._id ?? '',
    index: hit._index,
    timestamp: text(get(source, '@timestamp')) ?? '',
    source: text(get(source, 'event.module')) ?? text(get(source, 'data_stream.dataset')) ?? '',
  };
  const optional: Array<[keyof EventRow, string]> = [
    ['action', 'event.action'],
    ['outcome', 'event.outcome'],
    ['kind', 'event.kind'],
    ['sourceIp', 'source.ip'],
    ['message', 'message'],
  ];
  for (const [key, path] of optional) {
    const value = text(get(source, path));
    if (value !== undefined) (row as Record<string, string>)[key] = value;
  }
  const user = text(get(source, 'user.name')) ?? text(get(source, 'user.email'));
  if (user !== undefined) row.user = user;
  return row;
}

/** `dataStreams`: the space's streams to search (scope `space`); undefined = every namespace. */
export async function searchEvents(
  esClient: ElasticsearchClient,
  query: EventsQuery,
  dataStreams?: string[]
): Promise<EventsResponse> {
  if (dataStreams?.length === 0) return { total: 0, events: [], dataStreams };
  const response = await esClient.search<unknown>(buildEventsSearch(query, dataStreams?.join(',')));
  const total = response.hits.total;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    events: response.hits.hits.map(toEventRow),
    ...(dataStreams && { dataStreams }),
  };
}
