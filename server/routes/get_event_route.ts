import { EventDocumentQuery, ROUTES } from '../../common/api/routes';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * GET /internal/audit_sources/events/_doc?index=…&id=…: the full document of one hit, for the
 * events page's document flyout. Read as the current user from the hit's backing index (the
 * codec admits our data streams' indices only): Elasticsearch's 403 and 404 are passed on as
 * such, and a 401 never reaches the browser (errorResponse).
 */
export function registerGetEventRoute({ router, logger }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.eventDocument,
      validate: { query: buildRouteValidation(EventDocumentQuery) },
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const { elasticsearch } = await context.core;
      const { index, id } = request.query;
      // A missing document or index is a 404 the client would throw with a raw JSON message.
      const hit = await elasticsearch.client.asCurrentUser.get<Record<string, unknown>>(
        { index, id },
        { ignore: [404] }
      );
      if (!hit.found) {
        return response.notFound({
          body: { message: `No event ${id} in ${index}: it may have been deleted` },
        });
      }
      return response.ok({ body: { index: hit._index, id: hit._id, document: hit._source ?? {} } });
    })
  );
}
