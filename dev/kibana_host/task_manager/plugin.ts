/*
 * The taskManager plugin contracts (x-pack/platform/plugins/shared/task_manager/server/plugin.ts,
 * task_scheduling.ts, task_store.ts, lib/api_key_utils.ts):
 * - schedule: unknown types are refused ("Unsupported task type"), params checked against
 *   paramsSchema, state against the latest state schema (unknown keys forbidden); with
 *   `options.request` the task gets an API key — the caller's own if it authenticated with one
 *   (apiKeyCreatedByUser), otherwise one granted on its behalf — stored encrypted;
 * - ensureScheduled: schedule, and on a 409 for that id update an interval schedule instead;
 * - runSoon: refuses running/claiming tasks unless forced, else runAt = now;
 * - bulkUpdateSchedules (idle tasks only, runAt shifted by the interval change), bulkEnable,
 *   bulkDisable, fetch, get, remove (invalidates a granted API key), removeIfExists.
 */
import { randomUUID } from 'node:crypto';
import type { APIKeysType, Logger } from '@kbn/core/server';
import type {
  BulkUpdateTaskResult,
  ConcreteTaskInstance,
  IntervalSchedule,
  ScheduleOptions,
  TaskInstance,
  TaskInstanceWithId,
  TaskManagerSetupContract,
  TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import type { EncryptedSavedObjectsService } from '../eso/encryption';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';
import { TaskPriority, TaskStatus } from '../runtime/task_manager_plugin';
import { TaskTypeDictionary } from './definitions';
import { parseIntervalAsMillisecond } from './intervals';
import { TaskPoller } from './poller';
import type { RunContextShape } from './task_runner';
import {
  type StoredTask,
  type TaskAttributes,
  type TaskStore,
  type UserScope,
  toConcrete,
} from './store';
import { validatedStateForWriting } from './task_validator';

export interface TaskManagerOptions {
  store: TaskStore;
  logger: Logger;
  pollIntervalMs: number;
  capacity: number;
  eso: EncryptedSavedObjectsService;
  /** The RunContext task runners get (task_runner.ts); default the 9.4 `abortController`. */
  runContextShape?: RunContextShape;
}

export class TaskManager {
  readonly definitions = new TaskTypeDictionary();
  private poller?: TaskPoller;
  private apiKeys?: APIKeysType;

  constructor(private readonly options: TaskManagerOptions) {
    // The task type is an encrypted saved object in Kibana; its apiKey is the secret.
    options.eso.registerType({ type: 'task', attributesToEncrypt: new Set(['apiKey']) });
  }

  setup(): TaskManagerSetupContract {
    return { registerTaskDefinitions: (registry) => this.definitions.register(registry) };
  }

  async start(apiKeys: APIKeysType): Promise<TaskManagerStartContract> {
    this.apiKeys = apiKeys;
    await this.options.store.ensureIndex();
    this.poller = new TaskPoller({
      store: this.options.store,
      definitions: this.definitions,
      logger: this.options.logger,
      pollIntervalMs: this.options.pollIntervalMs,
      runContextShape: this.options.runContextShape,
      capacity: this.options.capacity,
      removeTask: (task) => this.removeStored(task),
    });
    this.poller.start();
    return {
      schedule: (task, options) => this.schedule(task, options),
      ensureScheduled: (task, options) => this.ensureScheduled(task, options),
      runSoon: (id, force) => this.runSoon(id, force),
      bulkUpdateSchedules: (ids, schedule) => this.bulkUpdateSchedules(ids, schedule),
      bulkEnable: (ids, runSoon) => this.bulkEnable(ids, runSoon),
      bulkDisable: (ids, clear) => this.bulkDisable(ids, clear),
      fetch: async (opts = {}, limitResponse = false) => ({
        docs: (
          await this.options.store.search({
            query: opts.query,
            size: opts.size,
            sort: opts.sort,
            search_after: opts.search_after,
            excludeStateAndParams: limitResponse,
          })
        ).map(toConcrete),
      }),
      get: async (id) => toConcrete(await this.options.store.get(id)),
      remove: (id) => this.remove(id),
      removeIfExists: async (id) => {
        try {
          await this.remove(id);
        } catch (error) {
          if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error)) throw error;
        }
      },
    };
  }

  async stop() {
    await this.poller?.stop();
  }

  get runningTaskIds(): string[] {
    return this.poller?.runningTaskIds ?? [];
  }

  private async apiKeyFor(
    taskType: string,
    options: ScheduleOptions | undefined
  ): Promise<{ apiKey?: string; userScope?: UserScope }> {
    const request = options?.request;
    if (!request) return {};
    if (!this.options.eso.canEncrypt) {
      throw new Error(
        'Unable to create API keys because the Encrypted Saved Objects plugin has not been configured'
      );
    }
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    if (value && /^apikey /i.test(value)) {
      const encoded = value.slice('apikey '.length).trim();
      const apiKeyId = Buffer.from(encoded, 'base64').toString('utf8').split(':')[0];
      return {
        apiKey: encoded,
        userScope: { apiKeyId, spaceId: 'default', apiKeyCreatedByUser: true },
      };
    }
    const granted = await this.apiKeys!.grantAsInternalUser(request, {
      name: `TaskManager: ${taskType}`,
      role_descriptors: {},
      metadata: { managed: true },
    });
    if (!granted) throw new Error('Could not create API key for task');
    return {
      apiKey: Buffer.from(`${granted.id}:${granted.api_key}`).toString('base64'),
      userScope: { apiKeyId: granted.id, spaceId: 'default', apiKeyCreatedByUser: false },
    };
  }

  private async schedule(
    task: TaskInstance,
    options?: ScheduleOptions
  ): Promise<ConcreteTaskInstance> {
    const definition = this.definitions.get(task.taskType);
    if (!definition) {
      throw new Error(
        `Unsupported task type "${task.taskType}". Supported types are ${this.definitions.types().join(', ')}`
      );
    }
    if (task.schedule) parseIntervalAsMillisecond(task.schedule.interval);
    const params = definition.paramsSchema
      ? (definition.paramsSchema.validate(task.params) as Record<string, unknown>)
      : task.params;
    const { state, stateVersion } = validatedStateForWriting(definition, task.state ?? {});
    const id = task.id ?? randomUUID();
    const now = new Date();
    const attributes: TaskAttributes = {
      taskType: task.taskType,
      scheduledAt: (task.scheduledAt ?? now).toISOString(),
      runAt: (task.runAt ?? now).toISOString(),
      startedAt: null,
      retryAt: null,
      attempts: 0,
      status: TaskStatus.Idle,
      ...(task.schedule && { schedule: task.schedule }),
      params: JSON.stringify(params ?? {}),
      state: JSON.stringify(state),
      ...(stateVersion !== undefined && { stateVersion }),
      ownerId: null,
      enabled: task.enabled ?? true,
      ...(task.scope && { scope: task.scope }),
      ...(task.user && { user: task.user }),
      priority: task.priority ?? definition.priority ?? TaskPriority.Normal,
      ...(task.timeoutOverride && { timeoutOverride: task.timeoutOverride }),
      traceparent: '',
    };
    const stored = await this.options.store.create(id, {
      ...attributes,
      ...(await this.apiKeyFor(task.taskType, options)),
    });
    return toConcrete(stored);
  }

  private async ensureScheduled(
    task: TaskInstanceWithId,
    options?: ScheduleOptions
  ): Promise<TaskInstanceWithId> {
    try {
      await this.schedule(task, options);
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isConflictError(error as Error)) throw error;
      if (task.schedule) await this.bulkUpdateSchedules([task.id], task.schedule);
    }
    return task;
  }

  private async runSoon(id: string, force = false) {
    const task = await this.options.store.get(id);
    const status = task.attributes.status;
    if (!force && (status === TaskStatus.Running || status === TaskStatus.Claiming)) {
      throw new Error(`Failed to run task "${id}" as it is currently running`);
    }
    const now = new Date().toISOString();
    await this.options.store.update(task, {
      status: TaskStatus.Idle,
      scheduledAt: now,
      runAt: now,
      ...(force && { startedAt: null, retryAt: null, ownerId: null }),
    });
    return { id, forced: force };
  }

  private async bulk(
    ids: string[],
    change: (task: StoredTask) => Partial<TaskAttributes> | undefined
  ): Promise<BulkUpdateTaskResult> {
    const result: BulkUpdateTaskResult = { tasks: [], errors: [] };
    for (const id of ids) {
      try {
        const task = await this.options.store.get(id);
        const changes = change(task);
        result.tasks.push(
          toConcrete(changes ? await this.options.store.update(task, changes) : task)
        );
      } catch (error) {
        result.errors.push({ type: 'task', id, error: (error as Error).message });
      }
    }
    return result;
  }

  private bulkUpdateSchedules(ids: string[], schedule: IntervalSchedule) {
    const newMs = parseIntervalAsMillisecond(schedule.interval);
    return this.bulk(ids, (task) => {
      const old = task.attributes.schedule;
      if (task.attributes.status !== TaskStatus.Idle || old?.interval === schedule.interval) {
        return undefined;
      }
      const oldMs = old ? parseIntervalAsMillisecond(old.interval) : 0;
      const runAt = Math.max(Date.now(), Date.parse(task.attributes.runAt) - oldMs + newMs);
      return { schedule, runAt: new Date(runAt).toISOString() };
    });
  }

  private bulkEnable(ids: string[], runSoon = true) {
    return this.bulk(ids, (task) => {
      if (task.attributes.enabled !== false) return undefined;
      const now = new Date().toISOString();
      return { enabled: true, ...(runSoon && { runAt: now, scheduledAt: now }) };
    });
  }

  private bulkDisable(ids: string[], clearStateIdsOrBoolean: string[] | boolean = false) {
    return this.bulk(ids, (task) => {
      const clear =
        clearStateIdsOrBoolean === true ||
        (Array.isArray(clearStateIdsOrBoolean) && clearStateIdsOrBoolean.includes(task.id));
      if (task.attributes.enabled === false && !clear) return undefined;
      return { enabled: false, ...(clear && { state: '{}' }) };
    });
  }

  private async remove(id: string) {
    await this.removeStored(await this.options.store.get(id));
  }

  private async removeStored(task: StoredTask) {
    await this.options.store.remove(task.id);
    const scope = task.attributes.userScope;
    if (scope && !scope.apiKeyCreatedByUser) {
      await this.apiKeys
        ?.invalidateAsInternalUser({ ids: [scope.apiKeyId] })
        .catch((error: Error) =>
          this.options.logger.error(
            `Failed to invalidate the API key of task ${task.id}: ${error.message}`
          )
        );
    }
  }
}
