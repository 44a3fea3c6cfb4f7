import { EventSuggestionsQuery, ROUTES } from '../../common/api/routes';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { suggestEventValues } from './event_suggestions';
import { eventsQueryProblems, spaceDataStreams } from './search_events';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * GET /internal/audit_sources/events/_suggestions?field=action|user|namespace&prefix=…: the most
 * frequent values of one filter of the events page, over the same data streams (scope) and time
 * range as its table, as the current user (a 403 is passed on).
 */
export function registerGetEventSuggestionsRoute({
  router,
  logger,
  getServices,
}: RouteDependencies) {
  router.get(
    {
      path: ROUTES.eventSuggestions,
      validate: { query: buildRouteValidation(EventSuggestionsQuery, eventsQueryProblems) },
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const { elasticsearch } = await context.core;
      const { query } = request;
      // Namespace values are suggested across every namespace the space's connectors write.
      const scoped = query.field === 'namespace' ? { ...query, namespace: undefined } : query;
      const streams =
        query.scope === 'all'
          ? undefined
          : spaceDataStreams(
              scoped,
              await (await (await getServices()).connectorsClient(context, request)).dataStreams()
            );
      return response.ok({
        body: await suggestEventValues(elasticsearch.client.asCurrentUser, query, streams),
      });
    })
  );
}
