/*
 * Spaces as saved objects and the `spaces` plugin contract, after x-pack/platform/plugins/shared/
 * spaces/server:
 * - default_space/create_default_space.ts (DefaultSpaceService): at start the `default` space is
 *   created if missing (name "Default", "This is your default space!", color #00bfb3,
 *   `_reserved: true`), a conflict from another host ignored;
 * - spaces_client/spaces_client.ts: get/getAll/create/delete over an internal repository that
 *   includes the hidden `space` type; delete refuses a reserved space and first deletes the space's
 *   objects (`repository.deleteByNamespace(id)`);
 * - routes/api/external/{post,get,get_all,delete}.ts: `POST /api/spaces/space` (409 "A space with the
 *   identifier <id> already exists."), `GET /api/spaces/space`, `GET /api/spaces/space/{id}` (404),
 *   `DELETE /api/spaces/space/{id}` (204, 404);
 * - lib/space_schema.ts: the id rule (SPACE_ID_PATTERN) with Kibana's message;
 * - spaces_service/spaces_service.ts: getSpaceId(request), isInDefaultSpace, spaceIdToNamespace,
 *   namespaceToSpaceId.
 * Simplified: the routes are for superusers only (route `requiredPrivileges: ['superuser']`);
 * Kibana gates writes on the `space` manage privilege and filters reads per authorized space.
 */
import type { IRouter, RequestHandlerContext, SavedObject } from '@kbn/core/server';
import type { SpacesPluginSetup, SpacesPluginStart } from '@kbn/spaces-plugin/server';
import { schema } from '../runtime/config_schema';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';
import type { SavedObjectsService } from '../saved_objects/service';
import {
  DEFAULT_SPACE_ID,
  SPACE_ID_PATTERN,
  namespaceToSpaceId,
  spaceIdToNamespace,
} from './namespace';
import { getRequestSpace } from './request_space';
import { SPACE_TYPE, type SpaceAttributes } from './space_type';

export interface Space extends Omit<SpaceAttributes, 'disabledFeatures'> {
  id: string;
  disabledFeatures: string[];
}

export const SPACE_ID_MESSAGE = `must be lower case, a-z, 0-9, '_', and '-' are allowed`;

const DEFAULT_SPACE: SpaceAttributes = {
  name: 'Default',
  description: 'This is your default space!',
  color: '#00bfb3',
  disabledFeatures: [],
  _reserved: true,
};

function toSpace(so: SavedObject<SpaceAttributes>): Space {
  return { id: so.id, ...so.attributes, disabledFeatures: so.attributes.disabledFeatures ?? [] };
}

export class SpacesService {
  constructor(private readonly savedObjects: SavedObjectsService) {
    savedObjects.listSpaceIds = async () => (await this.getAll()).map((s) => s.id);
  }

  private repository() {
    return this.savedObjects.internalRepository([SPACE_TYPE]);
  }

  /** DefaultSpaceService: create `default` unless it exists. */
  async start(): Promise<void> {
    if (await this.exists(DEFAULT_SPACE_ID)) return;
    try {
      await this.repository().create(SPACE_TYPE, DEFAULT_SPACE, { id: DEFAULT_SPACE_ID });
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isConflictError(error as Error)) throw error;
    }
  }

  /** For the HTTP server: `/s/<id>/…` of an unknown space is a 404. */
  async exists(id: string): Promise<boolean> {
    try {
      await this.get(id);
      return true;
    } catch (error) {
      if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<Space> {
    return toSpace(await this.repository().get<SpaceAttributes>(SPACE_TYPE, id));
  }

  async getAll(): Promise<Space[]> {
    const found = await this.repository().find<SpaceAttributes>({
      type: SPACE_TYPE,
      perPage: 1000,
      sortField: 'name.keyword',
    });
    return found.saved_objects.map(toSpace);
  }

  async create(space: Space): Promise<Space> {
    const { id, ...attributes } = space;
    return toSpace(await this.repository().create<SpaceAttributes>(SPACE_TYPE, attributes, { id }));
  }

  async delete(id: string): Promise<void> {
    const existing = await this.get(id);
    if (existing._reserved) {
      throw SavedObjectsErrorHelpers.createBadRequestError(
        `The ${id} space cannot be deleted because it is reserved.`
      );
    }
    await this.repository().deleteByNamespace(id);
    await this.repository().delete(SPACE_TYPE, id);
  }

  setupContract(): SpacesPluginSetup {
    return {
      spacesService: {
        getSpaceId: (request) => getRequestSpace(request),
        spaceIdToNamespace,
        namespaceToSpaceId,
      },
    };
  }

  startContract(): SpacesPluginStart {
    return {
      spacesService: {
        getSpaceId: (request) => getRequestSpace(request),
        isInDefaultSpace: (request) => getRequestSpace(request) === DEFAULT_SPACE_ID,
        spaceIdToNamespace,
        namespaceToSpaceId,
      },
    };
  }

  registerRoutes(router: IRouter<RequestHandlerContext>): void {
    const security = { authz: { requiredPrivileges: ['superuser'] } };
    const idSchema = schema.string({
      validate: (value: string) => (SPACE_ID_PATTERN.test(value) ? undefined : SPACE_ID_MESSAGE),
    });
    router.post(
      {
        path: '/api/spaces/space',
        validate: {
          body: schema.object({
            id: idSchema,
            name: schema.string({ minLength: 1 }),
            description: schema.maybe(schema.string()),
            initials: schema.maybe(schema.string({ maxLength: 2 })),
            color: schema.maybe(schema.string()),
            disabledFeatures: schema.arrayOf(schema.string(), { defaultValue: [] }),
            imageUrl: schema.maybe(schema.string()),
          }),
        },
        security,
        options: { access: 'public' },
      },
      async (_context, request, response) => {
        try {
          return response.ok({ body: await this.create(request.body) });
        } catch (error) {
          if (SavedObjectsErrorHelpers.isConflictError(error as Error)) {
            return response.conflict({
              body: { message: `A space with the identifier ${request.body.id} already exists.` },
            });
          }
          throw error;
        }
      }
    );
    router.get(
      { path: '/api/spaces/space', validate: false, security, options: { access: 'public' } },
      async (_context, _request, response) => response.ok({ body: await this.getAll() })
    );
    router.get(
      {
        path: '/api/spaces/space/{id}',
        validate: { params: schema.object({ id: schema.string() }) },
        security,
        options: { access: 'public' },
      },
      async (_context, request, response) => {
        try {
          return response.ok({ body: await this.get(request.params.id) });
        } catch (error) {
          if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return response.notFound();
          throw error;
        }
      }
    );
    router.delete(
      {
        path: '/api/spaces/space/{id}',
        validate: { params: schema.object({ id: schema.string() }) },
        security,
        options: { access: 'public' },
      },
      async (_context, request, response) => {
        try {
          await this.delete(request.params.id);
          return response.noContent();
        } catch (error) {
          if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return response.notFound();
          if (SavedObjectsErrorHelpers.isBadRequestError(error as Error)) {
            return response.badRequest({ body: { message: (error as Error).message } });
          }
          throw error;
        }
      }
    );
  }
}
