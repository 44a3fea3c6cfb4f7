import { EventsQuery, ROUTES } from '../../common/api/routes';
import {
  eventsQueryFault,
  eventsQueryProblems,
  searchEvents,
  spaceDataStreams,
} from './search_events';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * GET /internal/audit_sources/events. Searched as the current user: without read access to the
 * data streams the answer is Elasticsearch's 403, passed on. A space is a boundary for
 * connectors, not for data streams (index privileges are not per space), so by default the page
 * shows what the space's connectors write, and `scope=all` whatever else the user may read.
 * A Lucene syntax error (or unreadable date math) is a 400 naming `query` (or `from`/`to`) with
 * Elasticsearch's reason, never "0 events".
 */
export function registerGetEventsRoute({ router, logger, getServices }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.events,
      validate: { query: buildRouteValidation(EventsQuery, eventsQueryProblems) },
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const { elasticsearch } = await context.core;
      const { query } = request;
      const streams =
        query.scope === 'all'
          ? undefined
          : spaceDataStreams(
              query,
              await (await (await getServices()).connectorsClient(context, request)).dataStreams()
            );
      try {
        return response.ok({
          body: await searchEvents(elasticsearch.client.asCurrentUser, query, streams),
        });
      } catch (error) {
        const fault = eventsQueryFault(error, query);
        if (!fault) throw error;
        return response.badRequest({
          body: {
            message: `${fault.field}: ${fault.reason}`,
            attributes: { fields: { [fault.field]: fault.reason } },
          },
        });
      }
    })
  );
}
