/**
 * `text` without its trailing slashes. A loop, not `/\/+$/`: that pattern retries at every slash
 * of a long run that is not at the end (`//…//a`), quadratic in the run's length, and base URLs
 * come from users.
 */
export function trimTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end--;
  return text.slice(0, end);
}
