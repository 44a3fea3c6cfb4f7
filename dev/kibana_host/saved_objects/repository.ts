/*
 * A saved-objects repository over a real ES index, the subset of Kibana's
 * (src/core/packages/saved-objects/api-server-internal/src/lib/repository.ts and apis/*.ts):
 * raw ids `<type>:<id>` (or `<namespace>:<type>:<id>`), attributes under the type's name,
 * `version` = seq_no/primary_term with optimistic concurrency, Kibana's error helpers (404/409/400),
 * hidden types reachable only when included, uuid v4 ids, the latest model version's `create` schema
 * applied on create, and the encryption/security extensions:
 * - encryption (ESO): attributes encrypted on create/update, stripped on read; predefined non-UUID
 *   ids refused unless overwriting with a version (repository `getValidId`);
 * - security: a scoped repository checks `saved_object:<type>/<operation>` as the user and throws
 *   `Unable to <op> <type>` (403) like the security extension; find returns nothing instead;
 * - namespaces (serializer.ts generateRawId, apis/utils/internal_utils.ts rawDocExistsInNamespace(s)
 *   and getSavedObjectFromSource, apis/{create,get,bulk_get,update,delete,find,delete_by_namespace}.ts,
 *   apis/internals/preflight_check_for_create.ts): only `single` types get a `<namespace>:` raw-id
 *   prefix and a `namespace` root field; `multiple`/`multiple-isolated` store `namespaces` and are
 *   checked against it (found but not in the namespace → 404, create of an id taken in another
 *   space → 409); agnostic types have no namespace and answer `namespaces: []`;
 * - spaces extension (x-pack spaces saved_objects/saved_objects_spaces_extension.ts): a scoped
 *   repository acts in the request's space, refuses an explicit `namespace` option, and `find`
 *   searches the active space unless `namespaces` is given (filtered to the spaces the user may see).
 */
import { randomUUID } from 'node:crypto';
import { errors as esErrors, type estypes } from '@elastic/elasticsearch';
import type {
  ElasticsearchClient,
  ISavedObjectsRepository,
  SavedObject,
  SavedObjectsBulkGetObject,
  SavedObjectsBulkResponse,
  SavedObjectsCreateOptions,
  SavedObjectsDeleteOptions,
  SavedObjectsFindOptions,
  SavedObjectsFindResponse,
  SavedObjectsFindResult,
  SavedObjectsUpdateOptions,
  SavedObjectsUpdateResponse,
  MutatingOperationRefreshSetting,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';
import { ValidationError } from '../runtime/config_schema';
import type { EncryptedSavedObjectsService } from '../eso/encryption';
import { getDescriptorNamespace } from '../eso/get_descriptor_namespace';
import {
  ALL_NAMESPACES_STRING,
  namespaceIdToString,
  normalizeNamespace,
  spaceIdToNamespace,
} from '../spaces/namespace';
import {
  latestModelVersion,
  modelVersionToVirtualVersion,
  type SavedObjectTypeRegistry,
} from './type_registry';
import { decodeVersion, encodeVersion } from './version';

/** Stored document body. */
export interface RawDoc {
  type: string;
  namespace?: string;
  namespaces?: string[];
  references?: SavedObject['references'];
  created_at?: string;
  updated_at?: string;
  created_by?: string;
  updated_by?: string;
  managed?: boolean;
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
  originId?: string;
  [type: string]: unknown;
}

export type Authorizer = (type: string, operation: string) => Promise<boolean>;

/**
 * The spaces extension of a scoped repository (saved_objects_spaces_extension.ts):
 * `activeSpaceId` is the request's space; `getSearchableSpaces` lists the spaces `find` may
 * search for `namespaces: ['*']` and filters explicitly named ones (Kibana: spacesClient.getAll
 * with purpose `findSavedObjects`).
 */
export interface SpacesExtension {
  activeSpaceId: string;
  getSearchableSpaces: () => Promise<string[]>;
}

/** The message of the spaces extension's getCurrentNamespace (a plain Error: a 500 if uncaught). */
export const NAMESPACE_SPECIFIED_WITH_SPACES_MESSAGE =
  'Namespace cannot be specified by the caller when the spaces extension is enabled. Spaces currently determines the namespace.';

export interface RepositoryOptions {
  client: ElasticsearchClient;
  index: string;
  registry: SavedObjectTypeRegistry;
  allowedTypes: Set<string>;
  eso?: EncryptedSavedObjectsService;
  /** Present for scoped clients: checks the user's `saved_object:` privileges. */
  authorize?: Authorizer;
  username?: string;
  /** Present for scoped clients (and only when the host provides spaces, i.e. always here). */
  spaces?: SpacesExtension;
}

// SavedObjectsUtils.isRandomId (uuid v1–v5).
const isRandomId = (id: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id);

const isEsStatus = (error: unknown, status: number) =>
  error instanceof esErrors.ResponseError && error.statusCode === status;

const refreshOf = (refresh: MutatingOperationRefreshSetting | undefined) =>
  refresh === undefined ? true : refresh;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** mergeForUpdate: nested plain objects are merged, everything else replaced. */
function mergeAttributes(target: Record<string, unknown>, update: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(update)) {
    out[key] =
      isPlainObject(value) && isPlainObject(out[key])
        ? mergeAttributes(out[key] as Record<string, unknown>, value)
        : value;
  }
  return out;
}

