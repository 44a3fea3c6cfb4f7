import { schema } from '@kbn/config-schema';
import type { SavedObjectsType } from '@kbn/core/server';
import { CONNECTOR_STATE_SAVED_OBJECT_TYPE } from './constants';
import { moveToDefaultSpace } from './move_to_default_space';
import { sourceKindError } from './source_kind';
import type { ConnectorStateAttributes } from './types';

/*
 * Version 1 of the connector state (common/connectors/health.ts in config-schema form). Never
 * edit a released version; add a model version instead.
 */
const counts = {
  read: schema.number(),
  written: schema.number(),
  duplicates: schema.number(),
  pipelineErrors: schema.number(),
};

const runRecordPropsV1 = {
  startedAt: schema.string(),
  finishedAt: schema.string(),
  outcome: schema.oneOf([
    schema.literal('success'),
    schema.literal('partial'),
    schema.literal('failure'),
  ]),
  ...counts,
  caughtUp: schema.boolean(),
  error: schema.maybe(schema.string()),
};

const healthPropsV1 = {
  status: schema.oneOf([
    schema.literal('pending'),
    schema.literal('healthy'),
    schema.literal('degraded'),
    schema.literal('failing'),
    schema.literal('disabled'),
  ]),
  totals: schema.object(counts),
  backfill: schema.object({
    complete: schema.boolean(),
    from: schema.maybe(schema.string()),
    cursor: schema.maybe(schema.string()),
  }),
  recentRuns: schema.arrayOf(schema.object(runRecordPropsV1)),
  lastRunAt: schema.maybe(schema.string()),
  lastSuccessAt: schema.maybe(schema.string()),
  lastError: schema.maybe(schema.object({ message: schema.string(), at: schema.string() })),
  lagMs: schema.maybe(schema.number()),
  nextRunAt: schema.maybe(schema.string()),
};

const healthV1 = schema.object(healthPropsV1);

const stateAttributesV1 = {
  connectorId: schema.string(),
  kind: schema.oneOf([schema.literal('lumos'), schema.literal('closer')]),
  // Each source validates its own checkpoint with its io-ts codec when loading it.
  checkpoint: schema.maybe(schema.object({}, { unknowns: 'allow' })),
  health: healthV1,
};

export const connectorStateSchemasV1 = {
  forwardCompatibility: schema.object(stateAttributesV1, { unknowns: 'ignore' }),
  create: schema.object(stateAttributesV1),
};

/*
 * Version 3: health says which records failed since the last clean run (`failedRecords`), the
 * first pipeline error of each run (`pipelineError`) and the counts of the run in progress
 * (`running`). All optional, so version 1/2 documents are valid version 3 documents as they are.
 * Built on version 1's fields, which stay as released.
 */
const healthV3 = schema.object({
  ...healthPropsV1,
  recentRuns: schema.arrayOf(
    schema.object({ ...runRecordPropsV1, pipelineError: schema.maybe(schema.string()) })
  ),
  failedRecords: schema.maybe(
    schema.object({
      count: schema.number(),
      since: schema.string(),
      at: schema.string(),
      message: schema.maybe(schema.string()),
    })
  ),
  running: schema.maybe(schema.object({ startedAt: schema.string(), ...counts })),
});

const stateAttributesV3 = { ...stateAttributesV1, health: healthV3 };

export const connectorStateSchemasV3 = {
  forwardCompatibility: schema.object(stateAttributesV3, { unknowns: 'ignore' }),
  create: schema.object(stateAttributesV3),
};

/*
 * Version 4: `kind` is any registered source (checked in code against the registry) instead of a
 * list frozen into the schema, so adding a source needs no new model version. Reading a newer
 * document accepts any kind; code that meets a kind it does not know skips the document.
 */
const stateAttributesV4 = {
  ...stateAttributesV3,
  kind: schema.string({ validate: sourceKindError }),
};

export const connectorStateSchemasV4 = {
  forwardCompatibility: schema.object(
    { ...stateAttributesV3, kind: schema.string() },
    { unknowns: 'ignore' }
  ),
  create: schema.object(stateAttributesV4),
};

export const connectorStateSavedObjectType: SavedObjectsType<ConnectorStateAttributes> = {
  name: CONNECTOR_STATE_SAVED_OBJECT_TYPE,
  hidden: true,
  // In its connector's space (same id); version 2 as for the connector type.
  namespaceType: 'multiple-isolated',
  mappings: {
    dynamic: false,
    properties: {
      connectorId: { type: 'keyword' },
    },
  },
  modelVersions: {
    1: { changes: [], schemas: connectorStateSchemasV1 },
    2: { changes: [moveToDefaultSpace], schemas: connectorStateSchemasV1 },
    3: { changes: [], schemas: connectorStateSchemasV3 },
    4: { changes: [], schemas: connectorStateSchemasV4 },
  },
  management: { importableAndExportable: false },
};
