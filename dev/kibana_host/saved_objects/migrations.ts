/*
 * Model-version migrations at start-up, before any plugin `start` (Kibana's v2 migrations block
 * start the same way). Imitates:
 * - migration-server-internal/src/document_migrator/model_version.ts (getModelVersionTransforms,
 *   convertModelVersionTransformFn: context `{ log, modelVersion, namespaceType }`, a throwing
 *   transform becomes TransformSavedObjectDocumentError "Migration function for version
 *   10.<n>.0 threw an error");
 * - base-server-internal/src/model_version/build_transform_fn.ts (the changes of one model version
 *   chained in order: `data_backfill` → lodash.merge of the returned attributes, `data_removal` →
 *   lodash.unset of each path, `unsafe_transform` → `change.transformFn(typeSafeGuard)`, where
 *   typeSafeGuard is an identity cast (Kibana ≥ 9.1, elastic/kibana#222973); mappings changes
 *   transform nothing);
 * - the serializer (base-server-internal/src/serialization/serializer.ts rawToSavedObject with
 *   `namespaceTreatment: 'lax'`, savedObjectToRaw, generateRawId): the transform gets Kibana's
 *   SavedObjectUnsanitizedDoc (server/src/serialization.ts) and the result is written back with
 *   `namespace` only for single-namespace types, `namespaces` only for multi-namespace ones, under
 *   the raw id those give (the old document removed when the id changed);
 * - migration failure: every transform error is collected and nothing is written, then start-up
 *   fails with "Unable to complete saved object migrations for the [<index>] index: Migrations
 *   failed. Reason: N transformation errors were encountered: …" (model_version / actions).
 * Documents whose `typeMigrationVersion` is the latest are left alone, so a second start changes
 * nothing. Encrypted attributes are carried as stored (Kibana migrates ciphertext unchanged unless a
 * type uses ESO's createModelVersion, which this host does not provide).
 */
import type { estypes } from '@elastic/elasticsearch';
import type {
  ElasticsearchClient,
  Logger,
  SavedObjectModelTransformationContext,
  SavedObjectReference,
  SavedObjectsModelChange,
  SavedObjectsType,
} from '@kbn/core/server';
import type { RawDoc } from './repository';
import {
  modelVersionsOf,
  modelVersionToVirtualVersion,
  storedModelVersion,
  type SavedObjectTypeRegistry,
} from './type_registry';

/** Kibana's SavedObjectUnsanitizedDoc (server/src/serialization.ts SavedObjectDoc + references). */
export interface UnsanitizedDoc {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  namespace?: string;
  namespaces?: string[];
  references?: SavedObjectReference[];
  originId?: string;
  managed?: boolean;
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
  created_at?: string;
  updated_at?: string;
  created_by?: string;
  updated_by?: string;
  version?: string;
}

interface TransformResult {
  document: UnsanitizedDoc;
}
type TransformFn = (
  document: UnsanitizedDoc,
  context: SavedObjectModelTransformationContext & { log: Logger }
) => TransformResult;

/** The shape Kibana ≥ 9.1 declares and calls (model_change.ts SavedObjectsModelUnsafeTransformChange). */
type GuardedUnsafeTransform = (typeSafeGuard: (fn: TransformFn) => TransformFn) => unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** lodash.merge for JSON data (arrays merged by index, like lodash). */
function deepMerge(target: unknown, source: unknown): unknown {
  if (Array.isArray(source)) {
    const base = Array.isArray(target) ? [...target] : [];
    source.forEach((value, i) => {
      if (value !== undefined) base[i] = deepMerge(base[i], value);
    });
    return base;
  }
  if (isPlainObject(source)) {
    const base: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined) base[key] = deepMerge(base[key], value);
    }
    return base;
  }
  return source === undefined ? target : source;
}

/** lodash.unset for a dotted path. */
function unsetPath(object: Record<string, unknown>, path: string) {
  const parts = path.split('.');
  let current: unknown = object;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(current)) return;
    current = current[part];
  }
  if (isPlainObject(current)) delete current[parts[parts.length - 1]];
}

