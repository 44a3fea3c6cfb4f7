/*
 * Task documents in a real ES index, shaped like Kibana's `task` saved objects in
 * .kibana_task_manager (x-pack/platform/plugins/shared/task_manager/server/task_store.ts and
 * saved_objects/mappings.ts): `_id` = `task:<id>`, `params`/`state` stored as JSON strings next to
 * `stateVersion`, dates as ISO strings, and every write after a read guarded by seq_no/primary_term.
 * An `apiKey` is encrypted like Kibana's (the task type is an encrypted saved object there).
 */
import { errors as esErrors, type estypes } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import type { ConcreteTaskInstance, IntervalSchedule } from '@kbn/task-manager-plugin/server';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';
import { TaskStatus } from '../runtime/task_manager_plugin';
import type { EncryptedSavedObjectsService } from '../eso/encryption';

export interface UserScope {
  apiKeyId: string;
  spaceId: string;
  apiKeyCreatedByUser: boolean;
}

export interface TaskAttributes {
  taskType: string;
  scheduledAt: string;
  runAt: string;
  startedAt: string | null;
  retryAt: string | null;
  attempts: number;
  status: TaskStatus;
  schedule?: IntervalSchedule;
  params: string;
  state: string;
  stateVersion?: number;
  ownerId: string | null;
  enabled: boolean;
  scope?: string[];
  user?: string;
  priority?: number;
  timeoutOverride?: string;
  traceparent: string;
  apiKey?: string;
  userScope?: UserScope;
  [key: string]: unknown;
}

export interface StoredTask {
  id: string;
  attributes: TaskAttributes;
  seqNo: number;
  primaryTerm: number;
}

export const TASK_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: {
    type: { type: 'keyword' },
    updated_at: { type: 'date' },
    task: {
      properties: {
        taskType: { type: 'keyword' },
        scheduledAt: { type: 'date' },
        runAt: { type: 'date' },
        startedAt: { type: 'date' },
        retryAt: { type: 'date' },
        attempts: { type: 'integer' },
        status: { type: 'keyword' },
        schedule: { properties: { interval: { type: 'keyword' } } },
        params: { type: 'text', index: false },
        state: { type: 'text', index: false },
        stateVersion: { type: 'integer' },
        ownerId: { type: 'keyword' },
        enabled: { type: 'boolean' },
        scope: { type: 'keyword' },
        priority: { type: 'integer' },
      },
    },
  },
};

const rawId = (id: string) => `task:${id}`;
const isStatus = (error: unknown, status: number) =>
  error instanceof esErrors.ResponseError && error.statusCode === status;
const date = (value: string | null | undefined) => (value ? new Date(value) : null);

export function toConcrete(task: StoredTask): ConcreteTaskInstance & {
  userScope?: UserScope;
} {
  const a = task.attributes;
  return {
    id: task.id,
    version: Buffer.from(JSON.stringify([task.seqNo, task.primaryTerm])).toString('base64'),
    taskType: a.taskType,
    scheduledAt: new Date(a.scheduledAt),
    runAt: new Date(a.runAt),
    startedAt: date(a.startedAt),
    retryAt: date(a.retryAt),
    attempts: a.attempts,
    status: a.status,
    ...(a.schedule && { schedule: a.schedule }),
    params: JSON.parse(a.params || '{}') as Record<string, unknown>,
    state: JSON.parse(a.state || '{}') as Record<string, unknown>,
    ...(a.stateVersion !== undefined && { stateVersion: a.stateVersion }),
    ownerId: a.ownerId,
    enabled: a.enabled !== false,
    ...(a.scope && { scope: a.scope }),
    ...(a.user && { user: a.user }),
    ...(a.priority !== undefined && { priority: a.priority }),
    ...(a.timeoutOverride && { timeoutOverride: a.timeoutOverride }),
    ...(a.userScope && { userScope: a.userScope }),
  };
}

export class TaskStore {
  constructor(
    private readonly client: ElasticsearchClient,
    readonly index: string,
    private readonly eso: EncryptedSavedObjectsService
  ) {}

