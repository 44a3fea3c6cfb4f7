import { registerCreateConnectorRoute } from './create_connector_route';
import { registerCreateSavedViewsRoute } from './create_saved_views_route';
import { registerDeleteConnectorRoute } from './delete_connector_route';
import { registerGetConnectorRoute } from './get_connector_route';
import { registerGetConnectorsRoute } from './get_connectors_route';
import { registerGetEventRoute } from './get_event_route';
import { registerGetEventSuggestionsRoute } from './get_event_suggestions_route';
import { registerGetEventsRoute } from './get_events_route';
import { registerGetHealthRoute } from './get_health_route';
import { registerGetSavedViewsRoute } from './get_saved_views_route';
import { registerPreviewRoute } from './preview_route';
import { registerRunConnectorRoute } from './run_connector_route';
import { registerTestConnectionRoute } from './test_connection_route';
import type { RouteDependencies } from './types';
import { registerUpdateConnectorRoute } from './update_connector_route';

export type { RouteDependencies, RouteServices } from './types';

/** Every HTTP route of the plugin (one file each, osquery-style). */
export function registerRoutes(deps: RouteDependencies): void {
  registerGetConnectorsRoute(deps);
  registerGetConnectorRoute(deps);
  registerCreateConnectorRoute(deps);
  registerUpdateConnectorRoute(deps);
  registerDeleteConnectorRoute(deps);
  registerTestConnectionRoute(deps);
  registerPreviewRoute(deps);
  registerRunConnectorRoute(deps);
  registerGetHealthRoute(deps);
  registerGetEventsRoute(deps);
  registerGetEventRoute(deps);
  registerGetEventSuggestionsRoute(deps);
  registerGetSavedViewsRoute(deps);
  registerCreateSavedViewsRoute(deps);
}
