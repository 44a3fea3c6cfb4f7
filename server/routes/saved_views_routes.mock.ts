import type { RequestHandlerContext, SavedObjectsClientContract } from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';

/* Test double for the saved-views route tests. */

interface Stored {
  attributes: Record<string, unknown>;
  references: Array<{ type: string; id: string; name: string }>;
}

/** Saved objects with ids, references and Kibana's 409 on create without overwrite. */
export function createSavedObjectsStore() {
  const store = new Map<string, Stored>();
  const client = {
    create: jest.fn(
      async (
        type: string,
        attributes: Record<string, unknown>,
        options: { id?: string; overwrite?: boolean; references?: Stored['references'] } = {}
      ) => {
        const id = options.id ?? `generated-${store.size}`;
        if (store.has(`${type}/${id}`) && !options.overwrite) {
          throw SavedObjectsErrorHelpers.createConflictError(type, id);
        }
        store.set(`${type}/${id}`, { attributes, references: options.references ?? [] });
        return { id, type, attributes, references: options.references ?? [] };
      }
    ),
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
