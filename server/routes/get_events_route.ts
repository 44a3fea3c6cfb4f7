import { EventsQuery, ROUTES } from '../../common/api/routes';
import { eventsQueryProblems, searchEvents } from './search_events';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * GET /internal/audit_sources/events. Searched as the current user: without read access to the
 * data streams the answer is Elasticsearch's 403, passed on.
 */
export function registerGetEventsRoute({ router, logger }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.events,
      validate: { query: buildRouteValidation(EventsQuery, eventsQueryProblems) },
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const { elasticsearch } = await context.core;
      return response.ok({
        body: await searchEvents(elasticsearch.client.asCurrentUser, request.query),
      });
    })
  );
}
