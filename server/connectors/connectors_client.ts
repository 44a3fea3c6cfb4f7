import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type {
  KibanaRequest,
  Logger,
  SavedObject,
  SavedObjectsClientContract,
  SavedObjectsUpdateResponse,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { EncryptedSavedObjectsClient } from '@kbn/encrypted-saved-objects-plugin/server';
import {
  credentialProblems,
  type CreateConnectorRequest,
  type DraftConnectorRequest,
  type UpdateConnectorRequest,
} from '../../common/connectors/connector';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { DEFAULT_NAMESPACE, type SourceKind } from '../../common/data_streams';
import { isSourceKind, sourceDefinition } from '../../common/sources/registry';
import type { SourceSecrets, SourceSettings } from '../../common/sources/source_definition';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../saved_objects/constants';
import type {
  ConnectorAttributes,
  ConnectorStateAttributes,
  StoredConnectorAttributes,
} from '../saved_objects/types';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import { canonicalStoredSettings } from '../saved_objects/canonical_durations';
import type { SchedulableConnector } from '../tasks/task_scheduler';
import type { WriterKey, WriterKeyTarget } from './api_keys';
import { reenterSecretMessage } from '../../common/connectors/field_messages';
import { ConnectorConflictError, ConnectorNotFoundError, ConnectorValidationError } from './errors';
import { settingsProblems } from './settings_checks';
import { initialState } from './state_store';
import { toConnectorView } from './view';

export interface ConnectorTasks {
  apply(connector: SchedulableConnector): Promise<void>;
  remove(connectorId: string): Promise<void>;
  runNow(connector: SchedulableConnector): Promise<void>;
  nextRuns(): Promise<Map<string, string>>;
}

export interface ConnectorKeys {
  create(request: KibanaRequest, target: WriterKeyTarget): Promise<WriterKey>;
  invalidate(key: WriterKey): Promise<void>;
  keepable(request: KibanaRequest, stored: WriterKey): Promise<boolean>;
}

export interface ConnectorsClientDependencies {
  /** Scoped to the user, including both hidden types: Kibana's SO authorization applies. */
  savedObjects: SavedObjectsClientContract;
  /** Decrypts as the internal user; only called after a scoped read proved access. */
  encryptedSavedObjects: Pick<EncryptedSavedObjectsClient, 'getDecryptedAsInternalUser'>;
  tasks: ConnectorTasks;
  keys: ConnectorKeys;
  request: KibanaRequest;
  logger: Logger;
  /** `audit_sources.allowedHosts`: URLs it refuses are a 400 on the field. */
  outbound: OutboundPolicy;
  /**
   * The request's space. The scoped client already acts in it; the internal-user decryption and
   * the poll task need it spelled out (spaceIdToNamespace: none for the default space).
   */
  space: RequestSpace;
}

export interface RequestSpace {
  id: string;
  namespace: string | undefined;
}

/** A connector as the sources need it: settings plus decrypted secrets. */
export interface ResolvedDraft {
  kind: SourceKind;
  namespace: string;
  settings: SourceSettings;
  secrets: SourceSecrets;
}

const PAGE_SIZE = 100;

function secretNames(secrets: object): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => typeof value === 'string' && value !== '')
    .map(([key]) => key)
    .sort();
}

/**
 * Stored secrets may only follow a connector to a destination they were entered for. Editing
 * the URL, proxy or trusted CA (each source's `destinationFields`) without re-entering the
 * secret would let anyone with write access (who cannot read secrets) send them to a host of
 * their choice; Kibana's own connectors ask for secrets again on every edit for the same reason.
 */
function destinationProblems(
  kind: SourceKind,
  stored: SourceSettings,
  next: SourceSettings,
  storedSecrets: SourceSecrets,
  given: SourceSecrets | undefined
): Record<string, string> {
  const changed = sourceDefinition(kind).destinationFields.filter(
    (field) => stored[field] !== next[field]
  );
  if (changed.length === 0) return {};
  const problems: Record<string, string> = {};
  for (const name of secretNames(storedSecrets)) {
    if (given?.[name] === undefined) problems[`secrets.${name}`] = reenterSecretMessage(changed);
  }
  return problems;
}