export class SavedObjectsRepository implements ISavedObjectsRepository {
  constructor(private readonly options: RepositoryOptions) {}

  /** serializer.ts generateRawId: `<namespace>:` only for single-namespace types. */
  rawId(type: string, id: string, namespace?: string): string {
    const ns = normalizeNamespace(namespace);
    return this.options.registry.isSingleNamespace(type) && ns
      ? `${ns}:${type}:${id}`
      : `${type}:${id}`;
  }

  /**
   * commonHelper.getCurrentNamespace: with the spaces extension the request's space (an explicit
   * namespace is refused), without it the option, normalized.
   */
  currentNamespace(namespace?: string): string | undefined {
    const spaces = this.options.spaces;
    if (spaces) {
      if (namespace) throw new Error(NAMESPACE_SPECIFIED_WITH_SPACES_MESSAGE);
      return spaceIdToNamespace(spaces.activeSpaceId);
    }
    return normalizeNamespace(namespace);
  }

  /** internal_utils.ts rawDocExistsInNamespaces (one namespace: rawDocExistsInNamespace). */
  existsInNamespaces(raw: RawDoc, namespaces: string[]): boolean {
    if (!this.options.registry.isMultiNamespace(raw.type)) return true;
    const existing = raw.namespaces ?? [];
    if (namespaces.length === 0 || existing.length === 0) return false;
    if (namespaces.includes(ALL_NAMESPACES_STRING)) return true;
    return existing.some((x) => x === ALL_NAMESPACES_STRING || namespaces.includes(x));
  }

  private descriptor(type: string, id: string, namespace?: string | string[]) {
    return { type, id, namespace: getDescriptorNamespace(this.options.registry, type, namespace) };
  }

  private async authorize(type: string, operation: string) {
    if (this.options.authorize && !(await this.options.authorize(type, operation))) {
      throw SavedObjectsErrorHelpers.decorateForbiddenError(
        new Error(`Unable to ${operation} ${type}`)
      );
    }
  }

  private assertAllowedOrNotFound(type: string, id: string) {
    if (!this.options.allowedTypes.has(type)) {
      throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
    }
  }

