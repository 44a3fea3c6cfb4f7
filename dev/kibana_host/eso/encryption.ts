/*
 * The core of Kibana's EncryptedSavedObjectsService
 * (x-pack/platform/plugins/shared/encrypted_saved_objects/server/crypto/
 * encrypted_saved_objects_service.ts and encrypted_saved_object_type_definition.ts):
 * - values are encrypted with @elastic/node-crypto (AES-256-GCM, the library and version Kibana uses)
 *   keyed by `xpack.encryptedSavedObjects.encryptionKey`;
 * - the AAD is `stableStringify([...descriptorToArray(descriptor), attributesAAD])` where the
 *   descriptor is `[namespace?, type, id]` and attributesAAD holds the registered
 *   `attributesToIncludeInAAD` that are present (never an encrypted one);
 * - without a key, encrypting fails with "Encryption is disabled because of missing encryption key.";
 * - encrypted attributes are stripped from responses unless `dangerouslyExposeValue`.
 */
import nodeCrypto, { type Crypto } from '@elastic/node-crypto';
import type { Logger } from '@kbn/core/server';
import type { EncryptedSavedObjectTypeRegistration } from '@kbn/encrypted-saved-objects-plugin/server';
import { stableStringify } from './stable_stringify';

export interface SavedObjectDescriptor {
  readonly id: string;
  readonly type: string;
  readonly namespace?: string;
}

export function descriptorToArray(descriptor: SavedObjectDescriptor): string[] {
  return descriptor.namespace
    ? [descriptor.namespace, descriptor.type, descriptor.id]
    : [descriptor.type, descriptor.id];
}

export class EncryptionError extends Error {
  constructor(
    message: string,
    readonly attributeName: string,
    readonly operation: 'encryption' | 'decryption',
    override readonly cause?: unknown
  ) {
    super(message);
    this.name = 'EncryptionError';
  }
}

class TypeDefinition {
  readonly attributesToEncrypt = new Set<string>();
  readonly attributesToStrip = new Set<string>();
  readonly attributesToIncludeInAAD: ReadonlySet<string>;
  readonly enforceRandomId: boolean;

  constructor(registration: EncryptedSavedObjectTypeRegistration) {
    for (const attribute of registration.attributesToEncrypt) {
      const key = typeof attribute === 'string' ? attribute : attribute.key;
      if (key.includes('.')) {
        throw new Error(
          `Invalid EncryptedSavedObjectTypeRegistration for type '${registration.type}'. Attribute keys are matched as flat top-level attribute names, not as nested paths.`
        );
      }
      this.attributesToEncrypt.add(key);
      if (typeof attribute === 'string' || !attribute.dangerouslyExposeValue) {
        this.attributesToStrip.add(key);
      }
    }
    const aad = new Set(registration.attributesToIncludeInAAD ?? []);
    const overlap = [...aad].filter((k) => this.attributesToEncrypt.has(k));
    if (overlap.length) {
      throw new Error(
        `Invalid EncryptedSavedObjectTypeRegistration for type '${registration.type}'. attributesToIncludeInAAD must not contain any values in attributesToEncrypt: ${overlap}`
      );
    }
    this.attributesToIncludeInAAD = aad;
    this.enforceRandomId = registration.enforceRandomId !== false;
  }

  collectAttributesForAAD(attributes: Record<string, unknown>) {
    const out: Record<string, unknown> = {};
    for (const key of this.attributesToIncludeInAAD) {
      if (Object.hasOwn(attributes, key)) out[key] = attributes[key];
    }
    return out;
  }
}

export class EncryptedSavedObjectsService {
  private readonly types = new Map<string, TypeDefinition>();
  private readonly crypto?: Crypto;

  constructor(
    encryptionKey: string | undefined,
    private readonly logger: Logger
  ) {
    this.crypto = encryptionKey ? nodeCrypto({ encryptionKey }) : undefined;
  }

  get canEncrypt(): boolean {
    return this.crypto !== undefined;
  }

