/*
 * The claim-and-run loop, a small version of Kibana's TaskPollingLifecycle with the mget claim
 * strategy (x-pack/platform/plugins/shared/task_manager/server/polling_lifecycle.ts,
 * task_claimers/strategy_mget.ts, task_pool/task_pool.ts):
 * - every `pollIntervalMs`, due tasks of registered types are searched (idle with runAt ≤ now, or
 *   running/claiming whose retryAt passed — abandoned by a stopped host), enabled only, by priority
 *   then runAt, up to the free capacity;
 * - each is claimed by rewriting it with if_seq_no/if_primary_term (status running, ownerId,
 *   startedAt, retryAt, attempts + 1); a 409 means another poller won;
 * - runs are capped at a fixed number at once; expired runs are cancelled.
 * Not implemented: partitions/node discovery, cost-based capacity, task events/metrics.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';
import { TaskStatus } from '../runtime/task_manager_plugin';
import type { TaskTypeDictionary } from './definitions';
import { parseIntervalAsMillisecond } from './intervals';
import type { StoredTask, TaskStore } from './store';
import { type RunContextShape, TaskRunner } from './task_runner';

export interface PollerOptions {
  store: TaskStore;
  definitions: TaskTypeDictionary;
  logger: Logger;
  pollIntervalMs: number;
  capacity: number;
  removeTask: (task: StoredTask) => Promise<void>;
  runContextShape?: RunContextShape;
}

export class TaskPoller {
  readonly ownerId = `kibana:${randomUUID()}`;
  private readonly running = new Map<string, { runner: TaskRunner; timer: NodeJS.Timeout }>();
  private timer?: NodeJS.Timeout;
  private cycle: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(private readonly options: PollerOptions) {}

  start() {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and abandons in-flight runs (their documents stay `running` until retryAt). */
  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.cycle;
    for (const { runner, timer } of this.running.values()) {
      clearTimeout(timer);
      runner.abandon();
    }
    this.running.clear();
  }

  get runningTaskIds(): string[] {
    return [...this.running.keys()];
  }

  private schedule(delay: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.cycle = this.poll()
        .catch((error) =>
          this.options.logger.error(`Task poll failed: ${(error as Error).message}`)
        )
        .finally(() => this.schedule(this.options.pollIntervalMs));
    }, delay);
  }

  private async poll() {
    const free = this.options.capacity - this.running.size;
    const types = this.options.definitions.types();
    if (free <= 0 || types.length === 0) return;
    const now = new Date().toISOString();
    const candidates = await this.options.store.search({
      size: free,
      query: {
        bool: {
          filter: [
            { terms: { 'task.taskType': types } },
            {
              bool: {
                should: [
                  { term: { 'task.enabled': true } },
                  { bool: { must_not: [{ exists: { field: 'task.enabled' } }] } },
                ],
                minimum_should_match: 1,
              },
            },
            {
              bool: {
                should: [
                  {
                    bool: {
                      filter: [
                        { term: { 'task.status': TaskStatus.Idle } },
                        { range: { 'task.runAt': { lte: now } } },
                      ],
                    },
                  },
                  {
                    bool: {
                      filter: [
                        { terms: { 'task.status': [TaskStatus.Running, TaskStatus.Claiming] } },
                        { range: { 'task.retryAt': { lte: now } } },
                      ],
                    },
                  },
                ],
                minimum_should_match: 1,
              },
            },
          ],
        },
      },
      sort: [
        { 'task.priority': { order: 'desc', missing: 50, unmapped_type: 'integer' } },
        { 'task.runAt': { order: 'asc' } },
      ],
    });
    for (const candidate of candidates) {
      if (this.stopped || this.running.has(candidate.id)) continue;
      const claimed = await this.claim(candidate);
      if (claimed) this.startRun(claimed);
    }
  }

  private async claim(task: StoredTask): Promise<StoredTask | undefined> {
    const definition = this.options.definitions.get(task.attributes.taskType)!;
    const now = new Date();
    const timeout = parseIntervalAsMillisecond(
      task.attributes.timeoutOverride ?? definition.timeout
    );
    // lib/get_retry_at.ts: recurring tasks hold the claim for max(interval, timeout), one-shot
    // tasks for the timeout times the attempt number.
    const attempts = task.attributes.attempts + 1;
    const holdMs = task.attributes.schedule
      ? Math.max(parseIntervalAsMillisecond(task.attributes.schedule.interval), timeout)
      : timeout * attempts;
    try {
      return await this.options.store.update(task, {
        status: TaskStatus.Running,
        ownerId: this.ownerId,
        startedAt: now.toISOString(),
        retryAt: new Date(now.getTime() + holdMs).toISOString(),
        attempts,
      });
    } catch (error) {
      if (SavedObjectsErrorHelpers.isConflictError(error as Error)) return undefined;
      if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return undefined;
      throw error;
    }
  }

  private startRun(claimed: StoredTask) {
    const definition = this.options.definitions.get(claimed.attributes.taskType)!;
    const { logger, store, pollIntervalMs, removeTask, runContextShape } = this.options;
    void (async () => {
      let runner: TaskRunner;
      try {
        const apiKey = await store.decryptApiKey(claimed);
        runner = new TaskRunner(
          claimed,
          definition,
          { store, logger, pollIntervalMs, removeTask, runContextShape },
          apiKey
        );
      } catch (error) {
        logger.error(`Task ${claimed.id} could not be started: ${(error as Error).message}`);
        return;
      }
      const timer = setTimeout(() => {
        this.running.delete(runner.id);
        void runner.expire();
      }, runner.timeoutMs);
      this.running.set(runner.id, { runner, timer });
      try {
        await runner.run();
      } catch (error) {
        logger.error(`Task ${runner} failed to complete: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
        if (this.running.get(runner.id)?.runner === runner) this.running.delete(runner.id);
      }
    })();
  }
}
