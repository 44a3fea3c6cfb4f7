import { ConnectorIdParams, ROUTES } from '../../common/api/routes';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * POST /internal/audit_sources/connectors/{id}/_run: asks Task Manager to run the poll now. 202:
 * the run happens in the background; 409 when one is already running or the connector is off.
 */
export function registerRunConnectorRoute({ router, logger, getServices }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.runNow,
      validate: { params: buildRouteValidation(ConnectorIdParams) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      await client.runNow(request.params.id);
      return response.accepted({
        body: { id: request.params.id, message: 'The poll will start within a few seconds' },
      });
    })
  );
}
