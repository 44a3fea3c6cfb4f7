import { DURATION_HELP, EVERYTHING } from '../duration';

/*
 * Every message the connector field checks produce, by key. The server (400s, route validation)
 * and the codecs use the plain English text (`fieldMessageText`); the browser form shows the
 * translated text of the same key (public/connectors/form_messages.ts, one i18n id per key, with
 * this text as its defaultMessage — a unit test keeps the two equal). Placeholders are `{name}`
 * only: no ICU plural or select here, so the plain substitution below and ICU agree.
 */
export const FIELD_MESSAGES = {
  nameRequired: 'Name is required',
  nameTooLong: 'Name must be at most {max} characters',
  intervalNotDuration: `Interval must be ${DURATION_HELP}`,
  intervalRange: 'Interval must be between 1m and 24h',
  intervalWholeSeconds: 'Interval must be whole seconds',
  durationFormat: `Must be ${DURATION_HELP}`,
  initialWindowFormat: `Must be ${DURATION_HELP}, or "${EVERYTHING}"`,
  namespaceEmpty: 'Namespace cannot be empty',
  namespaceLowercase: 'Namespace must be lowercase',
  namespaceCharacters: 'Namespace cannot contain spaces or any of * \\ / ? " < > | , # : -',
  namespaceTooLong: 'Namespace cannot be longer than 100 bytes',
  /** A text from elsewhere, shown as it is. */
  verbatim: '{text}',
  tooLongChars: 'Must be at most {max} characters',
  tooLargeKib: 'Must be at most {max} KiB',
  urlInvalid: 'Must be a URL such as https://example.com',
  urlProtocol: 'Must be an http:// or https:// URL',
  urlCredentials: 'Put credentials in their own fields, not in the URL',
  urlQueryOrFragment:
    'Must not contain ? or #: give the base URL only (scheme, host, port and an optional path prefix)',
  pemShape: 'Must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)',
  pemBodyNotBase64:
    'Not a valid certificate: the text between the BEGIN and END lines must be base64 (letters, digits, + and /, = only at the end)',
  pemBodyNotCertificate:
    'Not a valid certificate: the base64 between the BEGIN and END lines is not a certificate (the base64 of a certificate begins with M, usually MII)',
  fingerprint: 'Must be a SHA-256 fingerprint: 64 hex digits, colons optional',
  required: 'Required',
  apiTokenRequired: 'API token is required',
  tokenPrefix: 'Lumos API tokens start with lsk_',
  tokenShape: 'Lumos API tokens are lsk_ followed by letters, digits, - or _ (at least 8)',
  queryNotObject: 'Must be a JSON object, e.g. {example}',
  queryTooDeep: 'Must nest at most {max} levels',
  queryEmpty: 'Must not be empty',
  queryInvalidJson: 'Not valid JSON: {reason}',
  indexRequired: 'Index is required',
  indexTooLong: 'Index must be at most {max} characters',
  indexCharacters: 'Index cannot contain spaces or {characters}',
  indexControlCharacters: 'Index cannot contain control characters',
  indexEmptyName: 'Index has an empty name between commas',
  indexDots: 'Index names cannot be . or ..',
  usernameRequired: 'Username is required for basic authentication',
  passwordRequired: 'Password is required for basic authentication',
  apiKeyRequired: 'API key is required for API key authentication',
  // Warnings: the form shows them, the save stays possible (common/connectors/settings_warnings.ts).
  lateArrivalLong:
    'Every run re-reads {duration} before its checkpoint: more than 7 days re-fetches the same events on each run. A few hours is usual; the default is 1h.',
  lateArrivalZero:
    'A late-arrival window of 0 re-reads nothing: events Lumos publishes late are missed. The default is 1h.',
  lagLong:
    'Events reach Elasticsearch {duration} after Closer records them: more than 1 hour is rarely needed. A few seconds is usual; the default is 5s.',
  lagZero:
    'With no lag, documents Closer’s cluster makes searchable late can be missed. The default is 5s.',
  initialWindowZero:
    'A window of 0 reads no history: the first run starts now and older events are never imported. Leave it blank for the default.',
  initialWindowLong:
    'More than a year of history: the first run reads all of it before new events arrive. Use "everything" if you mean all history.',
  caNotUsedOverHttp:
    'The CA certificate is not used over http://: the connection is not encrypted. Use an https:// URL to verify the server.',
  fingerprintNotUsedOverHttp:
    'The CA fingerprint is not used over http://: the connection is not encrypted. Use an https:// URL to verify the server.',
} as const;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
export type FieldMessageValues = Record<string, string | number>;

/** A message by key, with its placeholder values: plain text on the server, translated in the form. */
export interface FieldMessage {
  key: FieldMessageKey;
  values?: FieldMessageValues;
}

export const message = (key: FieldMessageKey, values?: FieldMessageValues): FieldMessage =>
  values === undefined ? { key } : { key, values };

/** The English text: `{name}` replaced by its value (split/join: linear, no regex on input). */
export function fieldMessageText({ key, values }: FieldMessage): string {
  let text: string = FIELD_MESSAGES[key];
  for (const [name, value] of Object.entries(values ?? {})) {
    text = text.split(`{${name}}`).join(String(value));
  }
  return text;
}

/*
 * The server's answer when an edit moves stored secrets to another destination
 * (server/connectors/connectors_client.ts, destinationProblems), built and read here:
 * `Re-enter this secret: settings.url, settings.index changed, and a stored secret is only used …`.
 * The form recognises it to say the same with its own labels, translated.
 */
export const REENTER_SECRET_PREFIX = 'Re-enter this secret: ';
const REENTER_SECRET_CHANGED = ' changed';

/** The server's message for a stored secret whose destination `changedSettings` moved. */
export function reenterSecretMessage(changedSettings: readonly string[]): string {
  const fields = changedSettings.map((field) => `settings.${field}`).join(', ');
  return `${REENTER_SECRET_PREFIX}${fields}${REENTER_SECRET_CHANGED}, and a stored secret is only used for the destination, index, query and user it was entered for`;
}

/** The setting paths a "re-enter this secret" message names; undefined for any other message. */
export function reenterSecretChangedFields(text: string): string[] | undefined {
  if (!text.startsWith(REENTER_SECRET_PREFIX)) return undefined;
  const end = text.indexOf(REENTER_SECRET_CHANGED, REENTER_SECRET_PREFIX.length);
  if (end < 0) return undefined;
  const fields = text
    .slice(REENTER_SECRET_PREFIX.length, end)
    .split(',')
    .map((field) => field.trim());
  return fields.every((field) => field.startsWith('settings.')) ? fields : undefined;
}