function changeToTransformFn(change: SavedObjectsModelChange): TransformFn | undefined {
  switch (change.type) {
    case 'data_backfill':
      return (document, context) => {
        const result = change.backfillFn(document, context) as { attributes?: unknown };
        return {
          document: {
            ...document,
            attributes: deepMerge(
              deepMerge({}, document.attributes),
              result.attributes ?? {}
            ) as Record<string, unknown>,
          },
        };
      };
    case 'data_removal':
      return (document) => {
        change.removedAttributePaths.forEach((path) => unsetPath(document.attributes, path));
        return { document };
      };
    case 'unsafe_transform': {
      // Kibana: `change.transformFn(typeSafeGuard)` — the declared form is
      // `transformFn: (typeSafeGuard) => typeSafeGuard(fn)`.
      const guarded = change.transformFn as unknown as GuardedUnsafeTransform;
      const built = guarded((fn) => fn);
      if (typeof built === 'function') return built as TransformFn;
      return () => {
        // What Kibana runs into with a transformFn that is itself the transform: the value it
        // returned is called as the transform function.
        throw new TypeError(
          'modelTransformFn is not a function (unsafe_transform.transformFn must be `(typeSafeGuard) => typeSafeGuard(fn)`)'
        );
      };
    }
    default:
      return undefined;
  }
}

/** buildModelVersionTransformFn: the changes' transforms, chained in declaration order. */
function buildModelVersionTransformFn(changes: SavedObjectsModelChange[]): TransformFn {
  const fns = changes.flatMap((c) => changeToTransformFn(c) ?? []);
  return (document, context) =>
    fns.reduce<TransformResult>((result, fn) => fn(result.document, context), { document });
}

/** rawToSavedObject, lax namespace treatment: the namespace also comes from a raw-id prefix. */
function rawToDoc(rawId: string, source: RawDoc): UnsanitizedDoc {
  const marker = `${source.type}:`;
  const at = rawId.indexOf(marker);
  const id = at >= 0 ? rawId.slice(at + marker.length) : rawId;
  const prefix = at > 0 ? rawId.slice(0, at - 1) : undefined;
  const namespace = source.namespace ?? prefix;
  return {
    id,
    type: source.type,
    attributes: (source[source.type] ?? {}) as Record<string, unknown>,
    ...(namespace && { namespace }),
    ...(source.namespaces && { namespaces: source.namespaces }),
    references: source.references ?? [],
    ...(source.originId && { originId: source.originId }),
    ...(source.managed !== undefined && { managed: source.managed }),
    ...(source.coreMigrationVersion && { coreMigrationVersion: source.coreMigrationVersion }),
    ...(source.typeMigrationVersion && { typeMigrationVersion: source.typeMigrationVersion }),
    ...(source.created_at && { created_at: source.created_at }),
    ...(source.updated_at && { updated_at: source.updated_at }),
    ...(source.created_by && { created_by: source.created_by }),
    ...(source.updated_by && { updated_by: source.updated_by }),
  };
}

/** savedObjectToRaw + generateRawId under the current registry. */
function docToRaw(
  registry: SavedObjectTypeRegistry,
  doc: UnsanitizedDoc,
  source: RawDoc
): { _id: string; _source: RawDoc } {
  const single = registry.isSingleNamespace(doc.type);
  const multi = registry.isMultiNamespace(doc.type);
  const namespace = doc.namespace && doc.namespace !== 'default' ? doc.namespace : undefined;
  const rest: RawDoc = { ...source };
  delete rest.namespace;
  delete rest.namespaces;
  delete rest.originId;
  const _source: RawDoc = {
    ...rest,
    type: doc.type,
    [doc.type]: doc.attributes,
    references: doc.references ?? [],
    ...(single && namespace && { namespace }),
    ...(multi && doc.namespaces && { namespaces: doc.namespaces }),
    ...(doc.originId && { originId: doc.originId }),
    ...(doc.managed !== undefined && { managed: doc.managed }),
    ...(doc.coreMigrationVersion && { coreMigrationVersion: doc.coreMigrationVersion }),
    typeMigrationVersion: doc.typeMigrationVersion,
  };
  const _id = single && namespace ? `${namespace}:${doc.type}:${doc.id}` : `${doc.type}:${doc.id}`;
  return { _id, _source };
}

interface Hit {
  _id: string;
  _source: RawDoc;
  _seq_no?: number;
  _primary_term?: number;
}

