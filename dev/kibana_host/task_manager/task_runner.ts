/*
 * Runs one claimed task, following Kibana's TaskManagerRunner
 * (x-pack/platform/plugins/shared/task_manager/server/task_running/task_runner.ts):
 * - RunContext `{ taskInstance, fakeRequest?, abortController }` (9.4 shape, the default) or
 *   `{ taskInstance, fakeRequest?, signal }` (9.5+, PR #279282: the controller stays inside the
 *   runner), chosen by `runContextShape`; `fakeRequest` carries `Authorization: ApiKey <key>` when
 *   the task was scheduled with a request;
 * - the definition's timeout (or timeoutOverride): on expiry `cancel()` is called and the abort
 *   signal fires (TaskPool's cancelExpiredTasks); an expired run's result is not persisted — a
 *   recurring task whose interval exceeds the timeout is rescheduled, anything else waits for its
 *   retryAt and is claimed again;
 * - processResultForRecurringTask / processResultWhenDone / rescheduleFailedRun: state written
 *   through the state schema (unknown keys forbidden — a violation fails the run, and the previous
 *   state is kept), `runAt`/`schedule`/`shouldDeleteTask`/`shouldDisableTask`, retries up to
 *   maxAttempts (default 3) with `throwRetryableError` dates or attempts × 5m, unrecoverable errors,
 *   one-shot tasks deleted after success;
 * - a run abandoned because the host stopped writes nothing.
 */
import type { KibanaRequest, Logger } from '@kbn/core/server';
import type {
  CancellableTask,
  ConcreteTaskInstance,
  FailedRunResult,
  IntervalSchedule,
  RunContext,
  RunResult,
} from '@kbn/task-manager-plugin/server';
import { createFakeRequest } from '../http/kibana_request';
import { getRetry, isUnrecoverableError, TaskStatus } from '../runtime/task_manager_plugin';
import type { TaskDefinition } from './definitions';
import { intervalFromDate, parseIntervalAsMillisecond } from './intervals';
import { type StoredTask, type TaskAttributes, type TaskStore, toConcrete } from './store';
import { validatedStateForReading, validatedStateForWriting } from './task_validator';

export const DEFAULT_MAX_ATTEMPTS = 3;

/** Which Kibana's RunContext the host passes: 9.4 `abortController`, or 9.5+ `signal`. */
export type RunContextShape = 'abortController' | 'signal';
export const DEFAULT_RUN_CONTEXT_SHAPE: RunContextShape = 'abortController';

export interface TaskRunnerDeps {
  store: TaskStore;
  logger: Logger;
  pollIntervalMs: number;
  /** Removes the task document (and its API key); task_runner.ts removeTask. */
  removeTask: (task: StoredTask) => Promise<void>;
  /** Default DEFAULT_RUN_CONTEXT_SHAPE. */
  runContextShape?: RunContextShape;
}

function getNextRunAt(
  runAt: Date,
  startedAt: Date,
  schedule: IntervalSchedule,
  thresholdMs: number
): Date {
  // task_running/task_runner.ts getNextRunAt (lib/get_next_run_at.ts)
  const delay = startedAt.getTime() - runAt.getTime();
  const from = delay < thresholdMs ? runAt : startedAt;
  return new Date(Math.max(intervalFromDate(from, schedule.interval).getTime(), Date.now()));
}

function getRetryDate(attempts: number, error: unknown): Date | undefined {
  const retry = getRetry(error);
  if (retry instanceof Date) return retry;
  if (retry === false) return undefined;
  return new Date(Date.now() + attempts * 5 * 60_000);
}

const isFailedRunResult = (result: unknown): result is FailedRunResult =>
  typeof result === 'object' && result !== null && 'error' in result && !!result.error;

export class TaskRunner {
  private abandoned = false;
  private expired = false;
  private task?: CancellableTask;
  readonly abortController = new AbortController();
  readonly instance: ConcreteTaskInstance;

  constructor(
    private claimed: StoredTask,
    private readonly definition: TaskDefinition,
    private readonly deps: TaskRunnerDeps,
    private readonly apiKey: string | undefined
  ) {
    const concrete = toConcrete(claimed);
    this.instance = {
      ...concrete,
      state: validatedStateForReading(
        definition,
        concrete.state,
        concrete.stateVersion,
        deps.logger,
        concrete.id
      ),
    };
  }

  get id() {
    return this.claimed.id;
  }

  get timeoutMs(): number {
    return parseIntervalAsMillisecond(this.instance.timeoutOverride ?? this.definition.timeout);
  }

  toString() {
    return `${this.definition.type} "${this.id}"`;
  }

  /** The host is stopping: forget the run; its document keeps status running until retryAt. */
  abandon() {
    this.abandoned = true;
    this.abortController.abort();
  }

  /** TaskPool cancelExpiredTasks: cancel() and abort, then let the run settle on its own. */
  async expire() {
    this.expired = true;
    this.deps.logger.warn(
      `Cancelling task ${this} as it expired at ${new Date(Date.now()).toISOString()} after running for ${this.timeoutMs / 1000}s (with timeout set at ${this.instance.timeoutOverride ?? this.definition.timeout}).`
    );
    this.abortController.abort();
    const task = this.task;
    if (task?.cancel) {
      try {
        await task.cancel();
      } catch (error) {
        this.deps.logger.error(`Failed to cancel task ${this}: ${(error as Error).message}`);
      }
    }
  }