  private toSavedObject<T>(
    id: string,
    raw: RawDoc,
    seqNo: number | undefined,
    primaryTerm: number | undefined,
    originalAttributes?: Record<string, unknown>
  ): SavedObject<T> {
    const attributes = (raw[raw.type] ?? {}) as Record<string, unknown>;
    const stripped = this.options.eso
      ? this.options.eso.stripAttributes(raw.type, attributes, originalAttributes)
      : attributes;
    return {
      id,
      type: raw.type,
      // getSavedObjectFromSource: agnostic → [], otherwise the stored array or [namespace].
      namespaces: this.options.registry.isNamespaceAgnostic(raw.type)
        ? []
        : (raw.namespaces ?? [namespaceIdToString(raw.namespace)]),
      ...(raw.updated_at && { updated_at: raw.updated_at }),
      ...(raw.created_at && { created_at: raw.created_at }),
      ...(raw.created_by && { created_by: raw.created_by }),
      ...(raw.updated_by && { updated_by: raw.updated_by }),
      ...(seqNo !== undefined &&
        primaryTerm !== undefined && {
          version: encodeVersion(seqNo, primaryTerm),
        }),
      attributes: stripped as T,
      references: raw.references ?? [],
      managed: raw.managed ?? false,
      coreMigrationVersion: raw.coreMigrationVersion,
      typeMigrationVersion: raw.typeMigrationVersion,
      ...(raw.originId && { originId: raw.originId }),
    };
  }

  private validateCreate(type: string, attributes: unknown) {
    const t = this.options.registry.getType(type);
    const create = t ? latestModelVersion(t).definition?.schemas?.create : undefined;
    if (!create) return;
    try {
      create.validate(attributes, {}, 'attributes');
    } catch (error) {
      if (error instanceof ValidationError) {
        throw SavedObjectsErrorHelpers.createBadRequestError(error.message);
      }
      throw error;
    }
  }

