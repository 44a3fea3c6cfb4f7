import { ConnectorIdParams, ROUTES } from '../../common/api/routes';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/** DELETE /internal/audit_sources/connectors/{id}: the connector, its state, task and API key. */
export function registerDeleteConnectorRoute({ router, logger, getServices }: RouteDependencies) {
  router.delete(
    {
      path: ROUTES.connector,
      validate: { params: buildRouteValidation(ConnectorIdParams) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      await client.delete(request.params.id);
      return response.noContent();
    })
  );
}
