import type { WriterKey } from './api_keys';
import { BulkWriteError } from '../ingest/bulk_writer';

/*
 * What a run says when the destination Elasticsearch does not accept the writer's credentials
 * (401). Elasticsearch's own text ("unable to authenticate with provided credentials…") names
 * neither the key nor the fix, and the cause is one of a few the health reader can act on: API
 * keys switched off on a secured cluster, a key invalidated or expired, or no key at all (saved
 * while security was off). docs/privileges.md lists them.
 */

/**
 * Whether the destination cluster refused to authenticate the writer (401): a ResponseError of
 * the Elasticsearch client (the sources' own clients throw other types), or bulk items refused
 * 401.
 */
export function destinationUnauthenticated(error: unknown): boolean {
  if (error instanceof BulkWriteError) return error.itemErrors.some((item) => item.status === 401);
  const { name, meta } = (error ?? {}) as { name?: unknown; meta?: { statusCode?: unknown } };
  return name === 'ResponseError' && meta?.statusCode === 401;
}

function keyOwner(key: WriterKey): string {
  return key.apiKeyOwner ? `user "${key.apiKeyOwner}"` : 'the user who last saved this connector';
}

/**
 * `apiKeysEnabled`: Kibana's `areAPIKeysEnabled()` asked after the 401, or undefined when that
 * could not be answered. `original` is Elasticsearch's text, already redacted by the caller.
 */
export function unauthenticatedMessage(
  key: WriterKey,
  apiKeysEnabled: boolean | undefined,
  original: string
): string {
  const said = ` Elasticsearch said: ${original}`;
  const prefix =
    'Elasticsearch refused the credentials this connector writes with (401), so no events are stored: ';
  if (apiKeysEnabled === false) {
    return (
      prefix +
      'API keys are disabled on the cluster (xpack.security.authc.api_key.enabled: false). Ask an ' +
      'administrator to enable them in elasticsearch.yml and restart Elasticsearch' +
      (key.apiKey
        ? `; the writer API key of ${keyOwner(key)} (id ${key.apiKeyId ?? 'unknown'}) is used again from the next run.`
        : ', then save the connector again so that a writer API key is granted for you.') +
      said
    );
  }
  if (!key.apiKey) {
    return (
      prefix +
      'the connector has no writer API key (it was saved while security was off). Save the ' +
      'connector again so that a writer API key is granted for you.' +
      said
    );
  }
  const whose = key.apiKeyCreatedByUser
    ? `the API key ${keyOwner(key)} was signed in with when saving (id ${key.apiKeyId ?? 'unknown'})`
    : `the writer API key granted for ${keyOwner(key)} (id ${key.apiKeyId ?? 'unknown'})`;
  return (
    prefix +
    `${whose} was not accepted: it has probably been invalidated or has expired` +
    (apiKeysEnabled === undefined ? ', or API keys have been disabled on the cluster' : '') +
    '. Save the connector again (signed in with a user name and password, or a valid API key) ' +
    'so that it writes with a new key.' +
    said
  );
}
