import { startFixtureHost } from './host_fixture';
import { callHost, createKibanaUser } from './test_helpers';

interface Secret {
  id: string;
  version: string;
  attributes: Record<string, unknown>;
}

describe('kibana host: saved objects and encrypted saved objects', () => {
  let ctx: Awaited<ReturnType<typeof startFixtureHost>>;
  let reader: { username: string; password: string };
  const index = () => `${ctx.indexPrefix}_saved_objects`;
  const call = <T = Record<string, unknown>>(
    path: string,
    options: Parameters<typeof callHost>[2] = {}
  ) => callHost<T>(ctx.host.url, path, { as: ctx.superuser, ...options });

  beforeAll(async () => {
    ctx = await startFixtureHost();
    reader = await createKibanaUser(ctx.admin, ['feature_hostFixture.read']);
  });
  afterAll(async () => {
    await ctx.host.stop();
    await ctx.admin.close();
  });

  it('creates, reads, updates with optimistic concurrency, finds and deletes', async () => {
    const created = await call<Secret>('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'alpha', secret: 'p@ss-alpha' },
    });
    expect(created.status).toBe(200);
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.body.attributes).toEqual({ name: 'alpha' });
    expect(Buffer.from(created.body.version, 'base64').toString()).toMatch(/^\[\d+,\d+\]$/);

    const got = await call<Secret>(`/internal/host_fixture/secrets/${created.body.id}`);
    expect(got.body).toMatchObject({
      id: created.body.id,
      attributes: { name: 'alpha' },
      version: created.body.version,
    });

    const updated = await call<Secret>(`/internal/host_fixture/secrets/${created.body.id}`, {
      method: 'PUT',
      body: { note: 'first', version: created.body.version },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.version).not.toBe(created.body.version);
    const stale = await call(`/internal/host_fixture/secrets/${created.body.id}`, {
      method: 'PUT',
      body: { note: 'stale', version: created.body.version },
    });
    expect(stale).toMatchObject({
      status: 409,
      body: { message: `Saved object [host-fixture-secret/${created.body.id}] conflict` },
    });
    expect(
      (await call<Secret>(`/internal/host_fixture/secrets/${created.body.id}`)).body.attributes
    ).toEqual({ name: 'alpha', note: 'first' });

    await call('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'beta', secret: 'b' },
    });
    const found = await call<{ total: number; saved_objects: Secret[] }>(
      '/internal/host_fixture/secrets?search=beta'
    );
    expect(found.body.total).toBe(1);
    expect(found.body.saved_objects[0].attributes).toEqual({ name: 'beta' });
    const all = await call<{ saved_objects: Secret[] }>('/internal/host_fixture/secrets');
    expect(all.body.saved_objects.map((s) => s.attributes.name)).toEqual(['alpha', 'beta']);

    expect(
      (await call(`/internal/host_fixture/secrets/${created.body.id}`, { method: 'DELETE' })).status
    ).toBe(204);
    expect(await call(`/internal/host_fixture/secrets/${created.body.id}`)).toMatchObject({
      status: 404,
      body: { message: `Saved object [host-fixture-secret/${created.body.id}] not found` },
    });
  });

  it('keeps hidden types away from clients that did not include them and applies saved_object privileges', async () => {
    const created = await call<Secret>('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'hidden', secret: 'h' },
    });
    expect(
      (await call(`/internal/host_fixture/secrets/${created.body.id}?visible=true`)).status
    ).toBe(404);
    // feature read grants saved_object:<type>/get
    expect(
      (await call(`/internal/host_fixture/secrets/${created.body.id}`, { as: reader })).status
    ).toBe(200);
  });

  it('encrypts secrets at rest, strips them from reads and decrypts them for the ESO client only', async () => {
    const created = await call<Secret>('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'gamma', secret: 'super-secret-value' },
    });
    const raw = await ctx.admin.get<Record<string, Record<string, unknown>>>({
      index: index(),
      id: `host-fixture-secret:${created.body.id}`,
    });
    const stored = raw._source!['host-fixture-secret'];
    expect(stored.name).toBe('gamma');
    expect(typeof stored.secret).toBe('string');
    expect(JSON.stringify(raw._source)).not.toContain('super-secret-value');
    expect(
      (await call<Secret>(`/internal/host_fixture/secrets/${created.body.id}`)).body.attributes
        .secret
    ).toBeUndefined();

    const decrypted = await call<Secret>(
      `/internal/host_fixture/secrets/${created.body.id}/decrypted`
    );
    expect(decrypted.body.attributes).toEqual({ name: 'gamma', secret: 'super-secret-value' });

    // The ciphertext is bound to type/id and the AAD attribute `name`.
    const other = '0b9a3e64-0d6c-4c44-9c3a-6bba0c3f1e21';
    await ctx.admin.index({
      index: index(),
      id: `host-fixture-secret:${other}`,
      document: raw._source,
      refresh: true,
    });
    expect(await call(`/internal/host_fixture/secrets/${other}/decrypted`)).toMatchObject({
      status: 422,
      body: {
        message: `Unable to decrypt attribute "secret" of saved object "host-fixture-secret,${other}"`,
        attributes: { encryptionError: true },
      },
    });
    await ctx.admin.update({
      index: index(),
      id: `host-fixture-secret:${created.body.id}`,
      doc: { 'host-fixture-secret': { name: 'renamed' } },
      refresh: true,
    });
    expect((await call(`/internal/host_fixture/secrets/${created.body.id}/decrypted`)).status).toBe(
      422
    );
    expect(ctx.logs.text()).not.toContain('super-secret-value');
  });

  it('refuses predefined non-UUID ids for encrypted types, accepts UUIDs once', async () => {
    const custom = await call('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'x', secret: 'y', id: 'my-id' },
    });
    expect(custom).toMatchObject({
      status: 400,
      body: {
        message:
          'Predefined IDs are not allowed for saved objects with encrypted attributes unless the ID is a UUID.: Bad Request',
      },
    });
    const uuid = '5d1c3a5e-2b8f-4c1e-9a77-0e2b3f4a5b6c';
    expect(
      (
        await call<Secret>('/internal/host_fixture/secrets', {
          method: 'POST',
          body: { name: 'x', secret: 'y', id: uuid },
        })
      ).body.id
    ).toBe(uuid);
    const again = await call('/internal/host_fixture/secrets', {
      method: 'POST',
      body: { name: 'x', secret: 'y', id: uuid },
    });
    expect(again.status).toBe(500); // a conflict the fixture does not handle → Kibana's generic 500
  });
});
