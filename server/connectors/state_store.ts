import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { ISavedObjectsRepository, Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { formatDecodeErrors } from '../../common/decode';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { SourceKind } from '../../common/data_streams';
import type { CheckpointStore } from '../ingest/checkpoint_store';
import { CONNECTOR_STATE_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import type { ConnectorStateAttributes } from '../saved_objects/types';
import { StateConflictError } from './errors';
import { initialHealth, withCappedMessages } from './health';

export type StateRepository = Pick<ISavedObjectsRepository, 'get' | 'create' | 'update'>;

export function initialState(connectorId: string, kind: SourceKind): ConnectorStateAttributes {
  return { connectorId, kind, health: initialHealth() };
}

/**
 * One connector's checkpoint and health as the task runner sees them, persisted in the
 * companion saved object through the internal repository. Every write carries the version of
 * the last read or write (optimistic concurrency): if Task Manager re-ran a timed-out task on
 * another node while the old run was still going, the stale run's next save fails with
 * StateConflictError instead of moving the checkpoint backwards.
 */
export class ConnectorStateStore {
  private attributes: ConnectorStateAttributes | undefined;
  private version: string | undefined;

  constructor(
    private readonly repository: StateRepository,
    private readonly connectorId: string,
    private readonly kind: SourceKind,
    private readonly logger?: Pick<Logger, 'warn'>
  ) {}

  async load(): Promise<ConnectorStateAttributes> {
    try {
      const saved = await this.repository.get<ConnectorStateAttributes>(
        CONNECTOR_STATE_SAVED_OBJECT_TYPE,
        this.connectorId
      );
      this.attributes = saved.attributes;
      this.version = saved.version;
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw error;
      // Lost or never written (e.g. created before a crash): start afresh rather than fail.
      const created = await this.repository.create<ConnectorStateAttributes>(
        CONNECTOR_STATE_SAVED_OBJECT_TYPE,
        initialState(this.connectorId, this.kind),
        { id: this.connectorId, refresh: false }
      );
      this.attributes = created.attributes;
      this.version = created.version;
    }
    return this.current();
  }

  current(): ConnectorStateAttributes {
    if (!this.attributes) throw new Error('Connector state not loaded');
    return this.attributes;
  }

  get health(): ConnectorHealth {
    return this.current().health;
  }

  /** Replaces the whole document (no merge: a shorter checkpoint must not keep stale keys). */
  async save(changes: Partial<Pick<ConnectorStateAttributes, 'checkpoint' | 'health'>>) {
    const next: ConnectorStateAttributes = { ...this.current(), ...changes };
    next.health = withCappedMessages(next.health);
    try {
      const updated = await this.repository.update<ConnectorStateAttributes>(
        CONNECTOR_STATE_SAVED_OBJECT_TYPE,
        this.connectorId,
        next,
        { version: this.version, mergeAttributes: false, refresh: false }
      );
      this.version = updated.version;
      this.attributes = next;
    } catch (error) {
      if (SavedObjectsErrorHelpers.isConflictError(error as Error)) {
        throw new StateConflictError(this.connectorId);
      }
      throw error;
    }
  }

  /**
   * The CheckpointStore a source polls with. `save` resolves once the checkpoint is durable in
   * the saved object, which is what the sources rely on before moving on to the next page.
   * `onSave` lets the runner mirror the cursor into health as the backfill advances.
   */
  checkpointStore<C>(
    codec: t.Type<C, unknown, unknown>,
    onSave?: (checkpoint: C, health: ConnectorHealth) => ConnectorHealth
  ): CheckpointStore<C> {
    return {
      load: async () => {
        const stored = this.current().checkpoint;
        if (stored === undefined || stored === null) return undefined;
        const decoded = codec.decode(stored);
        if (isLeft(decoded)) {
          // An unreadable checkpoint must not stop the connector forever: start over (writes
          // are idempotent, so re-reading costs time, not duplicates).
          this.logger?.warn(
            `Ignoring the stored checkpoint of connector ${this.connectorId}: ${formatDecodeErrors(decoded.left)}`
          );
          return undefined;
        }
        return decoded.right;
      },
      save: async (checkpoint) => {
        const encoded = codec.encode(checkpoint) as Record<string, unknown>;
        await this.save({
          checkpoint: encoded,
          health: onSave ? onSave(checkpoint, this.health) : this.health,
        });
      },
    };
  }
}
