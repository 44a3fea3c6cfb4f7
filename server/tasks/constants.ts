import { parseDuration } from '../../common/duration';

/** One task type; one recurring task per enabled connector. */
export const POLL_TASK_TYPE = 'audit-sources:poll';

/** Fixed id per connector, so `ensureScheduled` is idempotent across restarts and nodes. */
export function pollTaskId(connectorId: string): string {
  return `${POLL_TASK_TYPE}:${connectorId}`;
}

export function connectorIdOfTask(taskId: string): string | undefined {
  const prefix = `${POLL_TASK_TYPE}:`;
  return taskId.startsWith(prefix) ? taskId.slice(prefix.length) : undefined;
}

/** Task scope, as in Kibana's own tasks (e.g. osquery's reconcile task): groups ours in the task index. */
export const TASK_SCOPE = ['auditSources'];

/**
 * A connector interval (validated by PollInterval: whole seconds, 1m–24h, any unit of
 * common/duration.ts) in Task Manager's `<int>[smhd]` form.
 */
export function taskInterval(interval: string): string {
  const parsed = parseDuration(interval);
  if ('error' in parsed) throw new Error(`Invalid interval "${interval}"`);
  const seconds = Math.round(parsed.ms / 1000);
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** A run that stopped at its budget before reaching the present is picked up again this soon. */
export const CONTINUE_BACKFILL_DELAY_MS = 10_000;
