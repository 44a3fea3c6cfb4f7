import type { HttpFetchQuery, HttpStart } from '@kbn/core/public';
import {
  EventDocumentResponse,
  EventSuggestionsResponse,
  ROUTES,
  type EventDocumentQuery,
  type EventSuggestionsQuery,
} from '../../common/api/routes';
import { decodeOrThrow } from '../../common/decode';

function httpQuery(query: object): HttpFetchQuery {
  const result: HttpFetchQuery = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') result[key] = value as string | number;
  }
  return result;
}

/** The full document of one hit (the flyout), decoded with the route's codec. */
export async function fetchEventDocument(
  http: HttpStart,
  query: EventDocumentQuery,
  signal?: AbortSignal
): Promise<EventDocumentResponse> {
  const body = await http.get<unknown>(ROUTES.eventDocument, { query: httpQuery(query), signal });
  return decodeOrThrow(EventDocumentResponse, body, 'response for the event document');
}

/** The most frequent values of one filter in the table's scope and time range. */
export async function fetchEventSuggestions(
  http: HttpStart,
  query: EventSuggestionsQuery,
  signal?: AbortSignal
): Promise<string[]> {
  const body = await http.get<unknown>(ROUTES.eventSuggestions, {
    query: httpQuery(query),
    signal,
  });
  return decodeOrThrow(EventSuggestionsResponse, body, 'response for the suggestions').values;
}
