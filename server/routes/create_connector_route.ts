import { ROUTES } from '../../common/api/routes';
import { CreateConnectorRequest, credentialProblems } from '../../common/connectors/connector';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/** POST /internal/audit_sources/connectors */
export function registerCreateConnectorRoute({ router, logger, getServices }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.connectors,
      validate: {
        body: buildRouteValidation(CreateConnectorRequest, (body) =>
          credentialProblems(body.kind, body.settings, body.secrets)
        ),
      },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      return response.ok({ body: await client.create(request.body) });
    })
  );
}
