import type {
  CoreSetup,
  PluginInitializerContext,
  SavedObjectModelUnsafeTransformFn,
  SavedObjectsModelVersionMap,
  SavedObjectsType,
} from '@kbn/core/server';
import type { EncryptedSavedObjectTypeRegistration } from '@kbn/encrypted-saved-objects-plugin/server';
import type { KibanaFeatureConfig } from '@kbn/features-plugin/server';
import { API_PRIVILEGES, ROUTES } from '../common/api/routes';
import { createLoggerMock, createRouterMock } from './__mocks__/kibana_core_mocks';
import { configSchema } from './config';
import {
  AuditSourcesPlugin,
  type AuditSourcesSetupDeps,
  type AuditSourcesStartDeps,
} from './plugin';
import { connectorSchemasV1, connectorSchemasV3 } from './saved_objects/connector_type';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from './saved_objects/constants';
import { POLL_TASK_TYPE } from './tasks/constants';

function setupPlugin() {
  const types: SavedObjectsType[] = [];
  const encrypted: EncryptedSavedObjectTypeRegistration[] = [];
  const features: KibanaFeatureConfig[] = [];
  const taskTypes: string[] = [];
  const router = createRouterMock();
  const context = {
    logger: { get: () => createLoggerMock() },
    config: { get: () => configSchema.validate({}) },
  } as unknown as PluginInitializerContext;
  const plugin = new AuditSourcesPlugin(context as never);
  plugin.setup(
    {
      savedObjects: { registerType: (type: SavedObjectsType) => types.push(type) },
      http: { createRouter: () => router },
      getStartServices: jest.fn(),
    } as unknown as CoreSetup<AuditSourcesStartDeps>,
    {
      encryptedSavedObjects: {
        canEncrypt: true,
        registerType: (registration: EncryptedSavedObjectTypeRegistration) =>
          encrypted.push(registration),
      },
      features: { registerKibanaFeature: (feature: KibanaFeatureConfig) => features.push(feature) },
      taskManager: {
        registerTaskDefinitions: (definitions: Record<string, unknown>) =>
          taskTypes.push(...Object.keys(definitions)),
      },
    } as unknown as AuditSourcesSetupDeps
  );
  return { types, encrypted, features, taskTypes, router };
}

