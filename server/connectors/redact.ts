/*
 * Error messages end up in connector health, API responses and logs. The sources already keep
 * secrets out of their messages; this is the second line: every configured secret value (and
 * its base64 and URL-encoded forms, which is how basic auth and query strings carry them) is
 * replaced before a message leaves the runner or a route.
 */

export const SECRET_PLACEHOLDER = '[redacted]';

function variants(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)].filter(
    (value, index, all) => value.length > 0 && all.indexOf(value) === index
  );
}

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  // Longest first, so a secret containing another is replaced whole.
  const values = secrets
    .filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4)
    .flatMap(variants)
    .sort((a, b) => b.length - a.length);
  for (const value of values) result = result.split(value).join(SECRET_PLACEHOLDER);
  return result;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'Unknown error';
}