  async ensureIndex(): Promise<void> {
    if (await this.client.indices.exists({ index: this.index })) {
      await this.client.indices.putMapping({ index: this.index, ...TASK_MAPPINGS });
      return;
    }
    await this.client.indices
      .create({
        index: this.index,
        mappings: TASK_MAPPINGS,
        settings: { number_of_shards: 1, auto_expand_replicas: '0-1', hidden: true },
      })
      .catch((error: { meta?: { body?: { error?: { type?: string } } } }) => {
        if (error.meta?.body?.error?.type !== 'resource_already_exists_exception') throw error;
      });
  }

  private async encrypt(id: string, attributes: TaskAttributes): Promise<TaskAttributes> {
    return this.eso.encryptAttributes({ type: 'task', id }, attributes);
  }

  async decryptApiKey(task: StoredTask): Promise<string | undefined> {
    if (!task.attributes.apiKey) return undefined;
    const decrypted = await this.eso.decryptAttributes(
      { type: 'task', id: task.id },
      { apiKey: task.attributes.apiKey }
    );
    return decrypted.apiKey as string;
  }

  /** op_type create: a second schedule with the same id is a 409 conflict. */
  async create(id: string, attributes: TaskAttributes): Promise<StoredTask> {
    const document = {
      type: 'task',
      task: await this.encrypt(id, attributes),
      updated_at: new Date().toISOString(),
    };
    try {
      const result = await this.client.index({
        index: this.index,
        id: rawId(id),
        document,
        op_type: 'create',
        refresh: true,
      });
      return {
        id,
        attributes: document.task,
        seqNo: result._seq_no!,
        primaryTerm: result._primary_term!,
      };
    } catch (error) {
      if (isStatus(error, 409)) throw SavedObjectsErrorHelpers.createConflictError('task', id);
      throw error;
    }
  }

  async get(id: string): Promise<StoredTask> {
    try {
      const result = await this.client.get<{ task: TaskAttributes }>({
        index: this.index,
        id: rawId(id),
      });
      if (!result.found || !result._source) {
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', id);
      }
      return {
        id,
        attributes: result._source.task,
        seqNo: result._seq_no!,
        primaryTerm: result._primary_term!,
      };
    } catch (error) {
      if (isStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', id);
      throw error;
    }
  }

  /** Write the whole task if nobody changed it since `task` was read (409 → conflict error). */
  async update(task: StoredTask, changes: Partial<TaskAttributes>): Promise<StoredTask> {
    const attributes = { ...task.attributes, ...changes };
    const stored = 'apiKey' in changes ? await this.encrypt(task.id, attributes) : attributes;
    try {
      const result = await this.client.index({
        index: this.index,
        id: rawId(task.id),
        document: { type: 'task', task: stored, updated_at: new Date().toISOString() },
        if_seq_no: task.seqNo,
        if_primary_term: task.primaryTerm,
        refresh: true,
      });
      return {
        id: task.id,
        attributes: stored,
        seqNo: result._seq_no!,
        primaryTerm: result._primary_term!,
      };
    } catch (error) {
      if (isStatus(error, 409)) throw SavedObjectsErrorHelpers.createConflictError('task', task.id);
      if (isStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', task.id);
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.client.delete({ index: this.index, id: rawId(id), refresh: true });
    } catch (error) {
      if (isStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError('task', id);
      throw error;
    }
  }

  async search(request: {
    query?: estypes.QueryDslQueryContainer;
    size?: number;
    sort?: estypes.Sort;
    search_after?: Array<number | string>;
    excludeStateAndParams?: boolean;
  }): Promise<StoredTask[]> {
    const result = await this.client.search<{ task: TaskAttributes }>({
      index: this.index,
      seq_no_primary_term: true,
      size: request.size ?? 100,
      query: {
        bool: { filter: [{ term: { type: 'task' } }, ...(request.query ? [request.query] : [])] },
      },
      ...(request.sort && { sort: request.sort }),
      ...(request.search_after && { search_after: request.search_after }),
      ...(request.excludeStateAndParams && {
        _source: { excludes: ['task.state', 'task.params'] },
      }),
    });
    return result.hits.hits.map((hit) => ({
      id: hit._id!.replace(/^task:/, ''),
      attributes: hit._source!.task,
      seqNo: hit._seq_no!,
      primaryTerm: hit._primary_term!,
    }));
  }
}

export const CLAIMABLE_STATUSES = [TaskStatus.Idle];
export const RUNNING_STATUSES = [TaskStatus.Running, TaskStatus.Claiming];
