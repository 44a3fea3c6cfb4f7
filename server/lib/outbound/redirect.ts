/*
 * Redirects are not followed (both clients fetch with `redirect: 'manual'`). A followed redirect
 * would carry the request, and with undici's fetch possibly its credentials, to a host that
 * the connector's URL never named and that validation never saw; it would also turn any open
 * redirect on an allowed host into a way around the outbound policy. A 3xx is therefore a
 * clear, non-retryable error that tells the user where to point the URL instead.
 */
import type { ByteStream } from '../read_capped';

export function isRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/** Only the origin of a Location, and only of an http(s) URL: it is remote text. */
function locationOrigin(location: string | null | undefined, base: string): string | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location.slice(0, 2048), base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin.slice(0, 200);
  } catch {
    return undefined;
  }
}

/**
 * `<service> answered HTTP 302, a redirect to https://other.example: redirects are not
 * followed; point <setting> at the address it redirects to`.
 */
export function redirectMessage(options: {
  service: string;
  status: number;
  location: string | null | undefined;
  requestUrl: string;
  setting: string;
}): string {
  const origin = locationOrigin(options.location, options.requestUrl);
  const target = origin ? `, a redirect to ${origin}` : ', a redirect';
  return `${options.service} answered HTTP ${options.status}${target}: redirects are not followed; point ${options.setting} at the address it redirects to${origin ? '' : ' (check the scheme, host and path prefix)'}`;
}

/** Lets go of an unread body so that the connection does not wait for it. */
export async function discardBody(response: { body?: ByteStream | null }): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already closed or errored: nothing is held.
  }
}
