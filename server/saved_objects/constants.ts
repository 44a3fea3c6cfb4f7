/** Hidden saved-object type holding a connector's configuration and (encrypted) secrets. */
export const CONNECTOR_SAVED_OBJECT_TYPE = 'audit-sources-connector';

/**
 * Companion hidden type holding what the poll task learns: checkpoint and health. Kept apart
 * from the connector so the task runner never rewrites an encrypted document (a partial update
 * that missed an AAD attribute would make the secrets undecryptable) and so user edits and run
 * bookkeeping never race on the same document version. Same id as its connector.
 */
export const CONNECTOR_STATE_SAVED_OBJECT_TYPE = 'audit-sources-connector-state';

export const HIDDEN_TYPES = [CONNECTOR_SAVED_OBJECT_TYPE, CONNECTOR_STATE_SAVED_OBJECT_TYPE];
