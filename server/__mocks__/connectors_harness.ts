/*
 * Wires the real connectors client, task scheduler and API-key service to mocked core services,
 * for tests of routes and connector lifecycle.
 */
import type {
  KibanaRequest,
  RequestHandlerContext,
  SavedObject,
  SecurityServiceStart,
} from '@kbn/core/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import type { EncryptedSavedObjectsClient } from '@kbn/encrypted-saved-objects-plugin/server';
import { WriterApiKeys } from '../connectors/api_keys';
import { ConnectorsClient } from '../connectors/connectors_client';
import { CONNECTOR_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import { PollTaskScheduler } from '../tasks/task_scheduler';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import type { RouteServices } from '../routes/types';
import {
  createLoggerMock,
  createMemorySavedObjects,
  createRequest,
  createTaskManagerStartMock,
} from './kibana_core_mocks';
import { testOutbound } from './outbound';

export function createSecurityMock(
  options: { apiKeysEnabled?: boolean; authType?: string; securityEnabled?: boolean } = {}
) {
  let next = 0;
  const security = {
    authc: {
      // Kibana answers null for every request when security is off (authentication_service.ts).
      getCurrentUser: jest.fn((): { username: string; authentication_type: string } | null =>
        options.securityEnabled === false
          ? null
          : { username: 'connector-admin', authentication_type: options.authType ?? 'realm' }
      ),
      apiKeys: {
        areAPIKeysEnabled: jest.fn(async () => options.apiKeysEnabled ?? true),
        grantAsInternalUser: jest.fn(async () => {
          next++;
          return { id: `key-${next}`, name: `key ${next}`, api_key: `granted-secret-${next}` };
        }),
        invalidateAsInternalUser: jest.fn(async (params: { ids: string[] }) => ({
          invalidated_api_keys: params.ids,
          previously_invalidated_api_keys: [],
          error_count: 0,
        })),
      },
    },
  };
  return security as typeof security & SecurityServiceStart;
}

export function createConnectorsHarness(
  options: { apiKeysEnabled?: boolean; securityEnabled?: boolean; outbound?: OutboundPolicy } = {}
) {
  const outbound = options.outbound ?? testOutbound;
  const logger = createLoggerMock();
  const savedObjects = createMemorySavedObjects({
    [CONNECTOR_SAVED_OBJECT_TYPE]: ['secrets', 'apiKey'],
  });
  const taskManager = createTaskManagerStartMock();
  const scheduler = new PollTaskScheduler(taskManager, logger);
  const security = createSecurityMock(options);
  const keys = new WriterApiKeys(security, logger);
  const encryptedSavedObjects = {
    getDecryptedAsInternalUser: jest.fn(async (type: string, id: string) => {
      const raw = savedObjects.raw(type, id);
      if (!raw) throw SavedObjectsErrorHelpers.createGenericNotFoundError(type, id);
      const plain = await savedObjects.get(type, id);
      return { ...plain, attributes: { ...raw } } as SavedObject;
    }) as unknown as EncryptedSavedObjectsClient['getDecryptedAsInternalUser'],
  };
  const clientFor = (request: KibanaRequest = createRequest()) =>
    new ConnectorsClient({
      savedObjects,
      encryptedSavedObjects,
      tasks: scheduler,
      keys,
      request,
      logger,
      outbound,
      space: { id: 'default', namespace: undefined },
    });
  const services: RouteServices = {
    outbound,
    space: () => ({ id: 'default', namespace: undefined }),
    connectorsClient: async (_context: RequestHandlerContext, request: KibanaRequest) =>
      clientFor(request),
  };
  return {
    logger,
    savedObjects,
    taskManager,
    scheduler,
    security,
    encryptedSavedObjects,
    client: clientFor(),
    clientFor,
    services,
  };
}

export const LUMOS_TOKEN = 'lsk_SuperSecretToken123';
export const CLOSER_PASSWORD = 'closer-Password-xyz';

export const lumosBody = {
  kind: 'lumos' as const,
  name: 'Lumos prod',
  enabled: true,
  interval: '5m',
  namespace: 'default',
  settings: { baseUrl: 'https://lumos.example', initialWindow: '7d' },
  secrets: { apiToken: LUMOS_TOKEN },
};

export const closerBody = {
  kind: 'closer' as const,
  name: 'Closer',
  enabled: true,
  interval: '1m',
  namespace: 'prod',
  settings: {
    url: 'https://closer.example:9243',
    authType: 'basic' as const,
    username: 'reader',
  },
  secrets: { password: CLOSER_PASSWORD },
};
