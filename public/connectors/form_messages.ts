import { i18n } from '@kbn/i18n';
import type {
  FieldMessage,
  FieldMessageKey,
  FieldMessageValues,
} from '../../common/connectors/field_messages';

/*
 * The browser's text for each message key of common/connectors/field_messages.ts: one literal
 * i18n id per key (Kibana's i18n extraction needs literal ids), whose defaultMessage is the
 * English text the server uses (form_messages.test.ts keeps them equal).
 */
type Translate = (values: FieldMessageValues) => string;

export const FIELD_MESSAGE_TRANSLATIONS: Record<FieldMessageKey, Translate> = {
  nameRequired: () =>
    i18n.translate('auditSources.connectorForm.message.nameRequired', {
      defaultMessage: 'Name is required',
    }),
  nameTooLong: (values) =>
    i18n.translate('auditSources.connectorForm.message.nameTooLong', {
      defaultMessage: 'Name must be at most {max} characters',
      values,
    }),
  intervalNotDuration: () =>
    i18n.translate('auditSources.connectorForm.message.intervalNotDuration', {
      defaultMessage:
        'Interval must be a whole number followed by ms, s, m, h, d, w, M (months) or y (years), or several in a row, or a whole number of milliseconds (e.g. "500ms", "90s", "1m30s", "24h", "30d", "2w")',
    }),
  intervalRange: () =>
    i18n.translate('auditSources.connectorForm.message.intervalRange', {
      defaultMessage: 'Interval must be between 1m and 24h',
    }),
  intervalWholeSeconds: () =>
    i18n.translate('auditSources.connectorForm.message.intervalWholeSeconds', {
      defaultMessage: 'Interval must be whole seconds',
    }),
  durationFormat: () =>
    i18n.translate('auditSources.connectorForm.message.durationFormat', {
      defaultMessage:
        'Must be a whole number followed by ms, s, m, h, d, w, M (months) or y (years), or several in a row, or a whole number of milliseconds (e.g. "500ms", "90s", "1m30s", "24h", "30d", "2w")',
    }),
  initialWindowFormat: () =>
    i18n.translate('auditSources.connectorForm.message.initialWindowFormat', {
      defaultMessage:
        'Must be a whole number followed by ms, s, m, h, d, w, M (months) or y (years), or several in a row, or a whole number of milliseconds (e.g. "500ms", "90s", "1m30s", "24h", "30d", "2w"), or "everything"',
    }),
  namespaceEmpty: () =>
    i18n.translate('auditSources.connectorForm.message.namespaceEmpty', {
      defaultMessage: 'Namespace cannot be empty',
    }),
  namespaceLowercase: () =>
    i18n.translate('auditSources.connectorForm.message.namespaceLowercase', {
      defaultMessage: 'Namespace must be lowercase',
    }),
  namespaceCharacters: () =>
    i18n.translate('auditSources.connectorForm.message.namespaceCharacters', {
      defaultMessage: 'Namespace cannot contain spaces or any of * \\ / ? " < > | , # : -',
    }),
  namespaceTooLong: () =>
    i18n.translate('auditSources.connectorForm.message.namespaceTooLong', {
      defaultMessage: 'Namespace cannot be longer than 100 bytes',
    }),
  verbatim: (values) =>
    i18n.translate('auditSources.connectorForm.message.verbatim', {
      defaultMessage: '{text}',
      values,
    }),
  tooLongChars: (values) =>
    i18n.translate('auditSources.connectorForm.message.tooLongChars', {
      defaultMessage: 'Must be at most {max} characters',
      values,
    }),
  tooLargeKib: (values) =>
    i18n.translate('auditSources.connectorForm.message.tooLargeKib', {
      defaultMessage: 'Must be at most {max} KiB',
      values,
    }),
  urlInvalid: () =>
    i18n.translate('auditSources.connectorForm.message.urlInvalid', {
      defaultMessage: 'Must be a URL such as https://example.com',
    }),
  urlProtocol: () =>
    i18n.translate('auditSources.connectorForm.message.urlProtocol', {
      defaultMessage: 'Must be an http:// or https:// URL',
    }),
  urlCredentials: () =>
    i18n.translate('auditSources.connectorForm.message.urlCredentials', {
      defaultMessage: 'Put credentials in their own fields, not in the URL',
    }),
  urlQueryOrFragment: () =>
    i18n.translate('auditSources.connectorForm.message.urlQueryOrFragment', {
      defaultMessage:
        'Must not contain ? or #: give the base URL only (scheme, host, port and an optional path prefix)',
    }),
  pemShape: () =>
    i18n.translate('auditSources.connectorForm.message.pemShape', {
      defaultMessage: 'Must be a PEM certificate (-----BEGIN CERTIFICATE----- ...)',
    }),
  pemBodyNotBase64: () =>
    i18n.translate('auditSources.connectorForm.message.pemBodyNotBase64', {
      defaultMessage:
        'Not a valid certificate: the text between the BEGIN and END lines must be base64 (letters, digits, + and /, = only at the end)',
    }),
  pemBodyNotCertificate: () =>
    i18n.translate('auditSources.connectorForm.message.pemBodyNotCertificate', {
      defaultMessage:
        'Not a valid certificate: the base64 between the BEGIN and END lines is not a certificate (the base64 of a certificate begins with M, usually MII)',
    }),
  fingerprint: () =>
    i18n.translate('auditSources.connectorForm.message.fingerprint', {
      defaultMessage: 'Must be a SHA-256 fingerprint: 64 hex digits, colons optional',
    }),
  required: () =>
    i18n.translate('auditSources.connectorForm.message.required', {
      defaultMessage: 'Required',
    }),
  apiTokenRequired: () =>
    i18n.translate('auditSources.connectorForm.message.apiTokenRequired', {
      defaultMessage: 'API token is required',
    }),
  tokenPrefix: () =>
    i18n.translate('auditSources.connectorForm.message.tokenPrefix', {
      defaultMessage: 'Lumos API tokens start with lsk_',
    }),
  tokenShape: () =>
    i18n.translate('auditSources.connectorForm.message.tokenShape', {
      defaultMessage: 'Lumos API tokens are lsk_ followed by letters, digits, - or _ (at least 8)',
    }),
  queryNotObject: (values) =>
    i18n.translate('auditSources.connectorForm.message.queryNotObject', {
      defaultMessage: 'Must be a JSON object, e.g. {example}',
      values,
    }),
  queryTooDeep: (values) =>
    i18n.translate('auditSources.connectorForm.message.queryTooDeep', {
      defaultMessage: 'Must nest at most {max} levels',
      values,
    }),
  queryEmpty: () =>
    i18n.translate('auditSources.connectorForm.message.queryEmpty', {
      defaultMessage: 'Must not be empty',
    }),
  queryInvalidJson: (values) =>
    i18n.translate('auditSources.connectorForm.message.queryInvalidJson', {
      defaultMessage: 'Not valid JSON: {reason}',
      values,
    }),
  indexRequired: () =>
    i18n.translate('auditSources.connectorForm.message.indexRequired', {
      defaultMessage: 'Index is required',
    }),
  indexTooLong: (values) =>
    i18n.translate('auditSources.connectorForm.message.indexTooLong', {
      defaultMessage: 'Index must be at most {max} characters',
      values,
    }),
  indexCharacters: (values) =>
    i18n.translate('auditSources.connectorForm.message.indexCharacters', {
      defaultMessage: 'Index cannot contain spaces or {characters}',
      values,
    }),
  indexControlCharacters: () =>
    i18n.translate('auditSources.connectorForm.message.indexControlCharacters', {
      defaultMessage: 'Index cannot contain control characters',
    }),
  indexEmptyName: () =>
    i18n.translate('auditSources.connectorForm.message.indexEmptyName', {
      defaultMessage: 'Index has an empty name between commas',
    }),
  indexDots: () =>
    i18n.translate('auditSources.connectorForm.message.indexDots', {
      defaultMessage: 'Index names cannot be . or ..',
    }),
  usernameRequired: () =>
    i18n.translate('auditSources.connectorForm.message.usernameRequired', {
      defaultMessage: 'Username is required for basic authentication',
    }),
  passwordRequired: () =>
    i18n.translate('auditSources.connectorForm.message.passwordRequired', {
      defaultMessage: 'Password is required for basic authentication',
    }),
  apiKeyRequired: () =>
    i18n.translate('auditSources.connectorForm.message.apiKeyRequired', {
      defaultMessage: 'API key is required for API key authentication',
    }),
  lateArrivalLong: (values) =>
    i18n.translate('auditSources.connectorForm.message.lateArrivalLong', {
      defaultMessage:
        'Every run re-reads {duration} before its checkpoint: more than 7 days re-fetches the same events on each run. A few hours is usual; the default is 1h.',
      values,
    }),
  lateArrivalZero: () =>
    i18n.translate('auditSources.connectorForm.message.lateArrivalZero', {
      defaultMessage:
        'A late-arrival window of 0 re-reads nothing: events Lumos publishes late are missed. The default is 1h.',
    }),
  lagLong: (values) =>
    i18n.translate('auditSources.connectorForm.message.lagLong', {
      defaultMessage:
        'Events reach Elasticsearch {duration} after Closer records them: more than 1 hour is rarely needed. A few seconds is usual; the default is 5s.',
      values,
    }),
  lagZero: () =>
    i18n.translate('auditSources.connectorForm.message.lagZero', {
      defaultMessage:
        'With no lag, documents Closer’s cluster makes searchable late can be missed. The default is 5s.',
    }),
  initialWindowZero: () =>
    i18n.translate('auditSources.connectorForm.message.initialWindowZero', {
      defaultMessage:
        'A window of 0 reads no history: the first run starts now and older events are never imported. Leave it blank for the default.',
    }),
  initialWindowLong: () =>
    i18n.translate('auditSources.connectorForm.message.initialWindowLong', {
      defaultMessage:
        'More than a year of history: the first run reads all of it before new events arrive. Use "everything" if you mean all history.',
    }),
  caNotUsedOverHttp: () =>
    i18n.translate('auditSources.connectorForm.message.caNotUsedOverHttp', {
      defaultMessage:
        'The CA certificate is not used over http://: the connection is not encrypted. Use an https:// URL to verify the server.',
    }),
  fingerprintNotUsedOverHttp: () =>
    i18n.translate('auditSources.connectorForm.message.fingerprintNotUsedOverHttp', {
      defaultMessage:
        'The CA fingerprint is not used over http://: the connection is not encrypted. Use an https:// URL to verify the server.',
    }),
};

/** A field message in the user's language. */
export function translateFieldMessage({ key, values }: FieldMessage): string {
  return FIELD_MESSAGE_TRANSLATIONS[key](values ?? {});
}
