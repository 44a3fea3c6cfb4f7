/*
 * Local declarations for `@kbn/task-manager-plugin/server` (Kibana 9.4.3; RunContext for 9.4 and 9.5).
 * Mirrors x-pack/platform/plugins/shared/task_manager/server/{index,task,plugin,task_scheduling,
 * task_store,task_type_dictionary}.ts and task_running/errors.ts. Subset only.
 * Kibana types task `params`/`state` as `Record<string, any>`; `Record<string, unknown>` here.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 *
 * RUNTIME VALUES a host must provide: TaskStatus, TaskPriority, TaskCost (enums),
 * throwUnrecoverableError, throwRetryableError (functions).
 */

import type { estypes } from '@elastic/elasticsearch';
import type { ObjectType } from '@kbn/config-schema';
import type { KibanaRequest } from '@kbn/core/server';

// x-pack/platform/plugins/shared/task_manager/server/task.ts (TaskPriority, 9.4 member names).
// RUNTIME VALUE. Newest main renames these to Maintenance/Deferrable/Standard and adds
// UserInteractive = 100, keeping the old names as deprecated aliases; the old names work on both.
export declare enum TaskPriority {
  Low = 1,
  NormalLongRunning = 40,
  Normal = 50,
}

// x-pack/platform/plugins/shared/task_manager/server/task.ts (TaskCost). RUNTIME VALUE.
// `Large = 4` exists only in newer snapshots (PR #270288, after 9.4) and is not declared.
export declare enum TaskCost {
  Tiny = 1,
  Normal = 2,
  ExtraLarge = 10,
}

// x-pack/platform/plugins/shared/task_manager/server/task.ts (TaskStatus). RUNTIME VALUE.
export declare enum TaskStatus {
  Idle = 'idle',
  Claiming = 'claiming',
  Running = 'running',
  Failed = 'failed',
  ShouldDelete = 'should_delete',
  Unrecognized = 'unrecognized',
  DeadLetter = 'dead_letter',
}

// @kbn/response-ops-scheduling-types (re-exported from task.ts). The package source is not in the
// searchable store; shape per the task manager README / server/lib/intervals.ts: `'<int>[smhd]'`.
// RruleSchedule is not declared (unused).
export interface IntervalSchedule {
  interval: string;
}

// x-pack/platform/plugins/shared/task_manager/server/task_running/errors.ts (symbol-keyed fields
// omitted)
export interface DecoratedError extends Error {}

// x-pack/platform/plugins/shared/task_manager/server/task.ts (TaskInstance; subset — apiKey,
// uiamApiKey, userScope, traceparent, partition, cost omitted)
export interface TaskInstance {
  id?: string;
  taskType: string;
  scheduledAt?: Date;
  startedAt?: Date | null;
  retryAt?: Date | null;
  runAt?: Date;
  schedule?: IntervalSchedule;
  params: Record<string, unknown>;
  state: Record<string, unknown>;
  stateVersion?: number;
  user?: string;
  scope?: string[];
  ownerId?: string | null;
  enabled?: boolean;
  timeoutOverride?: string;
  priority?: TaskPriority;
}

// x-pack/platform/plugins/shared/task_manager/server/task.ts (Require<TaskInstance, 'id'>)
export type TaskInstanceWithId = Omit<TaskInstance, 'id'> & Required<Pick<TaskInstance, 'id'>>;

// x-pack/platform/plugins/shared/task_manager/server/task.ts (ConcreteTaskInstance; deprecated
// interval/numSkippedRuns omitted)
export interface ConcreteTaskInstance extends TaskInstance {
  id: string;
  version?: string;
  scheduledAt: Date;
  attempts: number;
  status: TaskStatus;
  runAt: Date;
  startedAt: Date | null;
  retryAt: Date | null;
  state: Record<string, unknown>;
  ownerId: string | null;
  partition?: number;
}

// x-pack/platform/plugins/shared/task_manager/server/task.ts (RunContext). The shape depends on the
// Kibana release, so both are declared and RunContext is their union; the two interface names are
// ours (Kibana has a single `RunContext` in each release). See docs/kibana-apis.md "Supported
// Kibana versions".
// - 9.4: `abortController: AbortController` (required), added by PR #230017 (Aug 2025). Read in
//   task.d.ts at 841c321ecdc1.
// - 9.5+: `signal: AbortSignal` (required), PR #279282 (merged 2026-07-22; Kibana keeps the
//   controller internal to task_running/task_runner.ts). Read in task.ts at 020a42515d7d, which
//   also has `executionUuid`, `enrichRequest?` and `setCustomTaskRunEventFields`; those are not
//   declared (unused, and not checked against a 9.5 release).
// `?: undefined` on the absent member lets code read either without a cast; no release passes both.
interface RunContextBase {
  taskInstance: ConcreteTaskInstance;
  fakeRequest?: KibanaRequest;
}
export interface RunContextWithAbortController extends RunContextBase {
  abortController: AbortController;
  signal?: undefined;
}
export interface RunContextWithSignal extends RunContextBase {
  signal: AbortSignal;
  abortController?: undefined;
}
export type RunContext = RunContextWithAbortController | RunContextWithSignal;

