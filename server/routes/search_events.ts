import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type {
  EventRow,
  EventsQuery,
  EventsResponse,
  EventsSortField,
} from '../../common/api/routes';
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
  // Case-insensitive like the other filters: namespaces are lowercase by rule.
  const namespace =
    query.namespace === undefined ? undefined : namespaceError(query.namespace.toLowerCase());
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
  const wanted = query.namespace?.toLowerCase();
  const names = streams
    .filter(({ kind, namespace }) => kinds.includes(kind) && (!wanted || namespace === wanted))
    .map(({ kind, namespace }) => dataStreamName(SOURCES[kind].dataset, namespace));
  return [...new Set(names)].sort();
}

/** A keyword match that ignores case (ECS fields are keywords; people type any case). */
function caseInsensitiveTerm(field: string, value: string): estypes.QueryDslQueryContainer {
  return { term: { [field]: { value, case_insensitive: true } } };
}

/** The fields the User filter and column read, most readable first. */
export const USER_FIELDS = ['user.name', 'user.email', 'user.id', 'related.user'] as const;

/** Time range, namespace and (unless `except`) the other filters, shared with suggestions. */
export function eventsFilters(
  query: EventsQuery,
  except?: 'action' | 'user' | 'namespace'
): estypes.QueryDslQueryContainer[] {
  const filter: estypes.QueryDslQueryContainer[] = [
    { range: { '@timestamp': { gte: query.from ?? 'now-24h', lte: query.to ?? 'now' } } },
  ];
  // constant_keyword in every backing index: shards of other namespaces are skipped outright.
  // Namespaces are lowercase by rule, so lowercasing is the case-insensitive match.
  if (query.namespace && except !== 'namespace') {
    filter.push({ term: { 'data_stream.namespace': query.namespace.toLowerCase() } });
  }
  if (query.action && except !== 'action') {
    filter.push(caseInsensitiveTerm('event.action', query.action));
  }
  if (query.outcome) filter.push({ term: { 'event.outcome': query.outcome } });
  if (query.kind) filter.push({ term: { 'event.kind': query.kind } });
  if (query.user && except !== 'user') {
    const user = query.user;
    filter.push({
      bool: {
        should: USER_FIELDS.map((field) => caseInsensitiveTerm(field, user)),
        minimum_should_match: 1,
      },
    });
  }
  return filter;
}

/**
 * The free text as Lucene (query_string): `field:value`, AND between words, no leading wildcard
 * (a scan of every term), lenient so a word against a numeric or date field is no error. Regex
 * and fuzzy terms stay allowed, but bounded: few fuzzy expansions, a small automaton, and the
 * search itself times out (buildEventsSearch), so one query cannot occupy the cluster.
 */
export function eventsTextQuery(text: string | undefined): estypes.QueryDslQueryContainer[] {
  const trimmed = text?.trim();
  if (!trimmed) return [];
  return [
    {
      query_string: {
        query: trimmed,
        default_operator: 'AND',
        lenient: true,
        allow_leading_wildcard: false,
        fuzzy_max_expansions: 10,
        max_determinized_states: 2000,
      },
    },
  ];
}

const keywordSort = (field: string, order: 'asc' | 'desc'): estypes.SortCombinations => ({
  [field]: { order, missing: '_last', unmapped_type: 'keyword' },
});

/** The sort of an allowed column, newest first as the tie-breaker. */
export function eventsSort(query: EventsQuery): estypes.SortCombinations[] {
  const field: EventsSortField = query.sort ?? '@timestamp';
  const order = query.order ?? (field === '@timestamp' ? 'desc' : 'asc');
  const newestFirst: estypes.SortCombinations = {
    '@timestamp': { order: 'desc', unmapped_type: 'date' },
  };
  switch (field) {
    case '@timestamp':
      return [{ '@timestamp': { order, unmapped_type: 'date' } }];
    case 'user':
      return [keywordSort('user.name', order), keywordSort('user.id', order), newestFirst];
    case 'data_stream':
      return [
        keywordSort('data_stream.dataset', order),
        keywordSort('data_stream.namespace', order),
        newestFirst,
      ];
    case 'source.ip':
      return [{ 'source.ip': { order, missing: '_last', unmapped_type: 'ip' } }, newestFirst];
    default:
      return [keywordSort(field, order), newestFirst];
  }
}

