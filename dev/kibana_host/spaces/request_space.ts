/*
 * Which space a request is in. Kibana's spaces plugin reads it from the `/s/<id>` prefix of the
 * URL (spaces/server/lib/spaces_url_parser.ts; newer snapshots keep it as `request.spaceId`,
 * spaces_service.ts). The host's HTTP server records it here when it strips the prefix; every
 * other part of the host (saved objects, privileges, the spaces contract) asks here.
 */
import type { KibanaRequest } from '@kbn/core/server';
import { DEFAULT_SPACE_ID } from './namespace';

const spaces = new WeakMap<object, string>();

export function setRequestSpace(request: KibanaRequest, spaceId: string): void {
  spaces.set(request, spaceId);
}

/** The request's space; `default` for requests the server never saw (fake requests of tasks). */
export function getRequestSpace(request: KibanaRequest): string {
  return spaces.get(request) ?? DEFAULT_SPACE_ID;
}
