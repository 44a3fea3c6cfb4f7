import { ROUTES } from '../../common/api/routes';
import { DraftConnectorRequest } from '../../common/connectors/connector';
import { previewDocuments } from '../connectors/source_probe';
import { buildRouteValidation } from '../lib/route_validation';
import { withErrorHandling } from './error_response';
import { WRITE_SECURITY } from './security';
import type { RouteDependencies } from './types';

/** POST /internal/audit_sources/connectors/_preview: up to 10 mapped documents, nothing written. */
export function registerPreviewRoute({ router, logger, getServices }: RouteDependencies) {
  router.post(
    {
      path: ROUTES.preview,
      validate: { body: buildRouteValidation(DraftConnectorRequest) },
      security: WRITE_SECURITY,
      options: { access: 'internal' },
    },
    withErrorHandling(logger, async (context, request, response) => {
      const services = await getServices();
      const client = await services.connectorsClient(context, request);
      const draft = await client.resolveDraft(request.body);
      return response.ok({
        body: await previewDocuments(draft, { ...services.probe, outbound: services.outbound }),
      });
    })
  );
}
