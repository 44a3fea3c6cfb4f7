import type { RequestHandlerContext, SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { RouteServices } from './types';

/* Test double for the saved-views route tests. */

interface Stored {
  attributes: Record<string, unknown>;
  references: Array<{ type: string; id: string; name: string }>;
}

/**
 * Saved objects of one space with ids, references and Kibana's 409 on create without overwrite.
 * `takenElsewhere` (`type/id`) are ids held by an object of another space: create answers 409
 * and get 404, as Kibana's repository does for types whose ids are unique across spaces.
 */
export function createSavedObjectsStore({
  takenElsewhere = [],
}: { takenElsewhere?: string[] } = {}) {
  const store = new Map<string, Stored>();
  const elsewhere = new Set(takenElsewhere);
  const client = {
    create: jest.fn(
      async (
        type: string,
        attributes: Record<string, unknown>,
        options: { id?: string; overwrite?: boolean; references?: Stored['references'] } = {}
      ) => {
        const id = options.id ?? `generated-${store.size}`;
        if (elsewhere.has(`${type}/${id}`) || (store.has(`${type}/${id}`) && !options.overwrite)) {
          throw SavedObjectsErrorHelpers.createConflictError(type, id);
        }
        store.set(`${type}/${id}`, { attributes, references: options.references ?? [] });
        return { id, type, attributes, references: options.references ?? [] };
      }
    ),
    get: jest.fn(async (type: string, id: string) => {
      const stored = store.get(`${type}/${id}`);
      if (!stored) throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      return { id, type, ...stored };
    }),
    bulkGet: jest.fn(async (objects: Array<{ type: string; id: string }>) => ({
      saved_objects: objects.map(({ type, id }) => {
        const stored = store.get(`${type}/${id}`);
        return stored
          ? { id, type, ...stored }
          : {
              id,
              type,
              attributes: {},
              references: [],
              error: {
                statusCode: 404,
                error: 'Not Found',
                message: `Saved object [${type}/${id}] not found`,
              },
            };
      }),
    })),
  };
  const context = {
    core: Promise.resolve({ savedObjects: { client } }),
  } as unknown as RequestHandlerContext;
  return { store, client: client as typeof client & SavedObjectsClientContract, context };
}

/** RouteServices for the saved-views routes: only the request's space is used. */
export function servicesInSpace(spaceId: string) {
  return async () =>
    ({
      space: () => ({ id: spaceId, namespace: spaceId === 'default' ? undefined : spaceId }),
    }) as unknown as RouteServices;
}
