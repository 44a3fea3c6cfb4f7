/**
 * The message of anything thrown: code we call (a mapper, a client, a saved-objects call) may
 * throw a non-Error, and messages end up in health, responses and pipeline_error documents.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : 'Unknown error';
}
