/*
 * The `/s/<spaceId>` URL prefix, as Kibana's spaces plugin reads and writes it:
 * - x-pack/platform/plugins/shared/spaces/common/lib/spaces_url_parser.ts (getSpaceIdFromPath,
 *   addSpaceIdToPath; regex `^/s/([a-z0-9_-]+)` after the server base path);
 * - x-pack/platform/plugins/shared/spaces/server/lib/request_interceptors/on_request_interceptor.ts
 *   (onPreRouting: `basePath.set(request, '/s/<id>')` and `rewriteUrl(<rest> + search)`; `/s/default`
 *   is rewritten too, so `/s/default/x` is `/x` in the default space with basePath `/s/default`).
 *
 * One difference: Kibana's regex has no segment boundary (`/s/fooBar/x` would read space `foo` and
 * rewrite to `Bar/x`, which then matches nothing, i.e. 404). Here the whole segment must be a
 * valid space id (SPACE_ID_PATTERN) or the request is `invalid` (the server answers 404).
 */
import { DEFAULT_SPACE_ID, SPACE_ID_PATTERN } from '../spaces/namespace';

export type SpacePrefix =
  | {
      valid: true;
      spaceId: string;
      /** The URL carried `/s/<id>` (also for `/s/default`). */
      explicit: boolean;
      /** What the request is handled as: the path without server base path and `/s/<id>`. */
      pathname: string;
      /** `/s/<id>` when explicit, else '' (what `basePath.set` records, without serverBasePath). */
      spaceBasePath: string;
    }
  | { valid: false; segment: string };

function stripServerBasePath(pathname: string, serverBasePath: string): string {
  if (serverBasePath && serverBasePath !== '/' && pathname.startsWith(serverBasePath)) {
    return pathname.slice(serverBasePath.length) || '/';
  }
  return pathname;
}

/** spaces_url_parser.ts getSpaceIdFromPath + the rewrite of on_request_interceptor.ts. */
export function parseSpacePrefix(pathname: string, serverBasePath = ''): SpacePrefix {
  const path = stripServerBasePath(pathname, serverBasePath);
  const match = /^\/s\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) {
    return {
      valid: true,
      spaceId: DEFAULT_SPACE_ID,
      explicit: false,
      pathname: path,
      spaceBasePath: '',
    };
  }
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]);
  } catch {
    return { valid: false, segment: match[1] };
  }
  if (!SPACE_ID_PATTERN.test(segment)) return { valid: false, segment };
  return {
    valid: true,
    spaceId: segment,
    explicit: true,
    pathname: match[2] || '/',
    spaceBasePath: `/s/${segment}`,
  };
}

/** spaces_url_parser.ts addSpaceIdToPath: no prefix for the default space. */
export function addSpaceIdToPath(basePath = '/', spaceId = '', requestedPath = ''): string {
  if (requestedPath && !requestedPath.startsWith('/')) {
    throw new Error(`path must start with a /`);
  }
  const normalized = (basePath.endsWith('/') ? basePath.slice(0, -1) : basePath).replace(
    /\/s\/[a-z0-9_-]+/,
    ''
  );
  if (spaceId && spaceId !== DEFAULT_SPACE_ID) {
    return `${normalized}/s/${spaceId}${requestedPath}`;
  }
  return `${normalized}${requestedPath}` || '/';
}
