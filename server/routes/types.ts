import type { IRouter, KibanaRequest, Logger, RequestHandlerContext } from '@kbn/core/server';
import type { ConnectorsClient } from '../connectors/connectors_client';
import type { ProbeOptions } from '../connectors/source_probe';

/** What handlers need once Kibana has started; resolved by the plugin's `start`. */
export interface RouteServices {
  connectorsClient(
    context: RequestHandlerContext,
    request: KibanaRequest
  ): Promise<ConnectorsClient>;
  /** Overrides for the source probes (tests). */
  probe?: ProbeOptions;
}

export interface RouteDependencies {
  router: IRouter<RequestHandlerContext>;
  logger: Logger;
  getServices: () => Promise<RouteServices>;
}
