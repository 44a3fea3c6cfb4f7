import type { IHttpFetchError, ResponseErrorBody } from '@kbn/core/public';
import { i18n } from '@kbn/i18n';

function isResponseErrorBody(body: unknown): body is ResponseErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

/** The status code of a failed core.http call, when the server answered. */
export function httpStatus(error: unknown): number | undefined {
  const fetchError = error as Partial<IHttpFetchError>;
  if (fetchError?.response && typeof fetchError.response.status === 'number') {
    return fetchError.response.status;
  }
  const body = fetchError?.body;
  return isResponseErrorBody(body) ? body.statusCode : undefined;
}

/**
 * What the user reads for a failed call: the server's own message (Kibana puts it in
 * `body.message`), else the error's message, never an empty string.
 */
export function errorMessage(error: unknown): string {
  const body = (error as Partial<IHttpFetchError>)?.body;
  if (isResponseErrorBody(body) && body.message.trim() !== '') return body.message;
  if (error instanceof Error && error.message.trim() !== '') return error.message;
  if (typeof error === 'string' && error.trim() !== '') return error;
  return i18n.translate('auditSources.httpError.unknown', { defaultMessage: 'Unknown error' });
}

/** Any thrown value as an Error, for toasts.addError. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(errorMessage(error));
}

/**
 * Field problems named in a 400 message. The server joins decodeErrorsByField as
 * `field.path: message; other.path: message` (formatDecodeErrors), possibly after a prefix such as
 * `[request body]: ` — only paths the form knows are picked out.
 */
export function fieldErrorsFromMessage(
  message: string,
  knownFields: readonly string[]
): Record<string, string> {
  const errors: Record<string, string> = {};
  // Longest first, so `settings.initialWindow` is not claimed by a shorter path.
  const fields = [...knownFields].sort((a, b) => b.length - a.length);
  for (const part of message.split(/;\s+/)) {
    for (const field of fields) {
      const at = part.indexOf(`${field}: `);
      if (at < 0) continue;
      const before = at === 0 ? '' : part[at - 1];
      if (before !== '' && !/[\s\]:[(]/.test(before)) continue;
      if (!(field in errors)) errors[field] = part.slice(at + field.length + 2).trim();
      break;
    }
  }
  return errors;
}

/**
 * Field problems of a 400: `body.attributes.fields` when the server lists them (cross-field
 * rules), else the paths named in the message (route validation).
 */
export function fieldErrorsFromError(
  error: unknown,
  knownFields: readonly string[]
): Record<string, string> {
  const body = (error as Partial<IHttpFetchError>)?.body;
  const fromMessage = fieldErrorsFromMessage(errorMessage(error), knownFields);
  if (!isResponseErrorBody(body)) return fromMessage;
  const listed = (body.attributes as { fields?: unknown } | undefined)?.fields;
  if (listed === null || typeof listed !== 'object') return fromMessage;
  const errors: Record<string, string> = { ...fromMessage };
  for (const [field, message] of Object.entries(listed as Record<string, unknown>)) {
    if (knownFields.includes(field) && typeof message === 'string') errors[field] = message;
  }
  return errors;
}
