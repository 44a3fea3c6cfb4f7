import type { HostHttpErrorResponse, HostHttpInterceptor, HostInterceptController } from './http';

/*
 * Kibana's logout on 401, as the security plugin does it in the browser:
 * - x-pack/platform/plugins/shared/security/public/session/unauthorized_response_http_interceptor.ts
 *   (UnauthorizedResponseHttpInterceptor): on a 401 response to any call made with credentials,
 *   from a page that is not anonymous, log out and halt the call;
 * - session/session_expired.ts (SessionExpired.logout): navigate to `<basePath>/logout?msg=<reason>
 *   &next=<current URL>`, with the reason taken from the `kbn-session-error-reason` header when it
 *   names an expired session, else AUTHENTICATION_ERROR.
 * The host's `/logout` page is served by ../index.ts. This is what makes a 401 from one of our
 * routes observable here: the app is gone and the page is the logout page.
 */

/** common/constants.ts SESSION_ERROR_REASON_HEADER. */
export const SESSION_ERROR_REASON_HEADER = 'kbn-session-error-reason';

/** The LogoutReason values the interceptor passes through from the header (common/types.ts). */
const PASSED_THROUGH_REASONS = new Set([
  'SESSION_EXPIRED',
  'SESSION_IDLE_TIMEOUT',
  'SESSION_LIFESPAN_TIMEOUT',
  'CONCURRENCY_LIMIT',
]);

export const LOGOUT_PATH = '/logout';

/**
 * Paths that need no session (core's anonymousPaths plus what the security plugin registers:
 * login, logout, logged_out…); a 401 there never logs out.
 */
export const ANONYMOUS_PATHS = ['/login', LOGOUT_PATH, '/logged_out', '/security/logged_out'];

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

export interface UnauthorizedInterceptorDeps {
  basePath: string;
  location: () => Location;
  /** Full-page navigation (Kibana: application.navigateToUrl with forceRedirect). */
  navigate: (url: string) => void;
}

export function logoutUrl(basePath: string, reason: string, location: Location): string {
  const next = `${location.pathname}${location.search}${location.hash}`;
  return `${basePath}${LOGOUT_PATH}?msg=${encodeURIComponent(reason)}&next=${encodeURIComponent(next)}`;
}

function isAnonymous(basePath: string, pathname: string): boolean {
  const path =
    basePath && pathname.startsWith(basePath) ? pathname.slice(basePath.length) : pathname;
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return ANONYMOUS_PATHS.includes(trimmed);
}

export function createUnauthorizedInterceptor(
  deps: UnauthorizedInterceptorDeps
): HostHttpInterceptor {
  return {
    responseError(failure: HostHttpErrorResponse, controller: HostInterceptController) {
      const location = deps.location();
      if (isAnonymous(deps.basePath, location.pathname)) return;
      // A call that omits credentials is to an anonymous endpoint (e.g. the login form).
      if (failure.request.credentials === 'omit') return;
      // No response: a network failure, not a refusal.
      const { response } = failure;
      if (!response || response.status !== 401) return;
      const header = response.headers.get(SESSION_ERROR_REASON_HEADER) ?? '';
      const reason = PASSED_THROUGH_REASONS.has(header) ? header : 'AUTHENTICATION_ERROR';
      deps.navigate(logoutUrl(deps.basePath, reason, location));
      controller.halt();
    },
  };
}