export function buildEventsSearch(
  query: EventsQuery,
  index: string = eventsIndex(query.source)
): estypes.SearchRequest {
  const perPage = query.perPage ?? DEFAULT_PER_PAGE;
  const page = query.page ?? 1;
  return {
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    // Partial results (and `timed_out`) rather than an unbounded search.
    timeout: '30s',
    from: (page - 1) * perPage,
    size: perPage,
    track_total_hits: true,
    sort: eventsSort(query),
    query: { bool: { filter: eventsFilters(query), must: eventsTextQuery(query.query) } },
    _source: [
      '@timestamp',
      'event.action',
      'event.outcome',
      'event.kind',
      'event.module',
      'data_stream.dataset',
      ...USER_FIELDS.slice(0, 3),
      'source.ip',
      'message',
      'error.message',
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
    ['errorMessage', 'error.message'],
  ];
  for (const [key, path] of optional) {
    const value = text(get(source, path));
    if (value !== undefined) (row as Record<string, string>)[key] = value;
  }
  // Closer identifies people by user.id only.
  const user =
    text(get(source, 'user.name')) ??
    text(get(source, 'user.email')) ??
    text(get(source, 'user.id'));
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

interface EsCause {
  type?: unknown;
  reason?: unknown;
  caused_by?: unknown;
  root_cause?: unknown;
  failed_shards?: unknown;
}

/** Every {type, reason} in an Elasticsearch error body, breadth first and bounded. */
function esCauses(error: unknown): Array<{ type: string; reason: string }> {
  const body = (error as { meta?: { body?: { error?: unknown } } } | null)?.meta?.body?.error;
  const queue: unknown[] = [body];
  const causes: Array<{ type: string; reason: string }> = [];
  // An error body is a handful of levels; the bound only guards against a hostile one.
  for (let seen = 0; queue.length > 0 && seen < 100; seen += 1) {
    const node = queue.shift() as EsCause | null | undefined;
    if (node === null || typeof node !== 'object') continue;
    if (typeof node.type === 'string' && typeof node.reason === 'string') {
      causes.push({ type: node.type, reason: node.reason });
    }
    queue.push(node.caused_by);
    if (Array.isArray(node.root_cause)) queue.push(...node.root_cause);
    if (Array.isArray(node.failed_shards)) {
      queue.push(...node.failed_shards.map((shard) => (shard as { reason?: unknown })?.reason));
    }
  }
  return causes;
}

const MAX_REASON_CHARS = 300;

/** The first line of a reason ("Was expecting one of: …" lists every token), cut. */
function firstLine(reason: string): string {
  const line = reason.split('\n', 1)[0].trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS)}…` : line;
}

/**
 * The request field an Elasticsearch 400 blames, with its reason: `query` for a Lucene syntax
 * error (Lucene's "Cannot parse '…': Encountered …" when present, it says where), `from`/`to`
 * for unreadable date math. Undefined for any other error.
 */
export function eventsQueryFault(
  error: unknown,
  query: Pick<EventsQuery, 'from' | 'to'>
): { field: 'query' | 'from' | 'to'; reason: string } | undefined {
  const status = (error as { meta?: { statusCode?: unknown } } | null)?.meta?.statusCode;
  if (status !== 400) return undefined;
  const causes = esCauses(error);
  const lucene = causes.find((c) => c.reason.startsWith('Cannot parse'));
  const parse =
    lucene ??
    causes.find((c) => c.reason.startsWith('Failed to parse query')) ??
    causes.find((c) => /wildcard is not allowed/i.test(c.reason));
  if (parse) return { field: 'query', reason: firstLine(parse.reason) };
  const date = causes.find((c) => c.reason.startsWith('failed to parse date field'));
  if (!date) return undefined;
  const field = query.from !== undefined && date.reason.includes(`[${query.from}]`) ? 'from' : 'to';
  return { field, reason: firstLine(date.reason) };
}
