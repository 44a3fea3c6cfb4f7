/*
 * Local declarations for `@kbn/spaces-plugin/server` (Kibana 9.4.3) — subset only.
 * Mirrors x-pack/platform/plugins/shared/spaces/server/plugin.ts (SpacesPluginSetup/Start) and
 * server/spaces_service/spaces_service.ts (SpacesServiceSetup/Start). `spaces` is an optional
 * plugin: without it every request is in the default space.
 *
 * getSpaceId: the stored snapshot reads `request.spaceId ?? DEFAULT_SPACE_ID`; older ones read
 * the space from the request's base path (`/s/<id>`, spaces' lib/spaces_url_parser.ts). Either
 * way the answer is the space of the URL the request came in on.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

import type { KibanaRequest } from '@kbn/core/server';

// spaces/server/spaces_service/spaces_service.ts (SpacesServiceSetup; registerSpaceDeleteHandler
// omitted)
export interface SpacesServiceSetup {
  getSpaceId(request: KibanaRequest): string;
  /** `default` → undefined: saved objects of the default space have no namespace. */
  spaceIdToNamespace(spaceId: string): string | undefined;
  namespaceToSpaceId(namespace: string | undefined): string;
}

// spaces/server/spaces_service/spaces_service.ts (SpacesServiceStart; createSpacesClient and
// getActiveSpace omitted)
export interface SpacesServiceStart {
  getSpaceId(request: KibanaRequest): string;
  isInDefaultSpace(request: KibanaRequest): boolean;
  spaceIdToNamespace(spaceId: string): string | undefined;
  namespaceToSpaceId(namespace: string | undefined): string;
}

// spaces/server/plugin.ts (SpacesPluginSetup; spacesClient registries omitted)
export interface SpacesPluginSetup {
  spacesService: SpacesServiceSetup;
}

// spaces/server/plugin.ts (SpacesPluginStart; hasOnlyDefaultSpace$ omitted)
export interface SpacesPluginStart {
  spacesService: SpacesServiceStart;
}
