import { ROUTES } from '../../common/api/routes';
import type { ListConnectorsResponse } from '../../common/connectors/view';
import { withErrorHandling } from './error_response';
import { READ_SECURITY } from './security';
import type { RouteDependencies } from './types';

/** GET /internal/audit_sources/connectors */
export function registerGetConnectorsRoute({ router, logger, getServices }: RouteDependencies) {
  router.get(
    {
      path: ROUTES.connectors,
      validate: false,
      security: READ_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const client = await (await getServices()).connectorsClient(context, request);
      const body: ListConnectorsResponse = {
        connectors: await client.list(),
        spaceId: client.spaceId,
      };
      return response.ok({ body });
    })
  );
}
