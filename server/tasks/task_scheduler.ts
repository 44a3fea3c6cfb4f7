import type { Logger } from '@kbn/core/server';
import type { TaskManagerStartContract } from '@kbn/task-manager-plugin/server';
import { ConnectorConflictError } from '../connectors/errors';
import {
  connectorIdOfTask,
  POLL_TASK_TYPE,
  pollTaskId,
  TASK_SCOPE,
  taskInterval,
} from './constants';
import { emptyState } from './task_state';

export type PollTaskManager = Pick<
  TaskManagerStartContract,
  'ensureScheduled' | 'removeIfExists' | 'runSoon' | 'fetch'
>;

export interface SchedulableConnector {
  id: string;
  enabled: boolean;
  interval: string;
  /** The connector's space: the task reads and decrypts the connector there. */
  spaceId: string;
}

/** Task Manager's TaskAlreadyRunningError (task_running/errors.ts), recognised by name or text. */
function isAlreadyRunning(error: unknown): boolean {
  const { name, message } = error as { name?: string; message?: string };
  return name === 'TaskAlreadyRunningError' || /currently running/i.test(message ?? '');
}

/**
 * The task side of a connector's lifecycle: one recurring `audit-sources:poll` task per enabled
 * connector, with a fixed id. Like cloud_security_posture's scheduleTaskSafe/removeTaskSafe
 * helpers, but per connector.
 */
export class PollTaskScheduler {
  constructor(
    private readonly taskManager: PollTaskManager,
    private readonly logger: Logger
  ) {}

  /**
   * Creates the task, or (existing, idle) updates its interval: ensureScheduled answers a 409
   * with bulkUpdateSchedules (task_scheduling.ts). A task that is running at that moment keeps
   * its old interval only until the run ends: the runner returns the connector's current
   * interval as its schedule.
   */
  async ensure(connector: SchedulableConnector): Promise<void> {
    await this.taskManager.ensureScheduled({
      id: pollTaskId(connector.id),
      taskType: POLL_TASK_TYPE,
      schedule: { interval: taskInterval(connector.interval) },
      params: { connectorId: connector.id, spaceId: connector.spaceId },
      state: { ...emptyState },
      scope: TASK_SCOPE,
    });
  }

  async remove(connectorId: string): Promise<void> {
    await this.taskManager.removeIfExists(pollTaskId(connectorId));
  }

  /** Enabled: have the task; disabled: have none. */
  async apply(connector: SchedulableConnector): Promise<void> {
    if (connector.enabled) await this.ensure(connector);
    else await this.remove(connector.id);
  }

  /** "Run now". The task is (re)created first so a missing task is not a dead end. */
  async runNow(connector: SchedulableConnector): Promise<void> {
    if (!connector.enabled) {
      throw new ConnectorConflictError('The connector is disabled: enable it before running it');
    }
    await this.ensure(connector);
    try {
      await this.taskManager.runSoon(pollTaskId(connector.id));
    } catch (error) {
      if (isAlreadyRunning(error)) {
        throw new ConnectorConflictError(
          'A poll of this connector is already running; its results will appear when it ends'
        );
      }
      throw error;
    }
  }

  /** Our tasks, by connector id. */
  async tasksByConnector(): Promise<Map<string, { runAt?: Date }>> {
    const { docs } = await this.taskManager.fetch({
      query: { bool: { filter: [{ term: { 'task.taskType': POLL_TASK_TYPE } }] } },
      size: 10_000,
    });
    const tasks = new Map<string, { runAt?: Date }>();
    for (const task of docs) {
      const connectorId = connectorIdOfTask(task.id);
      if (connectorId) tasks.set(connectorId, { runAt: task.runAt });
    }
    return tasks;
  }

  /** When each connector's next run is due, for the health view; empty if Task Manager cannot say. */
  async nextRuns(): Promise<Map<string, string>> {
    try {
      const runs = new Map<string, string>();
      for (const [id, task] of await this.tasksByConnector()) {
        if (task.runAt) runs.set(id, new Date(task.runAt).toISOString());
      }
      return runs;
    } catch (error) {
      this.logger.debug(`Could not read poll tasks: ${(error as Error).message}`);
      return new Map();
    }
  }

  /**
   * Start-up reconciliation: every enabled connector has its task, tasks of deleted or disabled
   * connectors are removed. Each connector is handled on its own so one failure does not stop
   * the rest.
   */
  async reconcile(
    connectors: readonly SchedulableConnector[]
  ): Promise<{ ensured: number; removed: number; failed: number }> {
    const result = { ensured: 0, removed: 0, failed: 0 };
    const existing = await this.tasksByConnector();
    const enabled = new Set(connectors.filter((c) => c.enabled).map((c) => c.id));
    for (const connector of connectors) {
      if (!connector.enabled) continue;
      try {
        await this.ensure(connector);
        result.ensured++;
      } catch (error) {
        result.failed++;
        this.logger.warn(
          `Could not schedule the poll task of connector ${connector.id}: ${(error as Error).message}`
        );
      }
    }
    for (const connectorId of existing.keys()) {
      if (enabled.has(connectorId)) continue;
      try {
        await this.remove(connectorId);
        result.removed++;
      } catch (error) {
        result.failed++;
        this.logger.warn(
          `Could not remove the poll task of connector ${connectorId}: ${(error as Error).message}`
        );
      }
    }
    return result;
  }
}
