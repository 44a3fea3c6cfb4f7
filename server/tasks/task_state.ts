import { schema, type TypeOf } from '@kbn/config-schema';

/*
 * Task state: non-secret run bookkeeping only. The checkpoint and health live in the connector's
 * companion saved object (server/connectors/state_store.ts), so they survive the task being
 * removed and re-created. Modelled on cloud_security_posture's server/tasks/task_state.ts:
 * versions are append-only; never edit a released one, add the next with an `up` migration.
 */
const stateSchemaV1 = schema.object({
  runs: schema.number(),
  consecutiveFailures: schema.number(),
});

export type LatestTaskStateSchema = TypeOf<typeof stateSchemaV1>;

export const emptyState: LatestTaskStateSchema = { runs: 0, consecutiveFailures: 0 };

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

export const stateSchemaByVersion = {
  1: {
    up: (state: Record<string, unknown>) => ({
      runs: count(state.runs),
      consecutiveFailures: count(state.consecutiveFailures),
    }),
    schema: stateSchemaV1,
  },
};