describe('AuditSourcesPlugin.setup', () => {
  it('registers hidden, multiple-isolated, dynamic:false types; version 2 moves them into a space', () => {
    const { types } = setupPlugin();
    expect(types.map((t) => t.name)).toEqual([
      CONNECTOR_SAVED_OBJECT_TYPE,
      CONNECTOR_STATE_SAVED_OBJECT_TYPE,
    ]);
    for (const type of types) {
      expect(type).toMatchObject({
        hidden: true,
        namespaceType: 'multiple-isolated',
        mappings: { dynamic: false },
      });
      const versions = type.modelVersions as SavedObjectsModelVersionMap;
      // The state gained optional health fields in version 3 (failed records, a running count);
      // the connector's version 3 rewrites durations stored in the old grammar; the last version of
      // each checks `kind` against the source registry (connector 3, state 4).
      expect(Object.keys(versions)).toEqual(
        type.name === CONNECTOR_STATE_SAVED_OBJECT_TYPE ? ['1', '2', '3', '4'] : ['1', '2', '3']
      );
      for (const version of Object.keys(versions)) {
        expect(versions[version].schemas).toHaveProperty('forwardCompatibility');
        expect(versions[version].schemas).toHaveProperty('create');
      }
      const [change] = versions['2'].changes;
      if (change.type !== 'unsafe_transform') throw new Error('expected an unsafe_transform');
      // Kibana ≥ 9.1 calls transformFn with a cast and runs what it returns.
      const transform = change.transformFn((fn) => fn as SavedObjectModelUnsafeTransformFn);
      const context = { modelVersion: 2, namespaceType: 'multiple-isolated' as const };
      const agnostic = { id: 'c1', type: type.name, attributes: { kind: 'lumos' } };
      expect(transform(agnostic, context).document).toEqual({
        ...agnostic,
        namespaces: ['default'],
      });
      const placed = { ...agnostic, namespaces: ['team-b'] };
      expect(transform(placed, context).document).toEqual(placed);
    }
  });

  it('encrypts secrets and the writer key, binding them to kind and settings', () => {
    const { encrypted } = setupPlugin();
    expect(encrypted).toHaveLength(1);
    expect(encrypted[0].attributesToEncrypt).toEqual(new Set(['secrets', 'apiKey']));
    expect(encrypted[0].attributesToIncludeInAAD).toEqual(new Set(['kind', 'settings']));
  });

  it('registers the feature with API, app and saved-object privileges', () => {
    const { features } = setupPlugin();
    const privileges = features[0].privileges!;
    expect(features[0]).toMatchObject({ id: 'auditSources', app: ['auditSources'] });
    expect(privileges.all.api).toEqual([API_PRIVILEGES.read, API_PRIVILEGES.write]);
    expect(privileges.read.api).toEqual([API_PRIVILEGES.read]);
    expect(privileges.all.savedObject.all).toContain(CONNECTOR_SAVED_OBJECT_TYPE);
    expect(privileges.read.savedObject.read).toContain(CONNECTOR_SAVED_OBJECT_TYPE);
    expect(privileges.read.savedObject.all).toEqual([]);
    expect(features[0]).not.toHaveProperty('scope');
  });

  it('registers the poll task and every route', () => {
    const { taskTypes, router } = setupPlugin();
    expect(taskTypes).toEqual([POLL_TASK_TYPE]);
    // One route per entry of the API contract (common/api/routes.ts ROUTES), and no other.
    expect(new Set(router.routes.map((r) => r.config.path))).toEqual(
      new Set(Object.values(ROUTES))
    );
  });

  it('validates connector attributes on create (model version 1)', () => {
    const valid = {
      name: 'Lumos',
      kind: 'lumos',
      enabled: true,
      interval: '5m',
      namespace: 'default',
      settings: { baseUrl: 'https://lumos.example' },
      secrets: 'ciphertext',
      secretsSet: ['apiToken'],
    };
    expect(() => connectorSchemasV1.create.validate(valid)).not.toThrow();
    expect(() => connectorSchemasV1.create.validate({ ...valid, kind: 'other' })).toThrow();
    expect(
      connectorSchemasV1.forwardCompatibility.validate({ ...valid, newer: 1 })
    ).not.toHaveProperty('newer');
    // Version 3: any registered kind; a document of a newer Kibana's kind still reads.
    expect(() => connectorSchemasV3.create.validate({ ...valid, kind: 'closer' })).not.toThrow();
    expect(() => connectorSchemasV3.create.validate({ ...valid, kind: 'other' })).toThrow(
      /must be one of lumos, closer/
    );
    expect(() =>
      connectorSchemasV3.forwardCompatibility.validate({ ...valid, kind: 'future' })
    ).not.toThrow();
  });
});

describe('config', () => {
  it('defaults and bounds', () => {
    expect(configSchema.validate({})).toEqual({
      enabled: true,
      taskTimeoutMinutes: 5,
      allowedHosts: ['*'],
      poll: { continueDelaySeconds: 10 },
    });
    expect(() => configSchema.validate({ taskTimeoutMinutes: 1 })).toThrow();
    expect(
      configSchema.validate({ poll: { maxRecordsPerRun: 2000, continueDelaySeconds: 1 } }).poll
    ).toEqual({ maxRecordsPerRun: 2000, continueDelaySeconds: 1 });
    expect(() => configSchema.validate({ poll: { maxRecordsPerRun: 10 } })).toThrow();
    expect(() => configSchema.validate({ poll: { continueDelaySeconds: 0 } })).toThrow();
  });
});
