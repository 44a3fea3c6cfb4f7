/*
 * Runtime for `@kbn/task-manager-plugin/server`: the enums and error helpers the declarations export
 * (x-pack/platform/plugins/shared/task_manager/server/task.ts and task_running/errors.ts).
 */
import type {
  throwRetryableError as DeclThrowRetryable,
  throwUnrecoverableError as DeclThrowUnrecoverable,
} from '@kbn/task-manager-plugin/server';

// `declare enum`s cannot be implemented against; the member values are copied from task.ts.
export enum TaskPriority {
  Low = 1,
  NormalLongRunning = 40,
  Normal = 50,
}
export enum TaskCost {
  Tiny = 1,
  Normal = 2,
  ExtraLarge = 10,
}
export enum TaskStatus {
  Idle = 'idle',
  Claiming = 'claiming',
  Running = 'running',
  Failed = 'failed',
  ShouldDelete = 'should_delete',
  Unrecognized = 'unrecognized',
  DeadLetter = 'dead_letter',
}

// task_running/errors.ts keeps the code and retry marker under module-private symbols; registered
// symbols here so the host's task runner recognises errors decorated by a plugin's copy.
const code = Symbol.for('kibana-host.TaskManagerErrorCode');
const retry = Symbol.for('kibana-host.TaskManagerErrorRetry');
const CODE_UNRECOVERABLE = 'TaskManager/unrecoverable';
const CODE_RETRYABLE = 'TaskManager/retryable';

interface TaskManagerDecoratedError extends Error {
  [code]?: string;
  [retry]?: Date | boolean;
}

export const throwUnrecoverableError: typeof DeclThrowUnrecoverable = (error) => {
  (error as TaskManagerDecoratedError)[code] = CODE_UNRECOVERABLE;
  throw error;
};

export const throwRetryableError: typeof DeclThrowRetryable = (error, shouldRetry) => {
  (error as TaskManagerDecoratedError)[code] = CODE_RETRYABLE;
  (error as TaskManagerDecoratedError)[retry] = shouldRetry;
  throw error;
};

export function isUnrecoverableError(error: unknown): boolean {
  return (
    error instanceof Error && (error as TaskManagerDecoratedError)[code] === CODE_UNRECOVERABLE
  );
}

export function getRetry(error: unknown): Date | boolean | undefined {
  return error instanceof Error && (error as TaskManagerDecoratedError)[code] === CODE_RETRYABLE
    ? (error as TaskManagerDecoratedError)[retry]
    : undefined;
}
