/*
 * Kibana's `space` saved-object type, as x-pack/platform/plugins/shared/spaces/server/saved_objects/
 * saved_objects_service.ts registers it (hidden, namespace-agnostic, mappings from mappings.ts,
 * model versions 1–3: `solution` and `disabledFeatures` mappings additions, the v3 create schema =
 * SpacesSavedObjectSchemas['8.8.0'] + solution + solutionSetupRequired, schemas.ts). The legacy
 * 6.6.0 migration is not carried (the host runs model versions only).
 */
import type { SavedObjectsType } from '@kbn/core/server';
import { schema } from '../runtime/config_schema';

export const SPACE_TYPE = 'space';

export interface SpaceAttributes {
  name: string;
  description?: string;
  initials?: string;
  color?: string;
  disabledFeatures: string[];
  imageUrl?: string;
  _reserved?: boolean;
  solution?: 'security' | 'oblt' | 'es' | 'classic';
  solutionSetupRequired?: boolean;
}

const solutionSchema = schema.oneOf([
  schema.literal('security'),
  schema.literal('oblt'),
  schema.literal('es'),
  schema.literal('classic'),
]);

const spaceCreateSchema = schema.object({
  name: schema.string(),
  description: schema.maybe(schema.string()),
  initials: schema.maybe(schema.string()),
  color: schema.maybe(schema.string()),
  disabledFeatures: schema.arrayOf(schema.string()),
  imageUrl: schema.maybe(schema.string()),
  _reserved: schema.maybe(schema.boolean()),
  solution: schema.maybe(solutionSchema),
  solutionSetupRequired: schema.maybe(schema.boolean()),
});

export const spaceSavedObjectType: SavedObjectsType = {
  name: SPACE_TYPE,
  hidden: true,
  namespaceType: 'agnostic',
  mappings: {
    dynamic: false,
    properties: {
      name: { type: 'text', fields: { keyword: { type: 'keyword', ignore_above: 2048 } } },
      solution: { type: 'keyword' },
      nameAttribute: { type: 'keyword' },
      disabledFeatures: { type: 'keyword' },
    },
  },
  modelVersions: {
    1: {
      changes: [{ type: 'mappings_addition', addedMappings: { solution: { type: 'keyword' } } }],
    },
    2: {
      changes: [
        { type: 'mappings_addition', addedMappings: { disabledFeatures: { type: 'keyword' } } },
      ],
    },
    3: {
      changes: [],
      schemas: {
        create: spaceCreateSchema,
        forwardCompatibility: spaceCreateSchema.extends({}, { unknowns: 'ignore' }),
      },
    },
  },
};
