/*
 * Compile-only: the host's runtime values and service objects satisfy the declarations in
 * typings/kbn (tsc --noEmit fails otherwise). Most services are already typed against the
 * declarations where they are built (host.ts: CoreSetup/CoreStart; router.ts: IRouter; …); this
 * file covers the module-level runtime exports. Never executed.
 */
import type * as DeclConfigSchema from '@kbn/config-schema';
import type * as DeclCore from '@kbn/core/server';
import type * as DeclTaskManager from '@kbn/task-manager-plugin/server';
import * as configSchema from './runtime/config_schema';
import * as core from './runtime/core_server';
import * as taskManager from './runtime/task_manager_plugin';
import type { Router } from './http/router';
import type { SavedObjectsRepository } from './saved_objects/repository';
import type { HostClusterClient } from './es/cluster_client';

export const schema: typeof DeclConfigSchema.schema = configSchema.schema;
export const categories: typeof DeclCore.DEFAULT_APP_CATEGORIES = core.DEFAULT_APP_CATEGORIES;
export const errorHelpers: Omit<typeof DeclCore.SavedObjectsErrorHelpers, 'prototype'> =
  core.SavedObjectsErrorHelpers;
export const routeValidationError: new (
  error: Error | string,
  path?: string[]
) => DeclCore.RouteValidationError = core.RouteValidationError;
export const throwUnrecoverableError: typeof DeclTaskManager.throwUnrecoverableError =
  taskManager.throwUnrecoverableError;
export const throwRetryableError: typeof DeclTaskManager.throwRetryableError =
  taskManager.throwRetryableError;

// Declared enums are nominal; compare member names and values instead.
type EnumShape<E> = { [K in keyof E]: E[K] extends number | string ? E[K] : never };
type SameMembers<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? true
    : false
  : false;
export const costs: SameMembers<typeof DeclTaskManager.TaskCost, typeof taskManager.TaskCost> =
  true;
export const priorities: SameMembers<
  typeof DeclTaskManager.TaskPriority,
  typeof taskManager.TaskPriority
> = true;
export const statuses: SameMembers<
  typeof DeclTaskManager.TaskStatus,
  typeof taskManager.TaskStatus
> = true;
export const costValues: Record<keyof typeof DeclTaskManager.TaskCost, number> =
  taskManager.TaskCost as EnumShape<typeof taskManager.TaskCost>;

export type RouterConforms = Router extends DeclCore.IRouter ? true : never;
export type RepositoryConforms = SavedObjectsRepository extends DeclCore.ISavedObjectsRepository &
  DeclCore.SavedObjectsClientContract
  ? true
  : never;
export type ClusterConforms = HostClusterClient extends DeclCore.IClusterClient ? true : never;
export const checks: [RouterConforms, RepositoryConforms, ClusterConforms] = [true, true, true];