// x-pack/platform/plugins/shared/task_manager/server/task.ts (run results; CancellableTask's unused
// generic parameter `T = never` is omitted)
export type SuccessfulRunResult = {
  state: Record<string, unknown>;
  taskRunError?: DecoratedError;
  shouldValidate?: boolean;
  shouldDeleteTask?: boolean;
  shouldDisableTask?: boolean;
} & ({ runAt?: Date; schedule?: never } | { schedule?: IntervalSchedule; runAt?: never });
export type FailedRunResult = SuccessfulRunResult & { error: DecoratedError };
export type RunResult = FailedRunResult | SuccessfulRunResult;
export type AnyRunResult = RunResult | undefined | void;
export type RunFunction = () => Promise<AnyRunResult>;
export type CancelFunction = () => Promise<AnyRunResult>;
export interface CancellableTask {
  run: RunFunction;
  cancel?: CancelFunction;
  cleanup?: () => Promise<void>;
}
export type TaskRunCreatorFunction = (context: RunContext) => CancellableTask;

// x-pack/platform/plugins/shared/task_manager/server/task_type_dictionary.ts (TaskRegisterDefinition).
// `maxConcurrency` throws for types outside CONCURRENCY_ALLOW_LIST_BY_TASK_TYPE, so it is not
// declared; `taskTypeGroup` is newer than 9.4 and internal.
export interface TaskRegisterDefinition {
  title?: string;
  timeout?: string;
  priority?: TaskPriority;
  cost?: TaskCost;
  description?: string;
  createTaskRunner: TaskRunCreatorFunction;
  maxAttempts?: number;
  stateSchemaByVersion?: Record<
    number,
    {
      schema: ObjectType;
      up: (state: Record<string, unknown>) => Record<string, unknown>;
    }
  >;
  paramsSchema?: ObjectType;
}
export type TaskDefinitionRegistry = Record<string, TaskRegisterDefinition>;

// x-pack/platform/plugins/shared/task_manager/server/task.ts (ApiKeyOptions / ScheduleOptions;
// subset). `request` makes Task Manager grant a user-scoped API key and later pass `fakeRequest`.
export type ScheduleOptions = Record<string, unknown> & {
  request?: KibanaRequest;
};

// x-pack/platform/plugins/shared/task_manager/server/task_scheduling.ts. The `conflict?` flag on
// RunSoonResult exists only in newer snapshots and is not declared. `errors` element type
// (ErrorOutput from lib/bulk_operation_buffer.ts) was not read; typed `unknown`.
export interface RunSoonResult {
  id: ConcreteTaskInstance['id'];
  forced: boolean;
}
export interface BulkUpdateTaskResult {
  tasks: ConcreteTaskInstance[];
  errors: unknown[];
}

// x-pack/platform/plugins/shared/task_manager/server/task_store.ts (SearchOpts, FetchResult; subset)
export interface SearchOpts {
  search_after?: Array<number | string>;
  size?: number;
  sort?: estypes.Sort;
  query?: estypes.QueryDslQueryContainer;
}
export interface FetchResult {
  docs: ConcreteTaskInstance[];
}

// x-pack/platform/plugins/shared/task_manager/server/plugin.ts (TaskManagerSetupContract; subset)
export interface TaskManagerSetupContract {
  registerTaskDefinitions: (taskDefinitions: TaskDefinitionRegistry) => void;
}

// x-pack/platform/plugins/shared/task_manager/server/plugin.ts (TaskManagerStartContract =
// Pick<TaskScheduling, ...> & Pick<TaskStore, ...> & { removeIfExists }; subset, methods mirrored
// from task_scheduling.ts and task_store.ts. The `options` (ApiKeyOptions) arguments of the bulk
// methods are omitted.)
export interface TaskManagerStartContract {
  schedule(taskInstance: TaskInstance, options?: ScheduleOptions): Promise<ConcreteTaskInstance>;
  ensureScheduled(
    taskInstance: TaskInstanceWithId,
    options?: ScheduleOptions
  ): Promise<TaskInstanceWithId>;
  runSoon(taskId: string, force?: boolean): Promise<RunSoonResult>;
  bulkUpdateSchedules(taskIds: string[], schedule: IntervalSchedule): Promise<BulkUpdateTaskResult>;
  bulkEnable(taskIds: string[], runSoon?: boolean): Promise<BulkUpdateTaskResult>;
  bulkDisable(
    taskIds: string[],
    clearStateIdsOrBoolean?: string[] | boolean
  ): Promise<BulkUpdateTaskResult>;
  fetch(opts?: SearchOpts, limitResponse?: boolean): Promise<FetchResult>;
  get(id: string): Promise<ConcreteTaskInstance>;
  remove(id: string): Promise<void>;
  removeIfExists(id: string): Promise<void>;
}

// x-pack/platform/plugins/shared/task_manager/server/task_running/errors.ts. RUNTIME VALUES.
// Kibana declares the return type as `void` although both always throw.
export declare function throwUnrecoverableError(error: Error): void;
export declare function throwRetryableError(error: Error, shouldRetry: Date | boolean): void;
