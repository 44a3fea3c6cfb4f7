/*
 * `@kbn/task-manager-plugin/server` for unit tests: the one run-time value product code reads,
 * TaskCost (member values from x-pack/platform/plugins/shared/task_manager/server/task.ts).
 */
export enum TaskCost {
  Tiny = 1,
  Normal = 2,
  ExtraLarge = 10,
}
