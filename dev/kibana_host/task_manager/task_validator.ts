/*
 * Task state validation (x-pack/platform/plugins/shared/task_manager/server/task_validator.ts):
 * - on read, state is migrated with the `up` functions from its stateVersion (or 1) to the latest,
 *   each step validated against that version's schema, then validated against the latest schema
 *   with unknown keys *ignored* (stripped). allow_reading_invalid_state (default true) keeps the raw
 *   state on failure and logs at debug;
 * - on write, state must satisfy the latest schema with unknown keys *forbidden*, and stateVersion is
 *   set to the latest version. Types without stateSchemaByVersion skip both.
 */
import type { Logger } from '@kbn/core/server';
import type { ObjectType } from '@kbn/config-schema';
import type { TaskDefinition } from './definitions';

function latest(definition: TaskDefinition) {
  const map = definition.stateSchemaByVersion;
  if (!map) return undefined;
  const version = Math.max(...Object.keys(map).map(Number));
  return Number.isFinite(version) ? { version, schema: map[version].schema } : undefined;
}

const withUnknowns = (schema: ObjectType, unknowns: 'ignore' | 'forbid') =>
  schema.extends({}, { unknowns });

export function validatedStateForReading(
  definition: TaskDefinition,
  state: Record<string, unknown>,
  stateVersion: number | undefined,
  logger: Logger,
  taskId: string
): Record<string, unknown> {
  const newest = latest(definition);
  if (!newest) return state;
  try {
    let migrated = state;
    if (!stateVersion || stateVersion < newest.version) {
      for (let v = stateVersion || 1; v <= newest.version; v++) {
        const step = definition.stateSchemaByVersion![v];
        if (!step) {
          throw new Error(
            `[TaskValidator] state schema for ${definition.type} missing version: ${v}`
          );
        }
        migrated = step.up(migrated);
        try {
          step.schema.validate(migrated);
        } catch (error) {
          throw new Error(
            `[TaskValidator] failed to migrate to version ${v} because the data returned from the up migration doesn't match the schema: ${(error as Error).message}`
          );
        }
      }
    }
    return withUnknowns(newest.schema, 'ignore').validate(migrated) as Record<string, unknown>;
  } catch (error) {
    logger.debug(
      `[${definition.type}][${taskId}] Failed to validate the task's state. Allowing read operation to proceed because allow_reading_invalid_state is true. Error: ${(error as Error).message}`
    );
    return state;
  }
}

/** Throws when the state does not satisfy the latest schema (unknown keys forbidden). */
export function validatedStateForWriting(
  definition: TaskDefinition,
  state: Record<string, unknown>
): { state: Record<string, unknown>; stateVersion?: number } {
  const newest = latest(definition);
  if (!newest) return { state };
  return {
    state: withUnknowns(newest.schema, 'forbid').validate(state) as Record<string, unknown>,
    stateVersion: newest.version,
  };
}
