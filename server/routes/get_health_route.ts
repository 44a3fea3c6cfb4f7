import { ConnectorIdParams, ROUTES } from '../../common/api/routes';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/** GET /internal/audit_sources/connectors/{id}/health */
export function registerGetHealthRoute({ router, logger, getServices }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.health,
      validate: { params: buildRouteValidation(ConnectorIdParams) },
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      return response.ok({ body: await client.health(request.params.id) });
    })
  );
}
