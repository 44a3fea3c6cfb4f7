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
 *   `Unable to <op> <type>` (403) like the security extension; find returns nothing instead.
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
import { latestModelVersion, type SavedObjectTypeRegistry } from './type_registry';
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

export interface RepositoryOptions {
  client: ElasticsearchClient;
  index: string;
  registry: SavedObjectTypeRegistry;
  allowedTypes: Set<string>;
  eso?: EncryptedSavedObjectsService;
  /** Present for scoped clients: checks the user's `saved_object:` privileges. */
  authorize?: Authorizer;
  username?: string;
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

  rawId(type: string, id: string, namespace?: string): string {
    const t = this.options.registry.getType(type);
    const single = t?.namespaceType === 'single';
    return single && namespace && namespace !== 'default'
      ? `${namespace}:${type}:${id}`
      : `${type}:${id}`;
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
      ...(raw.namespaces && { namespaces: raw.namespaces }),
      ...(!raw.namespaces && { namespaces: [raw.namespace ?? 'default'] }),
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
    if (!response.found || !response._source || response._source.type !== type) {
      throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
    }
    return { raw: response._source, seqNo: response._seq_no, primaryTerm: response._primary_term };
  }

  async create<T = unknown>(
    type: string,
    attributes: T,
    options: SavedObjectsCreateOptions = {}
  ): Promise<SavedObject<T>> {
    if (!this.options.allowedTypes.has(type)) {
      throw SavedObjectsErrorHelpers.createUnsupportedTypeError(type);
    }
    await this.authorize(type, 'create');
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
    this.validateCreate(type, attributes);
    const plain = (attributes ?? {}) as Record<string, unknown>;
    const stored = eso
      ? await eso.encryptAttributes({ type, id, namespace: options.namespace }, plain)
      : plain;
    const t = this.options.registry.getType(type)!;
    const now = new Date().toISOString();
    const raw: RawDoc = {
      type,
      [type]: stored,
      references: options.references ?? [],
      ...(t.namespaceType === 'single' &&
        options.namespace &&
        options.namespace !== 'default' && { namespace: options.namespace }),
      ...(t.namespaceType.startsWith('multiple') && {
        namespaces: options.initialNamespaces ?? [options.namespace ?? 'default'],
      }),
      created_at: now,
      updated_at: now,
      ...(this.options.username && {
        created_by: this.options.username,
        updated_by: this.options.username,
      }),
      managed: options.managed ?? false,
      coreMigrationVersion: '8.8.0',
      typeMigrationVersion: `10.${latestModelVersion(t).version}.0`,
    };
    const rawId = this.rawId(type, id, options.namespace);
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
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'get');
    const { raw, seqNo, primaryTerm } = await this.getRaw(type, id, options.namespace);
    return this.toSavedObject<T>(id, raw, seqNo, primaryTerm);
  }

  async bulkGet<T = unknown>(
    objects: SavedObjectsBulkGetObject[],
    options: { namespace?: string } = {}
  ): Promise<SavedObjectsBulkResponse<T>> {
    if (objects.length === 0) return { saved_objects: [] };
    for (const type of new Set(objects.map((o) => o.type))) {
      if (this.options.allowedTypes.has(type)) await this.authorize(type, 'bulk_get');
    }
    const response = await this.options.client.mget<RawDoc>({
      index: this.options.index,
      ids: objects.map((o) => this.rawId(o.type, o.id, options.namespace)),
    });
    return {
      saved_objects: objects.map((object, i) => {
        const doc = response.docs[i];
        const found = doc && 'found' in doc && doc.found && doc._source?.type === object.type;
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
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'update');
    const attempts = options.version ? 1 : 1 + (options.retryOnConflict ?? 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.updateOnce(type, id, attributes, options);
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
    options: SavedObjectsUpdateOptions<T>
  ): Promise<SavedObjectsUpdateResponse<T>> {
    let current: Awaited<ReturnType<SavedObjectsRepository['getRaw']>> | undefined;
    try {
      current = await this.getRaw(type, id, options.namespace);
    } catch (error) {
      if (!SavedObjectsErrorHelpers.isNotFoundError(error as Error) || !options.upsert) throw error;
    }
    if (!current) {
      const created = await this.create<T>(type, options.upsert as T, {
        id,
        namespace: options.namespace,
        references: options.references,
        refresh: options.refresh,
      });
      return { ...created, attributes: created.attributes as Partial<T> };
    }
    const plain = attributes as Record<string, unknown>;
    // Like Kibana's update: the *partial* attributes are encrypted (so an AAD attribute must be
    // passed along with a secret it protects), then merged into the stored ones.
    const encrypted = this.options.eso
      ? await this.options.eso.encryptAttributes({ type, id, namespace: options.namespace }, plain)
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
        id: this.rawId(type, id, options.namespace),
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
    this.assertAllowedOrNotFound(type, id);
    await this.authorize(type, 'delete');
    try {
      await this.options.client.delete({
        index: this.options.index,
        id: this.rawId(type, id, options.namespace),
        refresh: refreshOf(options.refresh),
      });
    } catch (error) {
      if (isEsStatus(error, 404))
        throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      throw error;
    }
    return {};
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

    const filter: estypes.QueryDslQueryContainer[] = [{ terms: { type: types } }];
    const namespaces = options.namespaces ?? ['default'];
    if (!namespaces.includes('*')) {
      filter.push({
        bool: {
          should: [
            { terms: { namespaces: namespaces } },
            ...(namespaces.includes('default')
              ? [{ bool: { must_not: [{ exists: { field: 'namespace' } }] } }]
              : [{ terms: { namespace: namespaces } }]),
          ],
          minimum_should_match: 1,
        },
      });
    }
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