  /** The stored document, without stripping (the ESO client decrypts it). */
  async getRaw(
    type: string,
    id: string,
    namespace?: string
  ): Promise<{ raw: RawDoc; seqNo?: number; primaryTerm?: number }> {
    this.assertAllowedOrNotFound(type, id);
    let response: estypes.GetResponse<RawDoc>;
    try {
      response = await this.options.client.get<RawDoc>({
        index: this.options.index,
        id: this.rawId(type, id, namespace),
      });
    } catch (error) {
      if (isEsStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      throw error;
    }
    if (
      !response.found ||
      !response._source ||
      response._source.type !== type ||
      !this.existsInNamespaces(response._source, [
        namespaceIdToString(normalizeNamespace(namespace)),
      ])
    ) {
      throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
    }
    return { raw: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
  }

  /** validation helper validateInitialNamespaces (api-server-internal apis/helpers/validation.ts). */
  private validateInitialNamespaces(type: string, initialNamespaces?: string[]) {
    if (!initialNamespaces) return;
    const registry = this.options.registry;
    if (registry.isNamespaceAgnostic(type)) {
      throw SavedObjectsErrorHelpers.createBadRequestError(
        '"initialNamespaces" cannot be used on space-agnostic types'
      );
    } else if (!initialNamespaces.length) {
      throw SavedObjectsErrorHelpers.createBadRequestError(
        '"initialNamespaces" must be a non-empty array of strings'
      );
    } else if (
      !registry.isShareable(type) &&
      (initialNamespaces.length > 1 || initialNamespaces.includes(ALL_NAMESPACES_STRING))
    ) {
      throw SavedObjectsErrorHelpers.createBadRequestError(
        '"initialNamespaces" can only specify a single space when used with space-isolated types'
      );
    }
  }

  async create<T = unknown>(
    type: string,
    attributes: T,
    options: SavedObjectsCreateOptions = {}
  ): Promise<SavedObject<T>> {
    const namespace = this.currentNamespace(options.namespace);
    if (!this.options.allowedTypes.has(type)) {
      throw SavedObjectsErrorHelpers.createUnsupportedTypeError(type);
    }
    const eso = this.options.eso;
    let id = options.id;
    if (eso?.isRegistered(type) && eso.shouldEnforceRandomId(type) && id) {
      if (!((options.overwrite && options.version) || isRandomId(id))) {
        throw SavedObjectsErrorHelpers.createBadRequestError(
          'Predefined IDs are not allowed for saved objects with encrypted attributes unless the ID is a UUID.'
        );
      }
    }
    id ??= randomUUID();
    const { initialNamespaces } = options;
    this.validateInitialNamespaces(type, initialNamespaces);
    const registry = this.options.registry;

    // create.ts: single → `namespace` (the first initial namespace, or the current one); multi →
    // `namespaces`, after preflightCheckForCreate when an id is given (an existing object outside
    // these namespaces is an unresolvable conflict, inside them a conflict unless overwriting, and
    // an overwrite keeps its namespaces).
    let savedObjectNamespace: string | undefined;
    let savedObjectNamespaces: string[] | undefined;
    let existingOriginId: string | undefined;
    let conflict = false;
    if (registry.isSingleNamespace(type)) {
      savedObjectNamespace = initialNamespaces
        ? normalizeNamespace(initialNamespaces[0])
        : namespace;
    } else if (registry.isMultiNamespace(type)) {
      let existing: RawDoc | undefined;
      if (options.id) {
        const found = await this.options.client.get<RawDoc>(
          { index: this.options.index, id: this.rawId(type, id) },
          { ignore: [404] }
        );
        if (found.found && found._source?.type === type) {
          existing = found._source;
          const namespaces = initialNamespaces ?? [namespaceIdToString(namespace)];
          conflict = !this.existsInNamespaces(existing, namespaces) || !options.overwrite;
        }
      }
      savedObjectNamespaces = initialNamespaces ??
        existing?.namespaces ?? [namespaceIdToString(namespace)];
      existingOriginId = existing?.originId;
    }
    // After authorization, as Kibana does (a 403 wins over the conflict).
    await this.authorize(type, 'create');
    if (conflict) throw SavedObjectsErrorHelpers.createConflictError(type, id);

    this.validateCreate(type, attributes);
    const plain = (attributes ?? {}) as Record<string, unknown>;
    // Encrypted with savedObjectNamespace: set for single-namespace types only (create.ts).
    const stored = eso
      ? await eso.encryptAttributes(this.descriptor(type, id, savedObjectNamespace), plain)
      : plain;
    const t = registry.getType(type)!;
    const now = new Date().toISOString();
    const originId = existingOriginId;
    const raw: RawDoc = {
      type,
      [type]: stored,
      references: options.references ?? [],
      ...(savedObjectNamespace && { namespace: savedObjectNamespace }),
      ...(savedObjectNamespaces && { namespaces: savedObjectNamespaces }),
      ...(originId && { originId }),
      created_at: now,
      updated_at: now,
      ...(this.options.username && {
        created_by: this.options.username,
        updated_by: this.options.username,
      }),
      managed: options.managed ?? false,
      coreMigrationVersion: '8.8.0',
      typeMigrationVersion: modelVersionToVirtualVersion(latestModelVersion(t).version),
    };
    const rawId = this.rawId(type, id, savedObjectNamespace);
    let result: estypes.WriteResponseBase;
    try {
      result = await this.options.client.index({
        index: this.options.index,
        id: rawId,
        document: raw,
        op_type: options.overwrite ? 'index' : 'create',
        ...(options.overwrite && options.version && decodeVersion(options.version)),
        refresh: refreshOf(options.refresh),
      });
    } catch (error) {
      if (isEsStatus(error, 409)) throw SavedObjectsErrorHelpers.createConflictError(type, id);
      throw error;
    }
    return this.toSavedObject<T>(id, raw, result._seq_no, result._primary_term, plain);
  }

  async get<T = unknown>(
    type: string,
    id: string,
    options: { namespace?: string } = {}
  ): Promise<SavedObject<T>> {
    const namespace = this.currentNamespace(options.namespace);
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'get');
    const { raw, seqNo, primaryTerm } = await this.getRaw(type, id, namespace);
    return this.toSavedObject<T>(id, raw, seqNo, primaryTerm);
  }

  async bulkGet<T = unknown>(
    objects: SavedObjectsBulkGetObject[],
    options: { namespace?: string } = {}
  ): Promise<SavedObjectsBulkResponse<T>> {
    const namespace = this.currentNamespace(options.namespace);
    if (objects.length === 0) return { saved_objects: [] };
    for (const type of new Set(objects.map((o) => o.type))) {
      if (this.options.allowedTypes.has(type)) await this.authorize(type, 'bulk_get');
    }
    const registry = this.options.registry;
    // bulk_get.ts: `namespaces` per object only for multi-namespace types; a single-namespace
    // object is looked up under its (first) namespace, otherwise the current one.
    const lookups = objects.map((object) => {
      if (object.namespaces && registry.isNamespaceAgnostic(object.type)) {
        return {
          object,
          error: SavedObjectsErrorHelpers.createBadRequestError(
            '"namespaces" cannot be used on space-agnostic types'
          ),
        };
      }
      const namespaces = object.namespaces ?? [namespaceIdToString(namespace)];
      const rawNamespace = registry.isSingleNamespace(object.type)
        ? normalizeNamespace(namespaces[0] === ALL_NAMESPACES_STRING ? undefined : namespaces[0])
        : undefined;
      return { object, namespaces, rawId: this.rawId(object.type, object.id, rawNamespace) };
    });
    const ids = lookups.flatMap((l) => (l.rawId ? [l.rawId] : []));
    const response = ids.length
      ? await this.options.client.mget<RawDoc>({ index: this.options.index, ids })
      : { docs: [] };
    let next = 0;
    return {
      saved_objects: lookups.map((lookup) => {
        const { object } = lookup;
        if (lookup.error) {
          return {
            id: object.id,
            type: object.type,
            error: lookup.error.output.payload,
          } as unknown as SavedObject<T>;
        }
        const doc = response.docs[next++];
        const found =
          doc &&
          'found' in doc &&
          doc.found &&
          doc._source?.type === object.type &&
          this.existsInNamespaces(doc._source, lookup.namespaces!);
        if (!found || !this.options.allowedTypes.has(object.type)) {
          const error = SavedObjectsErrorHelpers.createGenericNotFoundError(object.type, object.id);
          return {
            id: object.id,
            type: object.type,
            error: error.output.payload,
          } as unknown as SavedObject<T>;
        }
        const so = this.toSavedObject<T>(object.id, doc._source!, doc._seq_no, doc._primary_term);
        if (object.fields) {
          const attributes = so.attributes as Record<string, unknown>;
          so.attributes = Object.fromEntries(
            object.fields.filter((f) => f in attributes).map((f) => [f, attributes[f]])
          ) as T;
        }
        return so;
      }),
    };
  }

  async update<T = unknown>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options: SavedObjectsUpdateOptions<T> = {}
  ): Promise<SavedObjectsUpdateResponse<T>> {
    // Resolved once: updateOnce (and an upsert's create) work on the internal namespace.
    const namespace = this.currentNamespace(options.namespace);
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'update');
    const attempts = options.version ? 1 : 1 + (options.retryOnConflict ?? 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.updateOnce(type, id, attributes, options, namespace);
      } catch (error) {
        if (!SavedObjectsErrorHelpers.isConflictError(error as Error) || attempt >= attempts) {
          throw error;
        }
      }
    }
  }

  private async updateOnce<T>(
    type: string,
    id: string,
    attributes: Partial<T>,
    options: SavedObjectsUpdateOptions<T>,
    namespace: string | undefined
  ): Promise<SavedObjectsUpdateResponse<T>> {
    let current: Awaited<ReturnType<SavedObjectsRepository['getRaw']>> | undefined;
    try {
      current = await this.getRaw(type, id, namespace);
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error) || !options.upsert) throw error;
      // update.ts: an object found outside the namespace is a 404 even with `upsert`.
      if (this.options.registry.isMultiNamespace(type)) {
        const other = await this.options.client.get<RawDoc>(
          { index: this.options.index, id: this.rawId(type, id) },
          { ignore: [404] }
        );
        if (other.found && other._source?.type === type) throw error;
      }
    }
    if (!current) {
      // The upsert is created in the same namespace, by a repository without the spaces
      // extension (the namespace was resolved above).
      const created = await new SavedObjectsRepository({
        ...this.options,
        spaces: undefined,
      }).create<T>(type, options.upsert as T, {
        id,
        namespace,
        references: options.references,
        refresh: options.refresh,
      });
      return { ...created, attributes: created.attributes as Partial<T> };
    }
    const plain = attributes as Record<string, unknown>;
    // Like Kibana's update: the *partial* attributes are encrypted (so an AAD attribute must be
    // passed along with a secret it protects), then merged into the stored ones.
    const encrypted = this.options.eso
      ? await this.options.eso.encryptAttributes(this.descriptor(type, id, namespace), plain)
      : plain;
    const previous = (current.raw[type] ?? {}) as Record<string, unknown>;
    const merged =
      options.mergeAttributes === false ? encrypted : mergeAttributes(previous, encrypted);
    const now = new Date().toISOString();
    const raw: RawDoc = {
      ...current.raw,
      [type]: merged,
      ...(options.references && { references: options.references }),
      updated_at: now,
      ...(this.options.username && { updated_by: this.options.username }),
    };
    const concurrency = options.version
      ? decodeVersion(options.version)
      : { if_seq_no: current.seqNo, if_primary_term: current.primaryTerm };
    let result: estypes.WriteResponseBase;
    try {
      result = await this.options.client.index({
        index: this.options.index,
        id: this.rawId(type, id, namespace),
        document: raw,
        ...concurrency,
        refresh: refreshOf(options.refresh),
      });
    } catch (error) {
      if (isEsStatus(error, 409)) throw SavedObjectsErrorHelpers.createConflictError(type, id);
      throw error;
    }
    const so = this.toSavedObject<T>(
      id,
      { ...raw, [type]: encrypted },
      result._seq_no,
      result._primary_term,
      plain
    );
    return { ...so, attributes: so.attributes as Partial<T>, references: raw.references };
  }

  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the declared return type
  async delete(type: string, id: string, options: SavedObjectsDeleteOptions = {}): Promise<{}> {
    const namespace = this.currentNamespace(options.namespace);
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'delete');
    const rawId = this.rawId(type, id, namespace);
    let concurrency: { if_seq_no?: number; if_primary_term?: number } = {};
    if (this.options.registry.isMultiNamespace(type)) {
      // delete.ts preflightCheckNamespaces: 404 outside the namespace; an object in several
      // spaces needs `force`.
      const { raw, seqNo, primaryTerm } = await this.getRaw(type, id, namespace);
      const existing = raw.namespaces ?? [];
      if (!options.force && (existing.length > 1 || existing.includes(ALL_NAMESPACES_STRING))) {
        throw SavedObjectsErrorHelpers.createBadRequestError(
          'Unable to delete saved object that exists in multiple namespaces, use the `force` option to delete it anyway'
        );
      }
      concurrency = { if_seq_no: seqNo, if_primary_term: primaryTerm };
    }
    try {
      await this.options.client.delete({
        index: this.options.index,
        id: rawId,
        ...concurrency,
        refresh: refreshOf(options.refresh),
      });
    } catch (error) {
      if (isEsStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      if (isEsStatus(error, 409)) throw SavedObjectsErrorHelpers.createConflictError(type, id);
      throw error;
    }
    return {};
  }

  /**
   * apis/delete_by_namespace.ts: every non-agnostic object of the namespace — single-namespace
   * documents are deleted, multi-namespace ones lose the namespace and are deleted when none is
   * left. Kibana runs one `_update_by_query` with a painless script; the test cluster has no
   * reindex module, so this searches and writes the same outcome with `_bulk`. Internal only
   * (Kibana's spaces client calls it when a space is deleted). Returns the number of documents
   * deleted or updated.
   */
  async deleteByNamespace(namespace: string): Promise<{ deleted: number; updated: number }> {
    if (!namespace || typeof namespace !== 'string' || namespace === ALL_NAMESPACES_STRING) {
      throw new TypeError('namespace is required, and must be a string that is not equal to *');
    }
    const registry = this.options.registry;
    const types = registry
      .getAllTypes()
      .map((t) => t.name)
      .filter((t) => !registry.isNamespaceAgnostic(t));
    let deleted = 0;
    let updated = 0;
    for (;;) {
      const response = await this.options.client.search<RawDoc>({
        index: this.options.index,
        size: 500,
        seq_no_primary_term: true,
        query: {
          bool: {
            filter: [
              { terms: { type: types } },
              {
                bool: {
                  should: [{ term: { namespace } }, { term: { namespaces: namespace } }],
                  minimum_should_match: 1,
                },
              },
            ],
          },
        },
      });
      const hits = response.hits.hits;
      if (hits.length === 0) break;
      const operations: estypes.BulkRequest['operations'] = [];
      for (const hit of hits) {
        const source = hit._source!;
        const concurrency = { if_seq_no: hit._seq_no, if_primary_term: hit._primary_term };
        const remaining = source.namespaces?.filter((ns) => ns !== namespace);
        if (!remaining || remaining.length === 0) {
          operations.push({
            delete: { _index: this.options.index, _id: hit._id!, ...concurrency },
          });
          deleted++;
        } else {
          operations.push(
            { index: { _index: this.options.index, _id: hit._id!, ...concurrency } },
            { ...source, namespaces: remaining }
          );
          updated++;
        }
      }
      // conflicts: 'proceed' — a document changed meanwhile is picked up by the next search.
      await this.options.client.bulk({ operations, refresh: true });
    }
    return { deleted, updated };
  }

  async find<T = unknown, A = unknown>(
    options: SavedObjectsFindOptions
  ): Promise<SavedObjectsFindResponse<T, A>> {
    const page = options.page ?? 1;
    const perPage = options.perPage ?? 20;
    const empty = { saved_objects: [], total: 0, per_page: perPage, page };
    const requested = ([] as string[]).concat(options.type);
    const types: string[] = [];
    for (const type of requested.filter((t) => this.options.allowedTypes.has(t))) {
      if (!this.options.authorize || (await this.options.authorize(type, 'find'))) types.push(type);
    }
    if (types.length === 0) return empty;

    // find.ts: with the spaces extension getSearchableNamespaces (none given → the active space;
    // '*' → every searchable space; names → those that are searchable); without it the option,
    // default space by default. An empty list finds nothing.
    let namespaces: string[];
    const spaces = this.options.spaces;
    if (spaces) {
      if (!options.namespaces) namespaces = [spaces.activeSpaceId];
      else if (!options.namespaces.length) namespaces = [];
      else {
        const searchable = await spaces.getSearchableSpaces();
        namespaces = options.namespaces.includes(ALL_NAMESPACES_STRING)
          ? searchable
          : options.namespaces.filter((ns) => searchable.includes(ns));
      }
    } else {
      namespaces = options.namespaces ?? [namespaceIdToString(undefined)];
    }
    if (namespaces.length === 0) return empty;
    const filter: estypes.QueryDslQueryContainer[] = [
      namespacesFilter(this.options.registry, types, namespaces),
    ];
    const must: estypes.QueryDslQueryContainer[] = [];
    if (options.search) {
      must.push({
        simple_query_string: {
          query: options.search,
          default_operator: options.defaultSearchOperator ?? 'OR',
          ...(options.searchFields && {
            fields: types.flatMap((t) => options.searchFields!.map((f) => `${t}.${f}`)),
          }),
        },
      });
    }
    if (options.filter) filter.push(...parseKueryFilter(options.filter, types));
    const refs = options.hasReference
      ? ([] as Array<{ type: string; id: string }>).concat(options.hasReference)
      : [];
    if (refs.length) {
      const clauses = refs.map((r) => ({
        nested: {
          path: 'references',
          query: {
            bool: {
              filter: [
                { term: { 'references.id': r.id } },
                { term: { 'references.type': r.type } },
              ],
            },
          },
        },
      }));
      filter.push(
        options.hasReferenceOperator === 'AND'
          ? { bool: { filter: clauses } }
          : { bool: { should: clauses, minimum_should_match: 1 } }
      );
    }
    const ROOT_FIELDS = new Set(['type', 'updated_at', 'created_at', 'namespace', 'namespaces']);
    const sortField = options.sortField;
    const sort: estypes.Sort | undefined = sortField
      ? [
          {
            [ROOT_FIELDS.has(sortField) ? sortField : `${types[0]}.${sortField}`]: {
              order: options.sortOrder ?? 'asc',
              unmapped_type: 'keyword',
            },
          },
        ]
      : undefined;
    const response = await this.options.client.search<RawDoc>({
      index: this.options.index,
      from: (page - 1) * perPage,
      size: perPage,
      seq_no_primary_term: true,
      track_total_hits: true,
      query: { bool: { filter, must } },
      ...(sort && { sort }),
    });
    const total =
      typeof response.hits.total === 'number'
        ? response.hits.total
        : (response.hits.total?.value ?? 0);
    return {
      ...empty,
      total,
      saved_objects: response.hits.hits.map((hit) => {
        const raw = hit._source!;
        const id = hit._id!.slice(hit._id!.indexOf(`${raw.type}:`) + raw.type.length + 1);
        const so = this.toSavedObject<T>(id, raw, hit._seq_no, hit._primary_term);
        if (options.fields) {
          const attributes = so.attributes as Record<string, unknown>;
          so.attributes = Object.fromEntries(
            options.fields.filter((f) => f in attributes).map((f) => [f, attributes[f]])
          ) as T;
        }
        const result: SavedObjectsFindResult<T> = { ...so, score: hit._score ?? 0, sort: hit.sort };
        return result;
      }),
    };
  }
}

