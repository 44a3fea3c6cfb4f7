import { ConnectorIdParams, ROUTES } from '../../common/api/routes';
import { UpdateConnectorRequest } from '../../common/connectors/connector';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * PUT /internal/audit_sources/connectors/{id}. Credential rules need the stored secrets, so they
 * are checked by the client (still a 400 naming the field).
 */
export function registerUpdateConnectorRoute({ router, logger, getServices }: RouteDependencies) {
  router.put(
    {
      path: ROUTES.connector,
      validate: {
        params: buildRouteValidation(ConnectorIdParams),
        body: buildRouteValidation(UpdateConnectorRequest),
      },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      return response.ok({ body: await client.update(request.params.id, request.body) });
    })
  );
}
