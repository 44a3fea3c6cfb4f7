import { isRight } from 'fp-ts/Either';
import { EventsQuery } from '../../common/api/routes';

/**
 * The events page's state in its URL (`/events?kind=pipeline_error&namespace=prod…`): what other
 * pages link to, and what survives a reload. Every key is optional; the page fills in defaults.
 */
export type EventsUrlState = Partial<
  Record<Exclude<keyof EventsQuery, 'page' | 'perPage'>, string> & {
    page: string;
    perPage: string;
  }
>;

/** App-relative path of the events page showing `state` (for history.push or a link). */
export function eventsPath(state: EventsUrlState = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const query = params.toString();
  return query ? `/events?${query}` : '/events';
}

/** The keys of the page's URL, in the order they are written. */
const URL_KEYS = [
  'query',
  'source',
  'scope',
  'kind',
  'namespace',
  'action',
  'outcome',
  'user',
  'from',
  'to',
  'sort',
  'order',
  'page',
  'perPage',
] as const satisfies ReadonlyArray<keyof EventsQuery>;

/**
 * The search a URL's query string asks for. Each key is decoded on its own with the route's
 * codec, so one bad value (a hand-edited `sort=message`) falls back to its default instead of
 * discarding the rest of the link.
 */
export function eventsQueryFromUrl(search: string): EventsQuery {
  const params = new URLSearchParams(search);
  const query: Record<string, unknown> = {};
  for (const key of URL_KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    const decoded = EventsQuery.decode({ [key]: value });
    if (isRight(decoded) && decoded.right[key] !== undefined) query[key] = decoded.right[key];
  }
  return query as EventsQuery;
}

/** The URL state of a search, without empty values (the inverse of eventsQueryFromUrl). */
export function eventsUrlState(query: EventsQuery): EventsUrlState {
  const state: Record<string, string> = {};
  for (const key of URL_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '') state[key] = String(value);
  }
  return state as EventsUrlState;
}
