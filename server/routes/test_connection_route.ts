import { ROUTES } from '../../common/api/routes';
import { DraftConnectorRequest } from '../../common/connectors/connector';
import { testConnection } from '../connectors/source_probe';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/**
 * POST /internal/audit_sources/connectors/_test. A source failure is a 200 with `ok: false`; only
 * a malformed request (400), missing access (403) or an unknown stored connector (404) is not.
 * Write privilege: it sends (possibly stored) secrets to a host from the request body.
 */
export function registerTestConnectionRoute({ router, logger, getServices }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.testConnection,
      validate: { body: buildRouteValidation(DraftConnectorRequest) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const services = await getServices();
      const client = await services.connectorsClient(context, request);
      const draft = await client.resolveDraft(request.body);
      return response.ok({
        body: await testConnection(draft, { ...services.probe, outbound: services.outbound }),
      });
    })
  );
}
