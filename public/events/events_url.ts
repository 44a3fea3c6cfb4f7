import type { EventsQuery } from '../../common/api/routes';

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
