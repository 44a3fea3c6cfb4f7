import {
  CLOSER_PASSWORD,
  closerBody,
  createConnectorsHarness,
  LUMOS_TOKEN,
  lumosBody,
} from '../__mocks__/connectors_harness';
import { createRequest } from '../__mocks__/kibana_core_mocks';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../saved_objects/constants';
import { POLL_TASK_TYPE } from '../tasks/constants';
import { OutboundPolicy } from '../lib/outbound/host_policy';
import { ApiKeysDisabledError, ConnectorConflictError, ConnectorValidationError } from './errors';

const SECRETS = [LUMOS_TOKEN, CLOSER_PASSWORD, 'granted-secret'];

function expectNoSecrets(value: unknown) {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('ConnectorsClient', () => {
  describe('create', () => {
    it('stores the connector with its secrets and a writer API key, and schedules its task', async () => {
      const h = createConnectorsHarness();
      const view = await h.client.create(lumosBody);

      const raw = h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, view.id);
      expect(raw).toMatchObject({
        secrets: { apiToken: LUMOS_TOKEN },
        secretsSet: ['apiToken'],
        apiKeyId: 'key-1',
        apiKeyOwner: 'connector-admin',
        apiKeyCreatedByUser: false,
      });
      expect(Buffer.from(raw!.apiKey as string, 'base64').toString()).toBe(
        'key-1:granted-secret-1'
      );
      expect(h.security.authc.apiKeys.grantAsInternalUser).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({
          role_descriptors: {
            audit_sources_writer: {
              cluster: [],
              indices: [
                {
                  names: ['logs-lumos.activity_logs-default'],
                  privileges: ['create_doc', 'auto_configure', 'read'],
                },
              ],
            },
          },
        })
      );
      expect(h.taskManager.ensureScheduled).toHaveBeenCalledWith({
        id: `${POLL_TASK_TYPE}:${view.id}`,
        taskType: POLL_TASK_TYPE,
        schedule: { interval: '5m' },
        params: { connectorId: view.id, spaceId: 'default' },
        state: { runs: 0, consecutiveFailures: 0 },
        scope: ['auditSources'],
      });
      // Nothing secret in params or state of the task.
      expectNoSecrets(h.taskManager.ensureScheduled.mock.calls);
      expect(h.savedObjects.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, view.id)).toMatchObject({
        connectorId: view.id,
        health: { status: 'pending' },
      });
    });

    it('answers with {isSet} for secrets and never their values', async () => {
      const h = createConnectorsHarness();
      const lumos = await h.client.create(lumosBody);
      const closer = await h.client.create(closerBody);
      expect(lumos.secrets).toEqual({ apiToken: { isSet: true } });
      expect(closer.secrets).toEqual({ password: { isSet: true }, apiKey: { isSet: false } });
      expectNoSecrets([lumos, closer, await h.client.list(), await h.client.get(lumos.id)]);
      expectNoSecrets(h.logger.messages());
    });

    it('does not schedule a disabled connector', async () => {
      const h = createConnectorsHarness();
      const view = await h.client.create({ ...lumosBody, enabled: false });
      expect(h.taskManager.ensureScheduled).not.toHaveBeenCalled();
      expect(view.health.status).toBe('disabled');
    });

    it('reuses the key of a caller authenticated with an API key, and never invalidates it', async () => {
      const h = createConnectorsHarness();
      h.security.authc.getCurrentUser.mockReturnValue({
        username: 'robot',
        authentication_type: 'api_key',
      });
      const own = Buffer.from('own-id:own-secret').toString('base64');
      const view = await h
        .clientFor(createRequest({ headers: { authorization: `ApiKey ${own}` } }))
        .create(lumosBody);
      expect(h.security.authc.apiKeys.grantAsInternalUser).not.toHaveBeenCalled();
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, view.id)).toMatchObject({
        apiKey: own,
        apiKeyId: 'own-id',
        apiKeyCreatedByUser: true,
      });
      await h.client.delete(view.id);
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).not.toHaveBeenCalled();
    });

    it('writes without a key when the cluster has no API keys (security off)', async () => {
      const h = createConnectorsHarness({ apiKeysEnabled: false, securityEnabled: false });
      const view = await h.client.create(lumosBody);
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, view.id)).not.toHaveProperty('apiKey');
    });

    it('refuses with a 400 naming the fix when security is on but API keys are disabled', async () => {
      const h = createConnectorsHarness({ apiKeysEnabled: false });
      const attempt = h.client.create(lumosBody);
      await expect(attempt).rejects.toBeInstanceOf(ApiKeysDisabledError);
      await expect(attempt).rejects.toMatchObject({
        statusCode: 400,
        message: expect.stringContaining('xpack.security.authc.api_key.enabled'),
      });
      // Nothing stored that would poll unauthenticated and fail with 401 on every run.
      expect(await h.client.list()).toEqual([]);
      expect(h.taskManager.ensureScheduled).not.toHaveBeenCalled();
      expect(h.security.authc.apiKeys.grantAsInternalUser).not.toHaveBeenCalled();
    });
  });

  describe('update', () => {
    it('refuses an edit once API keys are disabled and keeps the stored key valid', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      h.security.authc.apiKeys.areAPIKeysEnabled.mockResolvedValue(false);
      await expect(h.client.update(id, { kind: 'lumos', name: 'Renamed' })).rejects.toBeInstanceOf(
        ApiKeysDisabledError
      );
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        name: lumosBody.name,
        apiKeyId: 'key-1',
      });
      // Invalidating it would leave the connector unable to write once keys are back on.
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).not.toHaveBeenCalled();
    });

    it('keeps secrets that are not re-entered, and the key when its owner saves again', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      const view = await h.client.update(id, { kind: 'lumos', name: 'Renamed' });
      expect(view.name).toBe('Renamed');
      expect(view.secrets).toEqual({ apiToken: { isSet: true } });
      const raw = h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id);
      expect(raw).toMatchObject({
        secrets: { apiToken: LUMOS_TOKEN },
        apiKeyId: 'key-1',
        apiKey: Buffer.from('key-1:granted-secret-1').toString('base64'),
        apiKeyOwner: 'connector-admin',
      });
      expect(h.security.authc.apiKeys.grantAsInternalUser).toHaveBeenCalledTimes(1);
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).not.toHaveBeenCalled();
    });

    it('grants a new key for another user and invalidates the old one', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      h.security.authc.getCurrentUser.mockReturnValue({
        username: 'someone-else',
        authentication_type: 'realm',
      });
      await h.client.update(id, { kind: 'lumos', name: 'Renamed by someone else' });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-2',
        apiKeyOwner: 'someone-else',
      });
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).toHaveBeenCalledWith({
        ids: ['key-1'],
      });
    });

    it('grants a new key when the source changes or a secret is re-entered, even for its owner', async () => {
      // Otherwise the owner's old key (and privileges) would write another source's events.
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.update(id, {
        kind: 'lumos',
        settings: { ...lumosBody.settings, initialWindow: '1d' },
      });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-2',
      });
      await h.client.update(id, { kind: 'lumos', secrets: { apiToken: `${LUMOS_TOKEN}x` } });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-3',
      });
      // A rename by the same owner keeps it.
      await h.client.update(id, { kind: 'lumos', name: 'Renamed' });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-3',
      });
      expect(h.security.authc.apiKeys.invalidateAsInternalUser.mock.calls).toEqual([
        [{ ids: ['key-1'] }],
        [{ ids: ['key-2'] }],
      ]);
    });

    it('grants a new key when the namespace changes or the connector is failing', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.update(id, { kind: 'lumos', namespace: 'other' });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-2',
      });
      // Saving a failing connector again is the documented fix for a refused key.
      const state = await h.savedObjects.get<{ health: Record<string, unknown> }>(
        CONNECTOR_STATE_SAVED_OBJECT_TYPE,
        id
      );
      await h.savedObjects.update(CONNECTOR_STATE_SAVED_OBJECT_TYPE, id, {
        health: { ...state.attributes.health, status: 'failing' },
      });
      await h.client.update(id, { kind: 'lumos', name: 'Saved again' });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-3',
      });
      expect(h.security.authc.apiKeys.invalidateAsInternalUser.mock.calls).toEqual([
        [{ ids: ['key-1'] }],
        [{ ids: ['key-2'] }],
      ]);
    });

    it('leaves the task alone when neither enabled nor the interval changes', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      h.taskManager.ensureScheduled.mockClear();
      await h.client.update(id, { kind: 'lumos', name: 'Renamed' });
      expect(h.taskManager.ensureScheduled).not.toHaveBeenCalled();
      expect(h.taskManager.removeIfExists).not.toHaveBeenCalled();
    });

    it('lists what was just written, even before a refresh would show it to a search', async () => {
      const h = createConnectorsHarness();
      const a = await h.client.create(lumosBody);
      const b = await h.client.create({ ...lumosBody, name: 'Second' });
      await h.client.update(a.id, { kind: 'lumos', name: 'Renamed' });
      await h.client.delete(b.id);
      // A search that still answers from before the writes.
      const find = h.savedObjects.find as jest.Mock;
      find.mockResolvedValueOnce({
        saved_objects: [a, b].map((c) => ({ id: c.id, type: CONNECTOR_SAVED_OBJECT_TYPE })),
        total: 2,
        page: 1,
        per_page: 100,
      });
      expect((await h.client.list()).map((c) => c.name)).toEqual(['Renamed']);
    });

    it('replaces settings whole (removed keys are gone)', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.update(id, {
        kind: 'lumos',
        settings: { baseUrl: 'https://lumos.example' },
      });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)?.settings).toEqual({
        baseUrl: 'https://lumos.example',
      });
    });

    it('reschedules on an interval change and removes the task on disable', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.update(id, { kind: 'lumos', interval: '90m' });
      expect(h.taskManager.ensureScheduled).toHaveBeenLastCalledWith(
        expect.objectContaining({ id: `${POLL_TASK_TYPE}:${id}`, schedule: { interval: '90m' } })
      );
      await h.client.update(id, { kind: 'lumos', interval: '2h' });
      expect(h.taskManager.ensureScheduled).toHaveBeenLastCalledWith(
        expect.objectContaining({ schedule: { interval: '2h' } })
      );
      h.taskManager.ensureScheduled.mockClear();
      await h.client.update(id, { kind: 'lumos', enabled: false });
      expect(h.taskManager.removeIfExists).toHaveBeenCalledWith(`${POLL_TASK_TYPE}:${id}`);
      expect(h.taskManager.ensureScheduled).not.toHaveBeenCalled();
      await h.client.update(id, { kind: 'lumos', enabled: true });
      expect(h.taskManager.ensureScheduled).toHaveBeenCalledTimes(1);
    });

    it('asks for the secret again when the destination changes', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      const attempt = h.client.update(id, {
        kind: 'lumos',
        settings: { baseUrl: 'https://attacker.example' },
      });
      await expect(attempt).rejects.toBeInstanceOf(ConnectorValidationError);
      await expect(attempt).rejects.toMatchObject({
        fields: { 'secrets.apiToken': expect.stringContaining('settings.baseUrl changed') },
      });
      // With the secret re-entered it goes through.
      await h.client.update(id, {
        kind: 'lumos',
        settings: { baseUrl: 'https://other.example' },
        secrets: { apiToken: 'lsk_AnotherToken99' },
      });
    });

    it('checks Closer credentials against the stored secrets and drops unused ones', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(closerBody);
      await expect(
        h.client.update(id, {
          kind: 'closer',
          settings: { ...closerBody.settings, authType: 'api_key' },
        })
      ).rejects.toMatchObject({
        fields: { 'secrets.apiKey': 'API key is required for API key authentication' },
      });
      const view = await h.client.update(id, {
        kind: 'closer',
        settings: { ...closerBody.settings, authType: 'api_key' },
        secrets: { apiKey: 'closer-api-key-1' },
      });
      expect(view.secrets).toEqual({ password: { isSet: false }, apiKey: { isSet: true } });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)?.secrets).toEqual({
        apiKey: 'closer-api-key-1',
      });
    });

    it('refuses to change the kind', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await expect(h.client.update(id, { kind: 'closer', name: 'x' })).rejects.toMatchObject({
        fields: { kind: expect.stringContaining('lumos') },
      });
    });

    it('turns a concurrent edit into a conflict and invalidates the unused new key', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      const get = h.savedObjects.get as jest.Mock;
      const realGet = get.getMockImplementation()!;
      get.mockImplementationOnce(async (type: string, objectId: string) => {
        const object = await realGet(type, objectId);
        return { ...object, version: 'stale' };
      });
      // Another user: a new key is granted, then the save loses the race.
      h.security.authc.getCurrentUser.mockReturnValue({
        username: 'someone-else',
        authentication_type: 'realm',
      });
      await expect(h.client.update(id, { kind: 'lumos', name: 'B' })).rejects.toBeInstanceOf(
        ConnectorConflictError
      );
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).toHaveBeenCalledWith({
        ids: ['key-2'],
      });
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toMatchObject({
        apiKeyId: 'key-1',
      });
    });
  });

  describe('delete', () => {
    it('removes the task, both saved objects and the API key', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.delete(id);
      expect(h.taskManager.removeIfExists).toHaveBeenCalledWith(`${POLL_TASK_TYPE}:${id}`);
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)).toBeUndefined();
      expect(h.savedObjects.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, id)).toBeUndefined();
      expect(h.security.authc.apiKeys.invalidateAsInternalUser).toHaveBeenCalledWith({
        ids: ['key-1'],
      });
    });
  });

  describe('runNow', () => {
    it('ensures the task and asks Task Manager to run it soon', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await h.client.runNow(id);
      expect(h.taskManager.runSoon).toHaveBeenCalledWith(`${POLL_TASK_TYPE}:${id}`);
    });

    it('is a conflict when a run is going on, or when the connector is disabled', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      h.taskManager.runSoon.mockRejectedValueOnce(
        Object.assign(new Error(`Failed to run task "x" as it is currently running`), {
          name: 'TaskAlreadyRunningError',
        })
      );
      await expect(h.client.runNow(id)).rejects.toThrow(/already running/);
      await h.client.update(id, { kind: 'lumos', enabled: false });
      await expect(h.client.runNow(id)).rejects.toThrow(/disabled/);
    });
  });

  describe('resolveDraft', () => {
    it('fills secrets from the stored connector when the destination is unchanged', async () => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create(lumosBody);
      await expect(
        h.client.resolveDraft({ kind: 'lumos', id, settings: lumosBody.settings })
      ).resolves.toMatchObject({ secrets: { apiToken: LUMOS_TOKEN }, namespace: 'default' });
      await expect(
        h.client.resolveDraft({ kind: 'lumos', id, settings: { baseUrl: 'https://evil.example' } })
      ).rejects.toBeInstanceOf(ConnectorValidationError);
    });

    it('names the missing secret of an unsaved draft', async () => {
      const h = createConnectorsHarness();
      await expect(h.client.resolveDraft({ kind: 'lumos', settings: {} })).rejects.toMatchObject({
        fields: { 'secrets.apiToken': 'API token is required' },
      });
    });
  });

  describe('stored secrets follow index, query and username (Closer)', () => {
    const changes: Array<[string, Record<string, string>]> = [
      ['index', { index: '.security*' }],
      ['index', { index: '*' }],
      ['query', { query: '{"match_all":{}}' }],
      ['username', { username: 'elastic' }],
    ];

    it.each(changes)('update: changing %s needs the password again', async (field, change) => {
      const h = createConnectorsHarness();
      const { id } = await h.client.create({
        ...closerBody,
        settings: { ...closerBody.settings, index: 'closer', query: '{"term":{"tenant":"a"}}' },
      });
      const stored = h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)?.settings as object;
      const attempt = h.client.update(id, {
        kind: 'closer',
        settings: { ...stored, ...change } as never,
      });
      await expect(attempt).rejects.toMatchObject({
        fields: { 'secrets.password': expect.stringContaining(`settings.${field} changed`) },
      });
      // Nothing was saved.
      expect(h.savedObjects.raw(CONNECTOR_SAVED_OBJECT_TYPE, id)?.settings).toEqual(stored);
      // Re-entered: accepted.
      await h.client.update(id, {
        kind: 'closer',
        settings: { ...stored, ...change } as never,
        secrets: { password: CLOSER_PASSWORD },
      });
    });

    it.each(changes)(
      'test and preview: changing %s needs the password again',
      async (field, change) => {
        const h = createConnectorsHarness();
        const { id } = await h.client.create(closerBody);
        const settings = { ...closerBody.settings, ...change };
        await expect(h.client.resolveDraft({ kind: 'closer', id, settings })).rejects.toMatchObject(
          {
            fields: { 'secrets.password': expect.stringContaining(`settings.${field} changed`) },
          }
        );
        await expect(
          h.client.resolveDraft({
            kind: 'closer',
            id,
            settings,
            secrets: { password: 'typed-again-1' },
          })
        ).resolves.toMatchObject({ secrets: { password: 'typed-again-1' } });
      }
    );

    it('the same for an API key, and unchanged settings still reuse it', async () => {
      const h = createConnectorsHarness();
      const body = {
        ...closerBody,
        settings: { url: closerBody.settings.url, authType: 'api_key' as const },
        secrets: { apiKey: 'stored-api-key-1' },
      };
      const { id } = await h.client.create(body);
      await expect(
        h.client.resolveDraft({
          kind: 'closer',
          id,
          settings: { ...body.settings, index: '.kibana*' },
        })
      ).rejects.toMatchObject({
        fields: { 'secrets.apiKey': expect.stringContaining('settings.index') },
      });
      await expect(
        h.client.resolveDraft({ kind: 'closer', id, settings: body.settings })
      ).resolves.toMatchObject({ secrets: { apiKey: 'stored-api-key-1' } });
    });
  });

  describe('outbound policy (audit_sources.allowedHosts)', () => {
    const strict = () => createConnectorsHarness({ outbound: OutboundPolicy.fromConfig(['*']) });
    const refused: Array<[string, 'lumos' | 'closer', Record<string, string>, RegExp]> = [
      ['settings.url', 'closer', { url: 'http://169.254.169.254/' }, /cloud metadata/],
      ['settings.url', 'closer', { url: 'https://[::ffff:a9fe:a9fe]:9200' }, /cloud metadata/],
      ['settings.url', 'closer', { url: 'http://0x7f.1:9200' }, /loopback/],
      ['settings.url', 'closer', { url: 'http://metadata.google.internal/' }, /cloud metadata/],
      ['settings.proxyUrl', 'closer', { proxyUrl: 'http://10.0.0.1:3128' }, /private/],
      ['settings.baseUrl', 'lumos', { baseUrl: 'http://192.168.1.10' }, /private/],
      ['settings.proxyUrl', 'lumos', { proxyUrl: 'http://localhost:3128' }, /loopback/],
    ];
    const bodyWith = (kind: 'lumos' | 'closer', settings: Record<string, string>) =>
      kind === 'lumos'
        ? { ...lumosBody, settings: { ...lumosBody.settings, ...settings } }
        : { ...closerBody, settings: { ...closerBody.settings, ...settings } };

    it.each(refused)(
      '%s (%s %j) is refused at create, update, test and preview',
      async (field, kind, settings, reason) => {
        const h = strict();
        const body = bodyWith(kind, settings);
        const expected = { fields: { [field]: expect.stringMatching(reason) } };
        await expect(h.client.create(body as never)).rejects.toMatchObject(expected);
        expect(h.security.authc.apiKeys.grantAsInternalUser).not.toHaveBeenCalled();

        const { id } = await h.client.create((kind === 'lumos' ? lumosBody : closerBody) as never);
        await expect(
          h.client.update(id, { kind, settings: body.settings, secrets: body.secrets } as never)
        ).rejects.toMatchObject(expected);
        await expect(
          h.client.resolveDraft({ kind, settings: body.settings, secrets: body.secrets } as never)
        ).rejects.toMatchObject(expected);
        await expect(
          h.client.resolveDraft({
            kind,
            id,
            settings: body.settings,
            secrets: body.secrets,
          } as never)
        ).rejects.toMatchObject(expected);
      }
    );

    it('allows what is listed, and the Lumos default host follows the policy too', async () => {
      const listed = createConnectorsHarness({
        outbound: OutboundPolicy.fromConfig(['*', '10.0.0.0/8']),
      });
      await listed.client.create({
        ...closerBody,
        settings: { ...closerBody.settings, url: 'https://10.1.2.3:9200' },
      });
      const onlyCloser = createConnectorsHarness({
        outbound: OutboundPolicy.fromConfig(['closer.example']),
      });
      await onlyCloser.client.create(closerBody);
      await expect(onlyCloser.client.create({ ...lumosBody, settings: {} })).rejects.toMatchObject({
        fields: { 'settings.baseUrl': expect.stringContaining('api.lumos.com') },
      });
    });

    it('parses a CA certificate on the server and names the field when it does not', async () => {
      const h = createConnectorsHarness();
      const junk =
        '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----';
      await expect(
        h.client.create({ ...lumosBody, settings: { ...lumosBody.settings, caCertificate: junk } })
      ).rejects.toMatchObject({
        fields: {
          'settings.caCertificate': 'Not a valid certificate: the PEM block does not parse',
        },
      });
    });
  });
});
