import type { estypes } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type {
  EventSuggestionsQuery,
  EventSuggestionsResponse,
  SuggestionField,
} from '../../common/api/routes';
import { eventsFilters, eventsIndex, USER_FIELDS } from './search_events';

/** How many values a filter suggests, most frequent first. */
export const MAX_SUGGESTIONS = 10;

/** The field aggregated for each filter (the User filter matches related.user too). */
const SUGGESTION_SOURCE: Record<SuggestionField, string> = {
  action: 'event.action',
  user: USER_FIELDS[3],
  namespace: 'data_stream.namespace',
};

/**
 * A Lucene regular expression (terms `include`) matching values that start with `prefix`,
 * ignoring case: each letter becomes `[aA]`, every other character is escaped. Linear in the
 * prefix (bounded by the codec), with no repetition but the final `.*`.
 */
export function prefixPattern(prefix: string): string {
  let pattern = '';
  for (const char of prefix) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower !== upper) pattern += `[${lower}${upper}]`;
    else if (/[0-9]/.test(char)) pattern += char;
    else pattern += `\\${char}`;
  }
  return `${pattern}.*`;
}

export function buildSuggestionsSearch(
  query: EventSuggestionsQuery,
  index: string = eventsIndex(query.source)
): estypes.SearchRequest {
  const terms: estypes.AggregationsTermsAggregation = {
    field: SUGGESTION_SOURCE[query.field],
    size: MAX_SUGGESTIONS,
  };
  const prefix = query.prefix?.trim();
  if (prefix) terms.include = prefixPattern(prefix);
  return {
    index,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 0,
    track_total_hits: false,
    // The same scope and time range as the table, without the filter being suggested for.
    query: { bool: { filter: eventsFilters(query, query.field) } },
    aggs: { values: { terms } },
  };
}

/** `dataStreams`: the space's streams (scope `space`); undefined = every namespace. */
export async function suggestEventValues(
  esClient: ElasticsearchClient,
  query: EventSuggestionsQuery,
  dataStreams?: string[]
): Promise<EventSuggestionsResponse> {
  if (dataStreams?.length === 0) return { values: [] };
  const response = await esClient.search<unknown, Record<string, estypes.AggregationsAggregate>>(
    buildSuggestionsSearch(query, dataStreams?.join(','))
  );
  const buckets = (response.aggregations?.values as estypes.AggregationsStringTermsAggregate)
    ?.buckets;
  const list = Array.isArray(buckets) ? buckets : [];
  return { values: list.map((bucket) => String(bucket.key)) };
}