/** Cross-field problems; the secrets kept are only those the settings use. */
function checkedSecrets(
  kind: SourceKind,
  settings: SourceSettings,
  secrets: SourceSecrets,
  problems: Record<string, string>
): SourceSecrets {
  Object.assign(problems, credentialProblems(kind, settings, secrets));
  return sourceDefinition(kind).secretsInUse(settings, secrets);
}

/** The key attributes of a stored connector, as an update keeps them. */
function storedKey(attributes: WriterKey): WriterKey {
  const { apiKey, apiKeyId, apiKeyOwner, apiKeyCreatedByUser } = attributes;
  return { apiKey, apiKeyId, apiKeyOwner, apiKeyCreatedByUser };
}

function isNotFound(error: unknown): boolean {
  return SavedObjectsErrorHelpers.isNotFoundError(error as Error);
}

/**
 * Connector CRUD for one request, in the user's name. The route handlers are thin wrappers
 * around these methods; tasks and API keys follow the saved object (create/update/delete keep
 * them in step).
 */
export class ConnectorsClient {
  constructor(private readonly deps: ConnectorsClientDependencies) {}

  /** The space the client acts in (the request's). */
  get spaceId(): string {
    return this.deps.space.id;
  }

  async list(): Promise<ConnectorView[]> {
    const connectors = await this.findCurrent();
    const health = await this.healthOf(connectors.map((c) => c.id));
    const nextRuns = await this.deps.tasks.nextRuns();
    return connectors
      .map((c) => toConnectorView(c, health.get(c.id), nextRuns.get(c.id)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The data streams this space's connectors write to (the events page's default scope). */
  async dataStreams(): Promise<Array<{ kind: SourceKind; namespace: string }>> {
    const connectors = await this.findCurrent();
    const seen = new Map<string, { kind: SourceKind; namespace: string }>();
    for (const { attributes } of connectors) {
      seen.set(`${attributes.kind}\n${attributes.namespace}`, {
        kind: attributes.kind,
        namespace: attributes.namespace,
      });
    }
    return [...seen.values()];
  }

  async get(id: string): Promise<ConnectorView> {
    const saved = await this.getStored(id);
    const [health, nextRuns] = await Promise.all([this.healthOf([id]), this.deps.tasks.nextRuns()]);
    return toConnectorView(saved, health.get(id), nextRuns.get(id));
  }

  async health(id: string): Promise<ConnectorHealth> {
    return (await this.get(id)).health;
  }

  async create(body: CreateConnectorRequest): Promise<ConnectorView> {
    const { savedObjects, keys, request, logger } = this.deps;
    const problems = settingsProblems(body.kind, body.settings, this.deps.outbound);
    const secrets = checkedSecrets(body.kind, body.settings, body.secrets, problems);
    if (Object.keys(problems).length > 0) throw new ConnectorValidationError(problems);
    // A UUID: encryptedSavedObjects only accepts predefined ids that are (the id is in the AAD).
    const id = randomUUID();
    const key = await keys.create(request, {
      connectorId: id,
      kind: body.kind,
      namespace: body.namespace,
    });
    const attributes = {
      ...body,
      secrets,
      secretsSet: secretNames(secrets),
      ...key,
    } as ConnectorAttributes;
    let created: SavedObject<ConnectorAttributes>;
    try {
      // `wait_for` only here: a new connector is found by the list's search, which sees it
      // once the index has refreshed. Updates and deletes need no wait (see findCurrent).
      created = await savedObjects.create<ConnectorAttributes>(
        CONNECTOR_SAVED_OBJECT_TYPE,
        attributes,
        { id, refresh: 'wait_for' }
      );
    } catch (error) {
      await keys.invalidate(key);
      throw error;
    }
    const state = initialState(id, body.kind);
    // Only ever read by id (real-time): no refresh to wait for. Before the task, whose first run
    // reads it.
    await savedObjects.create<ConnectorStateAttributes>(CONNECTOR_STATE_SAVED_OBJECT_TYPE, state, {
      id,
      overwrite: true,
      refresh: false,
    });
    await this.applyTask({
      id,
      enabled: body.enabled,
      interval: body.interval,
      ...this.taskSpace(),
    });
    const nextRuns = await this.deps.tasks.nextRuns();
    logger.info(`Created ${body.kind} connector ${id} ("${body.name}")`);
    // Built from what was written; toConnectorView leaves the secrets and the key out.
    return toConnectorView(created, state.health, nextRuns.get(id));
  }

  async update(id: string, body: UpdateConnectorRequest): Promise<ConnectorView> {
    const { savedObjects, keys, request, logger } = this.deps;
    // Health (read by id, like the connector) decides whether the key is kept and is part of the
    // answer, which is built from what was written rather than read back.
    const [stored, health] = await Promise.all([this.getStored(id), this.healthOf([id])]);
    if (stored.attributes.kind !== body.kind) {
      throw new ConnectorValidationError({
        kind: `Cannot change the kind of a connector (this one is ${stored.attributes.kind})`,
      });
    }
    const decrypted = await this.getDecrypted(id);
    const previous = decrypted.attributes;
    const namespace = body.namespace ?? previous.namespace;
    const settings = body.settings ?? previous.settings;
    const problems = {
      ...settingsProblems(body.kind, settings, this.deps.outbound),
      ...destinationProblems(
        body.kind,
        previous.settings,
        settings,
        previous.secrets,
        body.secrets
      ),
    };
    const secrets = checkedSecrets(
      body.kind,
      settings,
      { ...previous.secrets, ...body.secrets },
      problems
    );
    if (Object.keys(problems).length > 0) throw new ConnectorValidationError(problems);

    const keep = await this.canKeepKey(health.get(id), previous, {
      namespace,
      settings,
      secretsGiven: body.secrets !== undefined && Object.keys(body.secrets).length > 0,
    });
    // Otherwise granted for the editing user: documents are written in the name of whoever saved
    // last (docs/privileges.md).
    const key = keep
      ? storedKey(previous)
      : await keys.create(request, { connectorId: id, kind: body.kind, namespace });
    const attributes = {
      kind: body.kind,
      name: body.name ?? previous.name,
      enabled: body.enabled ?? previous.enabled,
      interval: body.interval ?? previous.interval,
      namespace,
      settings,
      secrets,
      secretsSet: secretNames(secrets),
      ...key,
    } as ConnectorAttributes;
    let written: SavedObjectsUpdateResponse<ConnectorAttributes>;
    try {
      // Whole-document replacement: `settings` is replaced, not merged (an ES partial update
      // would keep removed keys), and every AAD attribute is re-encrypted together. No
      // `wait_for`: the answer is built from what was written, and the list re-reads by id.
      written = await savedObjects.update<ConnectorAttributes>(
        CONNECTOR_SAVED_OBJECT_TYPE,
        id,
        attributes,
        { version: stored.version, mergeAttributes: false, refresh: false }
      );
    } catch (error) {
      if (!keep) await keys.invalidate(key);
      if (SavedObjectsErrorHelpers.isConflictError(error as Error)) {
        throw new ConnectorConflictError(
          'The connector was changed by someone else in the meantime: reload it and try again'
        );
      }
      throw error;
    }
    // The task follows enabled and interval only; start-up reconciliation and "run now" heal a
    // task that went missing otherwise.
    const taskChanged =
      attributes.enabled !== previous.enabled || attributes.interval !== previous.interval;
    await Promise.all([
      keep ? undefined : keys.invalidate(previous),
      taskChanged
        ? this.applyTask({
            id,
            enabled: attributes.enabled,
            interval: attributes.interval,
            ...this.taskSpace(),
          })
        : undefined,
    ]);
    const nextRuns = await this.deps.tasks.nextRuns();
    logger.info(`Updated connector ${id} ("${attributes.name}")`);
    // toConnectorView copies allowed fields only: the secrets and key in `attributes` stay out.
    return toConnectorView(
      { ...stored, updated_at: written.updated_at ?? stored.updated_at, attributes },
      health.get(id),
      nextRuns.get(id)
    );
  }

  async delete(id: string): Promise<void> {
    const { savedObjects, keys, tasks, logger } = this.deps;
    const stored = await this.getStored(id);
    // Task first: a run starting in between would find no connector and delete itself anyway.
    await tasks.remove(id);
    // No `wait_for`: the list drops what its search still finds but a get by id no longer does.
    await savedObjects.delete(CONNECTOR_SAVED_OBJECT_TYPE, id, { refresh: false });
    // Both after the connector is gone (a failed delete keeps a working key), side by side.
    const [state] = await Promise.allSettled([
      savedObjects.delete(CONNECTOR_STATE_SAVED_OBJECT_TYPE, id, { refresh: false }),
      keys.invalidate(stored.attributes),
    ]);
    if (state.status === 'rejected' && !isNotFound(state.reason)) throw state.reason;
    logger.info(`Deleted connector ${id} ("${stored.attributes.name}")`);
  }

  async runNow(id: string): Promise<void> {
    const { attributes } = await this.getStored(id);
    await this.deps.tasks.runNow({
      id,
      enabled: attributes.enabled,
      interval: attributes.interval,
      ...this.taskSpace(),
    });
  }

  /**
   * The form as it stands (test connection, preview): with `id`, secrets left out come from the
   * stored connector, under the same destination rule as an update.
   */
  async resolveDraft(draft: DraftConnectorRequest): Promise<ResolvedDraft> {
    let storedSecrets: SourceSecrets = {};
    let namespace = draft.namespace;
    const refused = settingsProblems(draft.kind, draft.settings, this.deps.outbound);
    if (Object.keys(refused).length > 0) throw new ConnectorValidationError(refused);
    if (draft.id !== undefined) {
      const stored = await this.getStored(draft.id);
      if (stored.attributes.kind !== draft.kind) {
        throw new ConnectorValidationError({
          kind: `Connector ${draft.id} is a ${stored.attributes.kind} connector`,
        });
      }
      const decrypted = await this.getDecrypted(draft.id);
      storedSecrets = decrypted.attributes.secrets;
      namespace ??= decrypted.attributes.namespace;
      const problems = destinationProblems(
        draft.kind,
        decrypted.attributes.settings,
        draft.settings,
        storedSecrets,
        draft.secrets
      );
      if (Object.keys(problems).length > 0) throw new ConnectorValidationError(problems);
    }
    const problems: Record<string, string> = {};
    const secrets = checkedSecrets(
      draft.kind,
      draft.settings,
      { ...storedSecrets, ...draft.secrets },
      problems
    );
    if (Object.keys(problems).length > 0) throw new ConnectorValidationError(problems);
    return {
      kind: draft.kind,
      namespace: namespace ?? DEFAULT_NAMESPACE,
      settings: draft.settings,
      secrets,
    };
  }

  /**
   * An update keeps the stored key only when it changes nothing the key writes: the same owner
   * (WriterApiKeys.keepable), the same data stream, and the same source (settings unchanged, no
   * secret re-entered). A changed source or secret could make the key write another source's
   * events, so it gets a key granted for the editing user and their privileges now. "Same owner"
   * compares usernames (we store no realm): with the source fixed, a namesake from another realm
   * can only rename, reschedule or switch the connector, never change what it writes. A failing
   * connector always gets a new key: saving it again is the documented fix for a key that was
   * invalidated or granted before its owner had the index privileges.
   */
  private async canKeepKey(
    health: ConnectorHealth | undefined,
    previous: ConnectorAttributes,
    next: { namespace: string; settings: unknown; secretsGiven: boolean }
  ): Promise<boolean> {
    if (next.namespace !== previous.namespace || next.secretsGiven) return false;
    // Stored in the grammar before Kibana's, the same durations arrive canonical from the form.
    if (!isDeepStrictEqual(next.settings, canonicalStoredSettings(previous.settings))) return false;
    if (!health || health.status === 'failing') return false;
    return this.deps.keys.keepable(this.deps.request, previous);
  }

  /**
   * The space's connectors as they are now. The search finds which exist but is only as fresh
   * as the last index refresh; reading them again by id (real-time in Elasticsearch) gives the
   * current attributes and drops those deleted since, so updates and deletes need not wait for
   * a refresh to show in the list.
   */
  private async findCurrent(): Promise<Array<SavedObject<StoredConnectorAttributes>>> {
    const found = await this.findAll(['kind']);
    const ids = [...new Set(found.map((c) => c.id))];
    const current: Array<SavedObject<StoredConnectorAttributes>> = [];
    for (let at = 0; at < ids.length; at += PAGE_SIZE) {
      const { saved_objects: objects } =
        await this.deps.savedObjects.bulkGet<StoredConnectorAttributes>(
          ids.slice(at, at + PAGE_SIZE).map((id) => ({ type: CONNECTOR_SAVED_OBJECT_TYPE, id }))
        );
      for (const object of objects) {
        // A kind no registered source has (written by a newer Kibana) is not this version's.
        if (!object.error) {
          if (isSourceKind(object.attributes.kind)) current.push(object);
        } else if (object.error.statusCode !== 404) throw new Error(object.error.message);
      }
    }
    return current;
  }

  private taskSpace(): Pick<SchedulableConnector, 'spaceId'> {
    return { spaceId: this.deps.space.id };
  }

  private async findAll(fields?: string[]): Promise<Array<SavedObject<StoredConnectorAttributes>>> {
    const connectors: Array<SavedObject<StoredConnectorAttributes>> = [];
    for (let page = 1; ; page++) {
      const result = await this.deps.savedObjects.find<StoredConnectorAttributes>({
        type: CONNECTOR_SAVED_OBJECT_TYPE,
        page,
        perPage: PAGE_SIZE,
        sortField: 'name',
        sortOrder: 'asc',
        ...(fields && { fields }),
      });
      connectors.push(...result.saved_objects);
      if (result.saved_objects.length < PAGE_SIZE || connectors.length >= result.total) break;
    }
    return connectors;
  }

  private async applyTask(connector: SchedulableConnector): Promise<void> {
    try {
      await this.deps.tasks.apply(connector);
    } catch (error) {
      // The connector is saved; start-up reconciliation and "run now" re-create a missing task.
      this.deps.logger.warn(
        `Could not update the poll task of connector ${connector.id}: ${(error as Error).message}`
      );
    }
  }

  /** Read through the user's client: Kibana's authorization decides, and 404s are ours. */
  private async getStored(id: string): Promise<SavedObject<StoredConnectorAttributes>> {
    let stored: SavedObject<StoredConnectorAttributes>;
    try {
      stored = await this.deps.savedObjects.get<StoredConnectorAttributes>(
        CONNECTOR_SAVED_OBJECT_TYPE,
        id
      );
    } catch (error) {
      if (isNotFound(error)) throw new ConnectorNotFoundError(id);
      throw error;
    }
    // A source this Kibana lacks (written by a newer one): as absent as in the list.
    if (!isSourceKind(stored.attributes.kind)) throw new ConnectorNotFoundError(id);
    return stored;
  }

  private async getDecrypted(id: string): Promise<SavedObject<ConnectorAttributes>> {
    try {
      // Only after getStored proved the user sees it in this space, and only in this space:
      // the internal user's read is bound to the namespace, as the user's was.
      return await this.deps.encryptedSavedObjects.getDecryptedAsInternalUser<ConnectorAttributes>(
        CONNECTOR_SAVED_OBJECT_TYPE,
        id,
        { namespace: this.deps.space.namespace }
      );
    } catch (error) {
      if (isNotFound(error)) throw new ConnectorNotFoundError(id);
      throw error;
    }
  }

  private async healthOf(ids: string[]): Promise<Map<string, ConnectorHealth>> {
    const health = new Map<string, ConnectorHealth>();
    if (ids.length === 0) return health;
    const { saved_objects: states } =
      await this.deps.savedObjects.bulkGet<ConnectorStateAttributes>(
        ids.map((id) => ({ type: CONNECTOR_STATE_SAVED_OBJECT_TYPE, id }))
      );
    for (const state of states) {
      if (!state.error && state.attributes?.health) health.set(state.id, state.attributes.health);
    }
    return health;
  }
}