/**
 * search_dsl/query_params.ts getClauseForType: per type, agnostic → any document; single →
 * `namespace` (none for the default space); multi → `namespaces` (or `'*'` stored). `'*'` asked
 * for → no namespace condition.
 */
function namespacesFilter(
  registry: SavedObjectTypeRegistry,
  types: string[],
  namespaces: string[]
): estypes.QueryDslQueryContainer {
  const all = namespaces.includes(ALL_NAMESPACES_STRING);
  const ids = namespaces.map((ns) =>
    normalizeNamespace(ns === ALL_NAMESPACES_STRING ? undefined : ns)
  );
  const clauses = types.map((type): estypes.QueryDslQueryContainer => {
    const must: estypes.QueryDslQueryContainer[] = [{ term: { type } }];
    if (!all && registry.isMultiNamespace(type)) {
      must.push({ terms: { namespaces: [...namespaces, ALL_NAMESPACES_STRING] } });
    } else if (!all && registry.isSingleNamespace(type)) {
      const named = ids.filter((ns): ns is string => ns !== undefined);
      must.push({
        bool: {
          should: [
            ...(named.length ? [{ terms: { namespace: named } }] : []),
            ...(ids.includes(undefined)
              ? [{ bool: { must_not: [{ exists: { field: 'namespace' } }] } }]
              : []),
          ],
          minimum_should_match: 1,
        },
      });
    }
    return { bool: { must } };
  });
  return { bool: { should: clauses, minimum_should_match: 1 } };
}

/**
 * A tiny KQL subset for `filter`: `<type>.attributes.<field>: <value>` (or a root field such as
 * `<type>.updated_at`) clauses joined with `and`. Kibana parses full KQL (@kbn/es-query); anything
 * else is refused as a 400 rather than silently mis-read.
 */
export function parseKueryFilter(
  filter: string,
  types: string[]
): estypes.QueryDslQueryContainer[] {
  return filter.split(/\s+and\s+/i).map((clause) => {
    const match = /^\s*([\w.-]+)\s*:\s*(?:"([^"]*)"|([^\s"]+))\s*$/.exec(clause);
    if (!match) {
      throw SavedObjectsErrorHelpers.createBadRequestError(`Unsupported filter: ${clause}`);
    }
    const [, path, quoted, bare] = match;
    const [type, ...rest] = path.split('.');
    if (!types.includes(type)) {
      throw SavedObjectsErrorHelpers.createBadRequestError(
        `This type ${type} is not allowed: Bad Request`
      );
    }
    const field = rest[0] === 'attributes' ? `${type}.${rest.slice(1).join('.')}` : rest.join('.');
    const value = quoted ?? bare;
    return { match: { [field]: value } };
  });
}
