import { schema } from '@kbn/config-schema';
import type { SavedObjectsType } from '@kbn/core/server';
import type { EncryptedSavedObjectTypeRegistration } from '@kbn/encrypted-saved-objects-plugin/server';
import { CONNECTOR_SAVED_OBJECT_TYPE } from './constants';
import { canonicalDurationsChange } from './canonical_durations';
import { moveToDefaultSpace } from './move_to_default_space';
import { sourceKindError } from './source_kind';
import type { ConnectorAttributes } from './types';

/*
 * Version 1 of the connector attributes. Never edit a released version: add a new model version
 * with its own schemas and changes (Kibana's saved_search and cloud_security_posture types keep
 * every version's schemas side by side for the same reason).
 *
 * `secrets` and `apiKey` are validated loosely (object or string): the validation may see the
 * value before or after encryptedSavedObjects turned it into ciphertext.
 */
const encryptedValue = schema.maybe(
  schema.oneOf([schema.string(), schema.object({}, { unknowns: 'allow' })])
);

const connectorAttributesV1 = {
  name: schema.string({ minLength: 1, maxLength: 100 }),
  kind: schema.oneOf([schema.literal('lumos'), schema.literal('closer')]),
  enabled: schema.boolean(),
  interval: schema.string(),
  namespace: schema.string(),
  settings: schema.object({}, { unknowns: 'allow' }),
  secrets: encryptedValue,
  secretsSet: schema.arrayOf(schema.string()),
  apiKey: encryptedValue,
  apiKeyId: schema.maybe(schema.string()),
  apiKeyOwner: schema.maybe(schema.string()),
  apiKeyCreatedByUser: schema.maybe(schema.boolean()),
};

export const connectorSchemasV1 = {
  // Reading a document written by a newer version: drop what this version does not know.
  forwardCompatibility: schema.object(connectorAttributesV1, { unknowns: 'ignore' }),
  create: schema.object(connectorAttributesV1),
};

/*
 * Version 3: `kind` is any registered source (checked in code against the registry) instead of a
 * list frozen into the schema, so adding a source needs no new model version. Reading a newer
 * document accepts any kind; code that meets a kind it does not know skips the document.
 */
const connectorAttributesV3 = {
  ...connectorAttributesV1,
  kind: schema.string({ validate: sourceKindError }),
};

export const connectorSchemasV3 = {
  forwardCompatibility: schema.object(
    { ...connectorAttributesV1, kind: schema.string() },
    { unknowns: 'ignore' }
  ),
  create: schema.object(connectorAttributesV3),
};

export const connectorSavedObjectType: SavedObjectsType<ConnectorAttributes> = {
  name: CONNECTOR_SAVED_OBJECT_TYPE,
  // Reachable only through clients that include it explicitly; never via the SO HTTP APIs.
  hidden: true,
  // One space each, ids unique across spaces, like Kibana's action connectors. Version 2 moved
  // the connectors of the `agnostic` version 1 into the default space (docs/privileges.md).
  namespaceType: 'multiple-isolated',
  // Only what we filter or sort on; everything else stays in _source.
  mappings: {
    dynamic: false,
    properties: {
      name: { type: 'keyword' },
      kind: { type: 'keyword' },
      enabled: { type: 'boolean' },
      namespace: { type: 'keyword' },
    },
  },
  modelVersions: {
    1: { changes: [], schemas: connectorSchemasV1 },
    2: { changes: [moveToDefaultSpace], schemas: connectorSchemasV1 },
    // Durations stored in the grammar before Kibana's, rewritten (canonical_durations.ts), and
    // `kind` checked against the registry.
    3: { changes: [canonicalDurationsChange], schemas: connectorSchemasV3 },
  },
  management: { importableAndExportable: false },
};

/**
 * What encryptedSavedObjects encrypts, and what it binds the ciphertext to. `kind` and `settings`
 * are in the AAD so the secrets stop decrypting if someone rewrites where they are sent (the
 * source URL or proxy) without going through our API, which re-encrypts on every save. Health
 * and checkpoint live in the companion type, so nothing else ever rewrites this document.
 */
export const connectorEncryptionRegistration: EncryptedSavedObjectTypeRegistration = {
  type: CONNECTOR_SAVED_OBJECT_TYPE,
  attributesToEncrypt: new Set(['secrets', 'apiKey']),
  attributesToIncludeInAAD: new Set(['kind', 'settings']),
};