  async run(): Promise<void> {
    const fakeRequest: KibanaRequest | undefined = this.apiKey
      ? createFakeRequest({ authorization: `ApiKey ${this.apiKey}` })
      : undefined;
    let result: RunResult | undefined;
    let error: unknown;
    try {
      this.task = this.definition.createTaskRunner(this.runContext(fakeRequest));
      result = (await this.task.run()) ?? undefined;
      if (isFailedRunResult(result)) error = result.error;
    } catch (thrown) {
      error = thrown;
    }
    if (this.abandoned) return;
    if (this.expired) return this.processExpired();
    if (error) {
      this.deps.logger.error(`Task ${this} failed: ${error}`, {
        tags: [this.definition.type, this.id, 'task-run-failed'],
      });
    }
    try {
      await this.processResult(result, error);
    } catch (processingError) {
      if (error) throw processingError;
      // e.g. the returned state violates the state schema: Kibana treats the run as failed and
      // keeps the state the run started with.
      this.deps.logger.error(`Task ${this} failed: ${processingError}`, {
        tags: [this.definition.type, this.id, 'task-run-failed'],
      });
      await this.processResult({ state: this.instance.state }, processingError);
    }
  }

  private runContext(fakeRequest: KibanaRequest | undefined): RunContext {
    const base = { taskInstance: this.instance, fakeRequest };
    return (this.deps.runContextShape ?? DEFAULT_RUN_CONTEXT_SHAPE) === 'signal'
      ? { ...base, signal: this.abortController.signal }
      : { ...base, abortController: this.abortController };
  }

  private async processExpired() {
    const schedule = this.instance.schedule;
    if (!schedule || parseIntervalAsMillisecond(schedule.interval) <= this.timeoutMs) return;
    await this.write({
      status: TaskStatus.Idle,
      runAt: getNextRunAt(
        this.instance.runAt,
        this.instance.startedAt ?? new Date(),
        schedule,
        this.deps.pollIntervalMs
      ).toISOString(),
      startedAt: null,
      retryAt: null,
      ownerId: null,
    });
  }

  private async processResult(result: RunResult | undefined, error: unknown) {
    const task = this.instance;
    const recurring = !!(result?.runAt || result?.schedule || task.schedule);
    if (!error && !recurring) {
      await this.deps.removeTask(this.claimed).catch(() => undefined);
      await this.task?.cleanup?.().catch(() => undefined);
      return;
    }
    let changes: Partial<TaskAttributes> & { status: TaskStatus };
    const state = result?.state ?? task.state;
    if (error) {
      const maxAttempts = this.definition.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      const canRetry = !!task.schedule || task.attempts < maxAttempts;
      let runAt: Date | undefined;
      let schedule: IntervalSchedule | undefined;
      if (canRetry && !isUnrecoverableError(error)) {
        if (result?.runAt) runAt = result.runAt;
        else if (result?.schedule) schedule = result.schedule;
        else if (task.schedule) schedule = task.schedule;
        else runAt = getRetryDate(task.attempts, error);
      }
      if (!runAt && !schedule) {
        await this.deps.removeTask(this.claimed).catch(() => undefined);
        return;
      }
      changes = {
        status: TaskStatus.Idle,
        attempts: task.attempts,
        runAt: (
          runAt ??
          getNextRunAt(
            task.runAt,
            task.startedAt ?? new Date(),
            schedule!,
            this.deps.pollIntervalMs
          )
        ).toISOString(),
        ...(schedule && { schedule }),
      };
    } else if (result?.shouldDeleteTask) {
      await this.deps.removeTask(this.claimed).catch(() => undefined);
      return;
    } else {
      const schedule = result?.schedule ?? task.schedule;
      changes = {
        status: TaskStatus.Idle,
        attempts: 0,
        runAt: (
          result?.runAt ??
          getNextRunAt(
            task.runAt,
            task.startedAt ?? new Date(),
            schedule!,
            this.deps.pollIntervalMs
          )
        ).toISOString(),
        ...(schedule && { schedule }),
        ...(result?.shouldDisableTask && { enabled: false }),
      };
    }
    const shouldValidate = result?.shouldValidate ?? true;
    const validated = shouldValidate
      ? validatedStateForWriting(this.definition, state)
      : { state, stateVersion: task.stateVersion };
    await this.write({
      ...changes,
      state: JSON.stringify(validated.state),
      ...(validated.stateVersion !== undefined && { stateVersion: validated.stateVersion }),
      startedAt: null,
      retryAt: null,
      ownerId: null,
    });
  }

  private async write(changes: Partial<TaskAttributes>) {
    try {
      this.claimed = await this.deps.store.update(this.claimed, changes);
    } catch (error) {
      // Removed (removeIfExists) or changed (runSoon, bulk*) while it ran: theirs wins.
      this.deps.logger.warn(
        `Task ${this} could not be updated after running: ${(error as Error).message}`
      );
    }
  }
}
