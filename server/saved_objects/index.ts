import type { SavedObjectsServiceSetup } from '@kbn/core/server';
import type { EncryptedSavedObjectsPluginSetup } from '@kbn/encrypted-saved-objects-plugin/server';
import { connectorStateSavedObjectType } from './connector_state_type';
import { connectorEncryptionRegistration, connectorSavedObjectType } from './connector_type';

export * from './constants';
export type * from './types';

/** Both hidden types, and the connector's encrypted attributes. Called from `setup`. */
export function registerSavedObjects(
  savedObjects: SavedObjectsServiceSetup,
  encryptedSavedObjects: EncryptedSavedObjectsPluginSetup
): void {
  savedObjects.registerType(connectorSavedObjectType);
  savedObjects.registerType(connectorStateSavedObjectType);
  encryptedSavedObjects.registerType(connectorEncryptionRegistration);
}