async function* outdatedDocs(
  client: ElasticsearchClient,
  index: string,
  type: string,
  latestVirtual: string
): AsyncGenerator<Hit[]> {
  const pit = await client.openPointInTime({ index, keep_alive: '1m' });
  try {
    let searchAfter: estypes.SortResults | undefined;
    for (;;) {
      const response = await client.search<RawDoc>({
        pit: { id: pit.id, keep_alive: '1m' },
        size: 500,
        seq_no_primary_term: true,
        sort: ['_shard_doc'],
        ...(searchAfter && { search_after: searchAfter }),
        query: {
          bool: {
            filter: [{ term: { type } }],
            must_not: [{ term: { typeMigrationVersion: latestVirtual } }],
          },
        },
      });
      const hits = response.hits.hits;
      if (hits.length === 0) return;
      yield hits.map((h) => ({
        _id: h._id!,
        _source: h._source!,
        _seq_no: h._seq_no,
        _primary_term: h._primary_term,
      }));
      searchAfter = hits[hits.length - 1].sort;
    }
  } finally {
    await client.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
}

export interface MigrateOptions {
  client: ElasticsearchClient;
  index: string;
  registry: SavedObjectTypeRegistry;
  log: Logger;
}

/** Runs every pending model-version transform; throws (writing nothing) if any transform fails. */
export async function migrateDocuments({
  client,
  index,
  registry,
  log,
}: MigrateOptions): Promise<void> {
  const writes: Array<{ type: string; hit: Hit; raw: { _id: string; _source: RawDoc } }> = [];
  const errors: string[] = [];
  for (const type of registry.getAllTypes()) {
    const versions = modelVersionsOf(type);
    const latest = Math.max(0, ...Object.keys(versions).map(Number));
    if (latest === 0) continue;
    const latestVirtual = modelVersionToVirtualVersion(latest);
    // Built up front, for every type, as Kibana builds its document migrator at start (so a
    // transformFn that throws when given typeSafeGuard fails start-up even with no documents).
    const transforms = new Map<number, TransformFn>();
    for (const [version, definition] of Object.entries(versions)) {
      transforms.set(Number(version), buildModelVersionTransformFn(definition.changes));
    }
    for await (const hits of outdatedDocs(client, index, type.name, latestVirtual)) {
      for (const hit of hits) {
        const doc = rawToDoc(hit._id, hit._source);
        const from = storedModelVersion(doc.typeMigrationVersion);
        if (from > latest) {
          errors.push(
            `- ${type.name}:${doc.id}: Error: Document "${doc.id}" belongs to a more recent version of Kibana [${doc.typeMigrationVersion}] when the last known version is [${latestVirtual}].`
          );
          continue;
        }
        const migrated = transformDoc(type, transforms, doc, from, latest, log, errors);
        if (migrated)
          writes.push({ type: type.name, hit, raw: docToRaw(registry, migrated, hit._source) });
      }
    }
  }
  if (errors.length) {
    throw new Error(
      `Unable to complete saved object migrations for the [${index}] index: Migrations failed. Reason: ${errors.length} transformation errors were encountered:\n${errors.join('\n')}\n\nTo allow migrations to proceed, please delete or fix these documents.`
    );
  }
  if (writes.length === 0) return;

  const operations: estypes.BulkRequest['operations'] = [];
  for (const { hit, raw } of writes) {
    if (raw._id === hit._id) {
      operations.push(
        {
          index: {
            _index: index,
            _id: raw._id,
            if_seq_no: hit._seq_no,
            if_primary_term: hit._primary_term,
          },
        },
        raw._source
      );
    } else {
      operations.push({ create: { _index: index, _id: raw._id } }, raw._source);
      operations.push({ delete: { _index: index, _id: hit._id } });
    }
  }
  const result = await client.bulk({ operations, refresh: true });
  if (result.errors) {
    const failed = result.items
      .map((item) => Object.values(item)[0])
      .filter((item) => item?.error)
      .map((item) => `${item!._id}: ${item!.error!.type} ${item!.error!.reason ?? ''}`);
    throw new Error(
      `Unable to complete saved object migrations for the [${index}] index: ${failed.join('; ')}`
    );
  }
  const counts = new Map<string, number>();
  writes.forEach(({ type }) => counts.set(type, (counts.get(type) ?? 0) + 1));
  for (const [type, count] of counts) {
    const latest = Math.max(
      0,
      ...Object.keys(modelVersionsOf(registry.getType(type)!)).map(Number)
    );
    log.info(
      `Migrated ${count} "${type}" saved object(s) to model version ${latest} (${modelVersionToVirtualVersion(latest)})`
    );
  }
}

function transformDoc(
  type: SavedObjectsType,
  transforms: Map<number, TransformFn>,
  doc: UnsanitizedDoc,
  from: number,
  latest: number,
  log: Logger,
  errors: string[]
): UnsanitizedDoc | undefined {
  let current: UnsanitizedDoc = { ...doc, attributes: structuredClone(doc.attributes) };
  for (let version = from + 1; version <= latest; version++) {
    const fn = transforms.get(version);
    const virtualVersion = modelVersionToVirtualVersion(version);
    if (fn) {
      try {
        current = fn(current, {
          log,
          modelVersion: version,
          namespaceType: type.namespaceType,
        }).document;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Error trying to transform document: ${message}`);
        errors.push(
          `- ${type.name}:${doc.id}: Error: Migration function for version ${virtualVersion} threw an error (model version ${version} of type "${type.name}"): ${message}`
        );
        return undefined;
      }
    }
    current = { ...current, typeMigrationVersion: virtualVersion };
  }
  return current;
}
