/*
 * Spaces for saved objects, encrypted saved objects and model-version migrations in the host
 * (docs/kibana-host.md "Spaces"), with the fixture plugin fixtures/spaces_plugin.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { ISavedObjectsRepository, KibanaRequest, SavedObject } from '@kbn/core/server';
import { createTestEsClient, testEsConnection } from '../es/test_es';
import { buildFixturePlugin } from './fixtures/build_fixture';
import {
  AGNOSTIC,
  CONNECTOR,
  EVOLVING,
  HIDDEN_TYPES,
  MULTI,
  SINGLE,
  type SpacesFixtureHandle,
} from './fixtures/spaces_plugin/server/plugin';
import { ENCRYPTION_KEY } from './host_fixture';
import { startKibanaHost, type KibanaHost } from './host';
import { NAMESPACE_SPECIFIED_WITH_SPACES_MESSAGE } from './saved_objects/repository';
import { setRequestSpace } from './spaces/request_space';
import { createSpace, deleteSpace } from './spaces/spaces_client';
import { authorizationHeader, callHost, captureLogs, createKibanaUser } from './test_helpers';

const es = testEsConnection();
const superuser = { username: es.username, password: es.password };
const fixtureGlobal = globalThis as { __spacesFixture?: SpacesFixtureHandle };

interface Started {
  host: KibanaHost;
  logs: ReturnType<typeof captureLogs>;
  handle: SpacesFixtureHandle;
}

let pluginDir: string;
let admin: Client;
const running: KibanaHost[] = [];

async function start(
  indexPrefix: string,
  fixtureConfig: Record<string, unknown> = {}
): Promise<Started> {
  const logs = captureLogs();
  fixtureGlobal.__spacesFixture = undefined;
  const host = await startKibanaHost({
    esUrl: es.url,
    esUsername: es.username,
    esPassword: es.password,
    pluginDir,
    config: {
      spaces_fixture: fixtureConfig,
      xpack: { encryptedSavedObjects: { encryptionKey: ENCRYPTION_KEY } },
    },
    taskPollIntervalMs: 60_000,
    logSink: logs.sink,
    logLevel: 'debug',
    indexPrefix,
  });
  running.push(host);
  return { host, logs, handle: fixtureGlobal.__spacesFixture! };
}

async function stop(host: KibanaHost) {
  running.splice(running.indexOf(host), 1);
  await host.stop();
}

/** A request as the superuser, in `space` (the HTTP server records it the same way). */
function requestIn(space?: string): KibanaRequest {
  const request = {
    headers: { authorization: authorizationHeader(superuser) },
  } as unknown as KibanaRequest;
  if (space) setRequestSpace(request, space);
  return request;
}

const messages = (logs: Started['logs']) => logs.records.map((r) => r.message).join('\n');

const newPrefix = () => `.kibana_host_${randomBytes(4).toString('hex')}`;

async function statusOf(promise: Promise<unknown>): Promise<number | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const output = (error as { output?: { statusCode: number } }).output;
    if (output) return output.statusCode;
    throw error;
  }
}

beforeAll(async () => {
  pluginDir = await buildFixturePlugin('spaces_plugin');
  admin = createTestEsClient();
});
afterAll(async () => {
  for (const host of [...running]) await host.stop();
  await admin.close();
});

