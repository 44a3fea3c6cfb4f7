/*
 * Local declarations for `@kbn/encrypted-saved-objects-plugin/server` (Kibana 9.4.3).
 * Mirrors x-pack/platform/plugins/shared/encrypted_saved_objects/server/{plugin.ts,
 * crypto/encrypted_saved_objects_service.ts, saved_objects/index.ts} and the client interface in
 * @kbn/encrypted-saved-objects-shared. Subset only.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

import type {
  ISavedObjectsPointInTimeFinder,
  SavedObject,
  SavedObjectsBaseOptions,
  SavedObjectsCreatePointInTimeFinderOptions,
} from '@kbn/core/server';

// x-pack/platform/plugins/shared/encrypted_saved_objects/server/crypto/encrypted_saved_objects_service.ts
export interface AttributeToEncrypt {
  readonly key: string;
  readonly dangerouslyExposeValue?: boolean;
}
export interface EncryptedSavedObjectTypeRegistration {
  readonly type: string;
  readonly attributesToEncrypt: ReadonlySet<string | AttributeToEncrypt>;
  readonly attributesToIncludeInAAD?: ReadonlySet<string>;
  readonly enforceRandomId?: boolean;
}

// @kbn/encrypted-saved-objects-shared (EncryptedSavedObjectsClient, re-exported from
// server/saved_objects/index.ts). The optional `dependencies` argument of
// createPointInTimeFinderDecryptedAsInternalUser is omitted.
export interface EncryptedSavedObjectsClient {
  getDecryptedAsInternalUser: <T = unknown>(
    type: string,
    id: string,
    options?: SavedObjectsBaseOptions
  ) => Promise<SavedObject<T>>;
  createPointInTimeFinderDecryptedAsInternalUser<T = unknown, A = unknown>(
    findOptions: SavedObjectsCreatePointInTimeFinderOptions
  ): Promise<ISavedObjectsPointInTimeFinder<T, A>>;
}
export interface EncryptedSavedObjectsClientOptions {
  includedHiddenTypes?: string[];
}

// x-pack/platform/plugins/shared/encrypted_saved_objects/server/saved_objects/index.ts
export type ClientInstanciator = (
  options?: EncryptedSavedObjectsClientOptions
) => EncryptedSavedObjectsClient;

// x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts (subset:
// createMigration, createModelVersion and __testCreateDangerousExtension omitted)
export interface EncryptedSavedObjectsPluginSetup {
  /** Requires `xpack.encryptedSavedObjects.encryptionKey` to be set explicitly. */
  canEncrypt: boolean;
  registerType: (typeRegistration: EncryptedSavedObjectTypeRegistration) => void;
}

// x-pack/platform/plugins/shared/encrypted_saved_objects/server/plugin.ts
export interface EncryptedSavedObjectsPluginStart {
  isEncryptionError: (error: Error) => boolean;
  getClient: ClientInstanciator;
}