  registerType(registration: EncryptedSavedObjectTypeRegistration) {
    if (registration.attributesToEncrypt.size === 0) {
      throw new Error(`The "attributesToEncrypt" array for "${registration.type}" is empty.`);
    }
    if (this.types.has(registration.type)) {
      throw new Error(`The "${registration.type}" saved object type is already registered.`);
    }
    this.types.set(registration.type, new TypeDefinition(registration));
  }

  isRegistered(type: string) {
    return this.types.has(type);
  }

  shouldEnforceRandomId(type: string) {
    return this.types.get(type)?.enforceRandomId !== false;
  }

  private getAAD(
    definition: TypeDefinition,
    descriptor: SavedObjectDescriptor,
    attributes: Record<string, unknown>
  ): string {
    return stableStringify([
      ...descriptorToArray(descriptor),
      definition.collectAttributesForAAD(attributes),
    ]);
  }

  async encryptAttributes<T extends Record<string, unknown>>(
    descriptor: SavedObjectDescriptor,
    attributes: T
  ): Promise<T> {
    const definition = this.types.get(descriptor.type);
    if (!definition) return attributes;
    const encrypted: Record<string, string> = {};
    let aad: string | undefined;
    for (const name of definition.attributesToEncrypt) {
      const value = attributes[name];
      if (value == null) continue;
      aad ??= this.getAAD(definition, descriptor, attributes);
      try {
        if (!this.crypto)
          throw new Error('Encryption is disabled because of missing encryption key.');
        encrypted[name] = await this.crypto.encrypt(value, aad);
      } catch (error) {
        const where = descriptorToArray(descriptor).join(',');
        this.logger.error(
          `Failed to encrypt "${name}" attribute of saved object "${where}": ${(error as Error).message}`
        );
        throw new EncryptionError(
          `Unable to encrypt attribute "${name}" of saved object "${where}"`,
          name,
          'encryption',
          error
        );
      }
    }
    return Object.keys(encrypted).length ? { ...attributes, ...encrypted } : attributes;
  }

  async decryptAttributes<T extends Record<string, unknown>>(
    descriptor: SavedObjectDescriptor,
    attributes: T
  ): Promise<T> {
    const definition = this.types.get(descriptor.type);
    if (!definition) return attributes;
    const decrypted: Record<string, unknown> = {};
    const aad = this.getAAD(definition, descriptor, attributes);
    for (const name of definition.attributesToEncrypt) {
      const value = attributes[name];
      if (value == null) continue;
      const where = descriptorToArray(descriptor).join(',');
      try {
        if (typeof value !== 'string') {
          throw new Error(
            `Encrypted "${name}" attribute should be a string, but found ${typeof value}`
          );
        }
        if (!this.crypto)
          throw new Error('Decryption is disabled because of missing decryption keys.');
        decrypted[name] = await this.crypto.decrypt(value, aad);
      } catch (error) {
        // The message names the object, never the value.
        this.logger.error(
          `Failed to decrypt attribute "${name}" of saved object "${where}": ${(error as Error).message}`
        );
        throw new EncryptionError(
          `Unable to decrypt attribute "${name}" of saved object "${where}"`,
          name,
          'decryption',
          error
        );
      }
    }
    return { ...attributes, ...decrypted };
  }

  /** Removes attributes that must never leave the server (all but dangerouslyExposeValue). */
  stripAttributes<T extends Record<string, unknown>>(
    type: string,
    attributes: T,
    originalAttributes?: Record<string, unknown>
  ): T {
    const definition = this.types.get(type);
    if (!definition) return attributes;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(attributes)) {
      if (definition.attributesToStrip.has(key)) continue;
      // An exposed encrypted attribute: answer with the plain value we were given, if any.
      out[key] =
        definition.attributesToEncrypt.has(key) && originalAttributes && key in originalAttributes
          ? originalAttributes[key]
          : value;
    }
    return out as T;
  }
}
