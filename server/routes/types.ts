import type { IRouter, KibanaRequest, Logger, RequestHandlerContext } from '@kbn/core/server';
import type { ConnectorsClient, RequestSpace } from '../connectors/connectors_client';
import type { ProbeOptions } from '../connectors/source_probe';
import type { OutboundPolicy } from '../lib/outbound/host_policy';

/** What handlers need once Kibana has started; resolved by the plugin's `start`. */
export interface RouteServices {
  connectorsClient(
    context: RequestHandlerContext,
    request: KibanaRequest
  ): Promise<ConnectorsClient>;
  /** The request's space (the default space when Kibana runs without the spaces plugin). */
  space(request: KibanaRequest): RequestSpace;
  /** Where test connection and preview may connect (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  /** Overrides for the source probes (tests). */
  probe?: Omit<ProbeOptions, 'outbound'>;
}

export interface RouteDependencies {
  router: IRouter<RequestHandlerContext>;
  logger: Logger;
  getServices: () => Promise<RouteServices>;
}