describe('kibana host: saved objects in spaces', () => {
  let ctx: Started;
  let prefix: string;
  let internal: ISavedObjectsRepository;
  const index = () => `${prefix}_saved_objects`;
  const rawIds = async () =>
    (await admin.search({ index: index(), size: 1000, query: { match_all: {} } })).hits.hits.map(
      (h) => h._id
    );

  beforeAll(async () => {
    prefix = newPrefix();
    ctx = await start(prefix);
    internal = ctx.handle.core.savedObjects.createInternalRepository(HIDDEN_TYPES);
    await createSpace(ctx.host.url, superuser, { id: 'b', name: 'Space B' });
    await createSpace(ctx.host.url, superuser, { id: 'c', name: 'Space C' });
  });
  afterAll(() => stop(ctx.host));

  it('stores raw ids and namespace fields per namespace type', async () => {
    const single = await internal.create(SINGLE, { name: 's', secret: 'x' }, { namespace: 'b' });
    const singleDefault = await internal.create(SINGLE, { name: 's0', secret: 'x' });
    const multi = await internal.create(MULTI, { name: 'm' }, { namespace: 'b' });
    const isolated = await internal.create(
      CONNECTOR,
      { name: 'i', secret: 'x' },
      { namespace: 'b' }
    );
    const agnostic = await internal.create(AGNOSTIC, { name: 'a' }, { namespace: 'b' });
    const ids = await rawIds();
    expect(ids).toEqual(
      expect.arrayContaining([
        `b:${SINGLE}:${single.id}`,
        `${SINGLE}:${singleDefault.id}`,
        `${MULTI}:${multi.id}`,
        `${CONNECTOR}:${isolated.id}`,
        `${AGNOSTIC}:${agnostic.id}`,
      ])
    );
    const source = async (id: string) =>
      (await admin.get<Record<string, unknown>>({ index: index(), id }))._source!;
    expect(await source(`b:${SINGLE}:${single.id}`)).toMatchObject({ namespace: 'b' });
    expect(await source(`${SINGLE}:${singleDefault.id}`)).not.toHaveProperty('namespace');
    expect(await source(`${MULTI}:${multi.id}`)).toMatchObject({ namespaces: ['b'] });
    expect(await source(`${CONNECTOR}:${isolated.id}`)).toMatchObject({ namespaces: ['b'] });
    const agnosticSource = await source(`${AGNOSTIC}:${agnostic.id}`);
    expect(agnosticSource).not.toHaveProperty('namespace');
    expect(agnosticSource).not.toHaveProperty('namespaces');
    // What the repository answers (getSavedObjectFromSource).
    expect(single.namespaces).toEqual(['b']);
    expect(singleDefault.namespaces).toEqual(['default']);
    expect(isolated.namespaces).toEqual(['b']);
    expect(agnostic.namespaces).toEqual([]);
  });

  it('answers 404 for objects of another space on get, update, delete and bulkGet', async () => {
    const isolated = await internal.create(
      CONNECTOR,
      { name: 'iso', secret: 'x' },
      { namespace: 'b' }
    );
    const single = await internal.create(SINGLE, { name: 'sgl', secret: 'x' }, { namespace: 'b' });
    for (const { type, id } of [isolated, single]) {
      expect(await statusOf(internal.get(type, id, { namespace: 'c' }))).toBe(404);
      expect(await statusOf(internal.get(type, id))).toBe(404);
      expect(await statusOf(internal.update(type, id, { name: 'x' }, { namespace: 'c' }))).toBe(
        404
      );
      expect(await statusOf(internal.delete(type, id, { namespace: 'default' }))).toBe(404);
      expect((await internal.get(type, id, { namespace: 'b' })).id).toBe(id);
    }
    // `upsert` does not create a second copy of a multi-namespace object in another space.
    expect(
      await statusOf(
        internal.update(
          CONNECTOR,
          isolated.id,
          { name: 'x' },
          { namespace: 'c', upsert: { name: 'x' } }
        )
      )
    ).toBe(404);
    const bulk = await internal.bulkGet(
      [
        { type: CONNECTOR, id: isolated.id },
        { type: SINGLE, id: single.id },
      ],
      { namespace: 'c' }
    );
    expect(bulk.saved_objects.map((o) => o.error?.statusCode)).toEqual([404, 404]);
    expect(
      (await internal.bulkGet([{ type: CONNECTOR, id: isolated.id }], { namespace: 'b' }))
        .saved_objects[0].error
    ).toBeUndefined();
    // Deleting in the right space works.
    await internal.delete(CONNECTOR, isolated.id, { namespace: 'b' });
    expect(await statusOf(internal.get(CONNECTOR, isolated.id, { namespace: 'b' }))).toBe(404);
  });

  it('refuses a multi-namespace id taken in another space (409), and the same space without overwrite', async () => {
    const id = randomUUID();
    await internal.create(CONNECTOR, { name: 'one', secret: 'x' }, { id, namespace: 'b' });
    expect(
      await statusOf(
        internal.create(CONNECTOR, { name: 'two', secret: 'y' }, { id, namespace: 'c' })
      )
    ).toBe(409);
    expect(
      await statusOf(
        internal.create(
          CONNECTOR,
          { name: 'two', secret: 'y' },
          { id, namespace: 'c', overwrite: true }
        )
      )
    ).toBe(409);
    expect(
      await statusOf(
        internal.create(CONNECTOR, { name: 'two', secret: 'y' }, { id, namespace: 'b' })
      )
    ).toBe(409);
    const overwritten = await internal.create(
      CONNECTOR,
      { name: 'two', secret: 'y' },
      { id, namespace: 'b', overwrite: true }
    );
    expect(overwritten.namespaces).toEqual(['b']);
    // A single-namespace id is per space: the same id in two spaces is two objects.
    const sid = randomUUID();
    await internal.create(SINGLE, { name: 'sb', secret: 'x' }, { id: sid, namespace: 'b' });
    await internal.create(SINGLE, { name: 'sc', secret: 'x' }, { id: sid, namespace: 'c' });
    expect(
      (await internal.get<{ name: string }>(SINGLE, sid, { namespace: 'c' })).attributes.name
    ).toBe('sc');
  });

  it('finds per space, in several spaces and in all of them', async () => {
    const tag = randomBytes(3).toString('hex');
    await internal.create(MULTI, { name: `${tag}-d` });
    await internal.create(MULTI, { name: `${tag}-b` }, { namespace: 'b' });
    await internal.create(MULTI, { name: `${tag}-bc` }, { initialNamespaces: ['b', 'c'] });
    await internal.create(SINGLE, { name: `${tag}-sb`, secret: 'x' }, { namespace: 'b' });
    await internal.create(SINGLE, { name: `${tag}-sd`, secret: 'x' });
    const names = async (namespaces?: string[]) =>
      (
        await internal.find<{ name: string }>({
          type: [MULTI, SINGLE],
          search: `${tag}*`,
          searchFields: ['name'],
          perPage: 100,
          ...(namespaces && { namespaces }),
        })
      ).saved_objects
        .map((o) => o.attributes.name.slice(tag.length + 1))
        .sort();
    expect(await names()).toEqual(['d', 'sd']);
    expect(await names(['b'])).toEqual(['b', 'bc', 'sb']);
    expect(await names(['c'])).toEqual(['bc']);
    expect(await names(['default', 'c'])).toEqual(['bc', 'd', 'sd']);
    expect(await names(['*'])).toEqual(['b', 'bc', 'd', 'sb', 'sd']);
    const found = await internal.find<{ name: string }>({
      type: MULTI,
      search: `${tag}-bc`,
      searchFields: ['name'],
      namespaces: ['*'],
    });
    expect(found.saved_objects[0].namespaces).toEqual(['b', 'c']);
  });

  it('scoped clients act in the request space and refuse an explicit namespace', async () => {
    const { savedObjects } = ctx.handle.core;
    const inB = savedObjects.getScopedClient(requestIn('b'), { includedHiddenTypes: HIDDEN_TYPES });
    const inDefault = savedObjects.getScopedClient(requestIn(), {
      includedHiddenTypes: HIDDEN_TYPES,
    });
    const created = await inB.create(CONNECTOR, { name: 'scoped', secret: 'x' });
    expect(created.namespaces).toEqual(['b']);
    expect((await inB.get(CONNECTOR, created.id)).id).toBe(created.id);
    expect(await statusOf(inDefault.get(CONNECTOR, created.id))).toBe(404);
    const single = await inB.create(SINGLE, { name: 'scoped-single', secret: 'x' });
    expect(await rawIds()).toContain(`b:${SINGLE}:${single.id}`);

    // saved_objects_spaces_extension.ts getCurrentNamespace
    for (const call of [
      () => inB.get(CONNECTOR, created.id, { namespace: 'b' }),
      () => inB.create(CONNECTOR, { name: 'n', secret: 'x' }, { namespace: 'c' }),
      () => inB.update(CONNECTOR, created.id, { name: 'n' }, { namespace: 'b' }),
      () => inB.delete(CONNECTOR, created.id, { namespace: 'b' }),
      () => inB.bulkGet([{ type: CONNECTOR, id: created.id }], { namespace: 'b' }),
    ]) {
      await expect(call()).rejects.toThrow(NAMESPACE_SPECIFIED_WITH_SPACES_MESSAGE);
    }

    // find: the active space unless `namespaces` is given (then only existing spaces).
    const findNames = async (namespaces?: string[]) =>
      (
        await inB.find<{ name: string }>({
          type: CONNECTOR,
          search: 'scoped*',
          searchFields: ['name'],
          ...(namespaces && { namespaces }),
        })
      ).saved_objects.map((o) => o.attributes.name);
    const inC = await savedObjects
      .getScopedClient(requestIn('c'), { includedHiddenTypes: HIDDEN_TYPES })
      .create(CONNECTOR, { name: 'scoped-c', secret: 'x' });
    expect(await findNames()).toEqual(['scoped']);
    expect((await findNames(['c'])).sort()).toEqual(['scoped-c']);
    expect((await findNames(['*'])).sort()).toEqual(['scoped', 'scoped-c']);
    expect(await findNames(['no-such-space'])).toEqual([]);
    expect(inC.namespaces).toEqual(['c']);

    // createScopedRepository is space-bound too; the internal repository honours `namespace`.
    const repo = savedObjects.createScopedRepository(requestIn('c'), HIDDEN_TYPES);
    expect((await repo.get(CONNECTOR, inC.id)).id).toBe(inC.id);
    expect((await internal.get(CONNECTOR, inC.id, { namespace: 'c' })).id).toBe(inC.id);
  });

  it('binds the ciphertext of a single-namespace object to its space, not that of a multiple-isolated one', async () => {
    const eso = ctx.handle.eso.getClient({ includedHiddenTypes: HIDDEN_TYPES });
    const single = await internal.create(
      SINGLE,
      { name: 'enc', secret: 'in-b' },
      { namespace: 'b' }
    );
    expect(
      (
        await eso.getDecryptedAsInternalUser<{ secret: string }>(SINGLE, single.id, {
          namespace: 'b',
        })
      ).attributes.secret
    ).toBe('in-b');
    expect(await statusOf(eso.getDecryptedAsInternalUser(SINGLE, single.id))).toBe(404);
    // The same document moved to the default space does not decrypt: the AAD named space b.
    const raw = await admin.get<Record<string, unknown>>({
      index: index(),
      id: `b:${SINGLE}:${single.id}`,
    });
    const { namespace: _ns, ...rest } = raw._source!;
    await admin.index({
      index: index(),
      id: `${SINGLE}:${single.id}`,
      document: rest,
      refresh: true,
    });
    await expect(eso.getDecryptedAsInternalUser(SINGLE, single.id)).rejects.toThrow(
      `Unable to decrypt attribute "secret" of saved object "${SINGLE},${single.id}"`
    );
    const failure = await eso.getDecryptedAsInternalUser(SINGLE, single.id).then(
      () => new Error('decrypted'),
      (error: Error) => error
    );
    expect(ctx.handle.eso.isEncryptionError(failure)).toBe(true);

    // multiple-isolated: the descriptor has no namespace (getDescriptorNamespace).
    const isolated = await internal.create(
      CONNECTOR,
      { name: 'enc', secret: 'iso-b' },
      { namespace: 'b' }
    );
    expect(
      (
        await eso.getDecryptedAsInternalUser<{ secret: string }>(CONNECTOR, isolated.id, {
          namespace: 'b',
        })
      ).attributes.secret
    ).toBe('iso-b');
    expect(await statusOf(eso.getDecryptedAsInternalUser(CONNECTOR, isolated.id))).toBe(404);
    // The PIT finder decrypts every object with its own namespaces.
    const finder = await eso.createPointInTimeFinderDecryptedAsInternalUser<{
      secret: string;
      name: string;
    }>({
      type: [SINGLE, CONNECTOR],
      namespaces: ['b'],
      search: 'enc',
      searchFields: ['name'],
    });
    const decrypted: Array<SavedObject<{ secret: string }>> = [];
    for await (const page of finder.find()) decrypted.push(...page.saved_objects);
    await finder.close();
    expect(decrypted.filter((o) => o.id === isolated.id).map((o) => o.attributes.secret)).toEqual([
      'iso-b',
    ]);
  });

  it('serves the spaces API to superusers and deletes a space with its objects', async () => {
    const call = <T = Record<string, unknown>>(
      path: string,
      options: Parameters<typeof callHost>[2] = {}
    ) => callHost<T>(ctx.host.url, path, { as: superuser, ...options });
    expect((await call<Array<{ id: string }>>('/api/spaces/space')).body.map((s) => s.id)).toEqual(
      expect.arrayContaining(['default', 'b', 'c'])
    );
    expect((await call('/api/spaces/space/default')).body).toMatchObject({
      id: 'default',
      name: 'Default',
      _reserved: true,
      disabledFeatures: [],
    });
    expect((await call('/api/spaces/space/nope')).status).toBe(404);
    expect(
      await call('/api/spaces/space', { method: 'POST', body: { id: 'b', name: 'again' } })
    ).toMatchObject({
      status: 409,
      body: { message: 'A space with the identifier b already exists.' },
    });
    const bad = await call('/api/spaces/space', {
      method: 'POST',
      body: { id: 'Bad Id', name: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain(
      "must be lower case, a-z, 0-9, '_', and '-' are allowed"
    );
    expect((await call('/api/spaces/space/default', { method: 'DELETE' })).status).toBe(400);

    const reader = await createKibanaUser(admin, ['feature_spacesFixture.all']);
    expect((await call('/api/spaces/space', { as: reader })).status).toBe(403);
    expect(
      (
        await call('/api/spaces/space', {
          as: reader,
          method: 'POST',
          body: { id: 'r', name: 'r' },
        })
      ).status
    ).toBe(403);

    await createSpace(ctx.host.url, superuser, { id: 'gone', name: 'Gone' });
    const single = await internal.create(SINGLE, { name: 'g', secret: 'x' }, { namespace: 'gone' });
    const isolated = await internal.create(
      CONNECTOR,
      { name: 'g', secret: 'x' },
      { namespace: 'gone' }
    );
    const shared = await internal.create(
      MULTI,
      { name: 'g' },
      { initialNamespaces: ['gone', 'b'] }
    );
    const keep = await internal.create(AGNOSTIC, { name: 'g' });
    await deleteSpace(ctx.host.url, superuser, 'gone');
    expect((await call('/api/spaces/space/gone')).status).toBe(404);
    expect(await statusOf(internal.get(SINGLE, single.id, { namespace: 'gone' }))).toBe(404);
    expect(await statusOf(internal.get(CONNECTOR, isolated.id, { namespace: 'gone' }))).toBe(404);
    expect(await rawIds()).not.toContain(`${CONNECTOR}:${isolated.id}`);
    expect((await internal.get(MULTI, shared.id, { namespace: 'b' })).namespaces).toEqual(['b']);
    expect((await internal.get(AGNOSTIC, keep.id)).id).toBe(keep.id);
  });

  it('gives plugins the spaces contract', () => {
    const { spacesSetup, spacesStart } = ctx.handle;
    expect(spacesSetup.spacesService.getSpaceId(requestIn('b'))).toBe('b');
    expect(spacesSetup.spacesService.getSpaceId(requestIn())).toBe('default');
    expect(spacesStart.spacesService.getSpaceId(requestIn('c'))).toBe('c');
    expect(spacesStart.spacesService.isInDefaultSpace(requestIn())).toBe(true);
    expect(spacesStart.spacesService.isInDefaultSpace(requestIn('b'))).toBe(false);
    expect(spacesStart.spacesService.spaceIdToNamespace('default')).toBeUndefined();
    expect(spacesStart.spacesService.spaceIdToNamespace('b')).toBe('b');
    expect(spacesStart.spacesService.namespaceToSpaceId(undefined)).toBe('default');
    expect(spacesSetup.spacesService.namespaceToSpaceId('b')).toBe('b');
  });
});

describe('kibana host: model-version migrations', () => {
  it('moves agnostic encrypted objects into the default space when the type becomes multiple-isolated', async () => {
    const prefix = newPrefix();
    const index = `${prefix}_saved_objects`;
    const v1 = await start(prefix, { connectorVersion: 1 });
    const repoV1 = v1.handle.core.savedObjects.createInternalRepository(HIDDEN_TYPES);
    const a = await repoV1.create(CONNECTOR, { name: 'alpha', secret: 'secret-a' });
    const b = await repoV1.create(CONNECTOR, { name: 'beta', secret: 'secret-b' });
    expect(a.namespaces).toEqual([]);
    const before = await admin.get<Record<string, Record<string, unknown>>>({
      index,
      id: `${CONNECTOR}:${a.id}`,
    });
    expect(before._source).toMatchObject({ typeMigrationVersion: '10.1.0' });
    expect(before._source).not.toHaveProperty('namespaces');
    await stop(v1.host);

    const v2 = await start(prefix, { connectorVersion: 2 });
    expect(messages(v2.logs)).toContain(
      `Migrated 2 "${CONNECTOR}" saved object(s) to model version 2`
    );
    const after = await admin.get<Record<string, Record<string, unknown>>>({
      index,
      id: `${CONNECTOR}:${a.id}`,
    });
    expect(after._source).toMatchObject({
      namespaces: ['default'],
      typeMigrationVersion: '10.2.0',
    });
    // Ciphertext untouched.
    expect(after._source![CONNECTOR].secret).toBe(before._source![CONNECTOR].secret);

    const { core, eso } = v2.handle;
    const repo = core.savedObjects.createInternalRepository(HIDDEN_TYPES);
    const esoClient = eso.getClient({ includedHiddenTypes: HIDDEN_TYPES });
    expect((await repo.get(CONNECTOR, a.id)).namespaces).toEqual(['default']);
    expect(
      (await esoClient.getDecryptedAsInternalUser<{ secret: string }>(CONNECTOR, b.id)).attributes
        .secret
    ).toBe('secret-b');
    await createSpace(v2.host.url, superuser, { id: 'other', name: 'Other' });
    expect(await statusOf(repo.get(CONNECTOR, a.id, { namespace: 'other' }))).toBe(404);
    const other = core.savedObjects.getScopedClient(requestIn('other'), {
      includedHiddenTypes: HIDDEN_TYPES,
    });
    expect(await statusOf(other.get(CONNECTOR, a.id))).toBe(404);
    const created = await other.create(CONNECTOR, { name: 'gamma', secret: 'secret-c' });
    expect(created.namespaces).toEqual(['other']);
    expect(
      (
        await esoClient.getDecryptedAsInternalUser<{ secret: string }>(CONNECTOR, created.id, {
          namespace: 'other',
        })
      ).attributes.secret
    ).toBe('secret-c');
    expect(await statusOf(repo.get(CONNECTOR, created.id))).toBe(404);
    expect(
      (
        await core.savedObjects
          .getScopedClient(requestIn(), { includedHiddenTypes: HIDDEN_TYPES })
          .find<{ name: string }>({ type: CONNECTOR })
      ).saved_objects
        .map((o) => o.attributes.name)
        .sort()
    ).toEqual(['alpha', 'beta']);
    await stop(v2.host);

    // Idempotent: a second start migrates nothing and changes no document.
    const again = await start(prefix, { connectorVersion: 2 });
    expect(messages(again.logs)).not.toContain('Migrated');
    const third = await admin.get({ index, id: `${CONNECTOR}:${a.id}` });
    expect(third._seq_no).toBe(after._seq_no);
    await stop(again.host);
  });

  it('applies data_backfill and data_removal, moving a namespace-prefixed document unchanged in id', async () => {
    const prefix = newPrefix();
    const index = `${prefix}_saved_objects`;
    const first = await start(prefix);
    await stop(first.host);
    const id = randomUUID();
    await admin.index({
      index,
      id: `b:${EVOLVING}:${id}`,
      refresh: true,
      document: {
        type: EVOLVING,
        namespace: 'b',
        [EVOLVING]: { name: 'old', legacy: 'drop me', nested: { gone: 1, kept: 2 } },
        references: [],
        typeMigrationVersion: '10.1.0',
        coreMigrationVersion: '8.8.0',
      },
    });
    const second = await start(prefix);
    const doc = await second.handle.core.savedObjects
      .createInternalRepository()
      .get<Record<string, unknown>>(EVOLVING, id, { namespace: 'b' });
    expect(doc.attributes).toEqual({ name: 'old', added: 'from-old', nested: { kept: 2 } });
    expect(doc.typeMigrationVersion).toBe('10.2.0');
    await stop(second.host);
  });

  it('fails start-up when a transform throws, naming the type, id and model version, and writes nothing', async () => {
    const prefix = newPrefix();
    const index = `${prefix}_saved_objects`;
    const v1 = await start(prefix, { connectorVersion: 1 });
    const repo = v1.handle.core.savedObjects.createInternalRepository(HIDDEN_TYPES);
    const good = await repo.create(CONNECTOR, { name: 'good', secret: 'x' });
    const bad = await repo.create(CONNECTOR, { name: 'bad', secret: 'y' });
    await stop(v1.host);

    const logs = captureLogs();
    await expect(
      startKibanaHost({
        esUrl: es.url,
        esUsername: es.username,
        esPassword: es.password,
        pluginDir,
        config: {
          spaces_fixture: { connectorVersion: 2, failOnName: 'bad' },
          xpack: { encryptedSavedObjects: { encryptionKey: ENCRYPTION_KEY } },
        },
        logSink: logs.sink,
        indexPrefix: prefix,
      })
    ).rejects.toThrow(
      new RegExp(
        `Unable to complete saved object migrations.*\\n- ${CONNECTOR}:${bad.id}: Error: Migration function for version 10\\.2\\.0 threw an error \\(model version 2 of type "${CONNECTOR}"\\): cannot move ${bad.id}`
      )
    );
    const untouched = await admin.get({ index, id: `${CONNECTOR}:${good.id}` });
    expect(untouched._source).toMatchObject({ typeMigrationVersion: '10.1.0' });

    // A pre-9.1 `transformFn: (doc) => …` is called with typeSafeGuard, as Kibana does, and fails.
    await expect(
      startKibanaHost({
        esUrl: es.url,
        esUsername: es.username,
        esPassword: es.password,
        pluginDir,
        config: {
          spaces_fixture: { connectorVersion: 2, directTransformFn: true },
          xpack: { encryptedSavedObjects: { encryptionKey: ENCRYPTION_KEY } },
        },
        logSink: logs.sink,
        indexPrefix: prefix,
      })
    ).rejects.toThrow(/Migration function for version 10\.2\.0 threw an error.*is not a function/);
  });
});
