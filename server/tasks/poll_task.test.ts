import type { CoreSetup, SavedObject } from '@kbn/core/server';
import type {
  ConcreteTaskInstance,
  TaskDefinitionRegistry,
  TaskManagerSetupContract,
} from '@kbn/task-manager-plugin/server';
import { TaskCost } from '@kbn/task-manager-plugin/server';
import { createLoggerMock, createMemorySavedObjects } from '../__mocks__/kibana_core_mocks';
import { LUMOS_TOKEN } from '../__mocks__/connectors_harness';
import type { ConnectorAttributes } from '../saved_objects/types';
import { POLL_TASK_TYPE } from './constants';
import { PollConnectorTask, pollBudgetMs, type PollTaskStartDependencies } from './poll_task';
import { emptyState } from './task_state';
import { pollLumos } from '../sources/lumos/poll';
import { loopbackOutbound } from '../__mocks__/outbound';

jest.mock('../sources/lumos/poll', () => ({
  ...jest.requireActual('../sources/lumos/poll'),
  pollLumos: jest.fn(),
}));

function register() {
  const definitions: TaskDefinitionRegistry = {};
  const taskManager: TaskManagerSetupContract = {
    registerTaskDefinitions: jest.fn((d: TaskDefinitionRegistry) => Object.assign(definitions, d)),
  };
  const asScoped = jest.fn(() => ({ asCurrentUser: { marker: 'scoped' } }));
  const connector: SavedObject<ConnectorAttributes> = {
    id: 'c1',
    type: 'audit-sources-connector',
    references: [],
    attributes: {
      kind: 'lumos',
      name: 'Lumos',
      enabled: true,
      interval: '5m',
      namespace: 'default',
      settings: {},
      secrets: { apiToken: LUMOS_TOKEN },
      secretsSet: ['apiToken'],
      apiKey: 'ZW5jb2RlZA==',
    },
  };
  const core = {
    getStartServices: async () => [
      {
        elasticsearch: { client: { asScoped } },
        savedObjects: { createInternalRepository: () => createMemorySavedObjects() },
      },
      {
        encryptedSavedObjects: {
          getClient: () => ({ getDecryptedAsInternalUser: async () => connector }),
        },
      },
    ],
  } as unknown as CoreSetup<PollTaskStartDependencies>;
  new PollConnectorTask({
    core,
    taskManager,
    logger: createLoggerMock(),
    outbound: loopbackOutbound,
    timeoutMinutes: 5,
  });
  return { definitions, asScoped };
}

describe('PollConnectorTask', () => {
  it('registers one task type with timeout, cost, attempts and a versioned state schema', () => {
    const { definitions } = register();
    const definition = definitions[POLL_TASK_TYPE];
    expect(definition).toMatchObject({ timeout: '5m', cost: TaskCost.Normal, maxAttempts: 3 });
    const v1 = definition.stateSchemaByVersion![1];
    expect(v1.schema.validate(emptyState)).toEqual(emptyState);
    expect(v1.up({})).toEqual(emptyState);
    expect(() => v1.schema.validate({ ...emptyState, apiToken: 'x' })).toThrow();
    expect(definition.paramsSchema!.validate({ connectorId: 'c1' })).toEqual({ connectorId: 'c1' });
  });

  it('keeps the run budget under the timeout', () => {
    expect(pollBudgetMs(5)).toBe(240_000);
    expect(pollBudgetMs(2)).toBe(60_000);
  });

  it.each([
    ['abortController (9.4)', (c: AbortController) => ({ abortController: c })],
    ['signal (9.5+)', (c: AbortController) => ({ signal: c.signal })],
  ])(
    'runs with the abort signal of a run context with %s and the connector key as ES identity',
    async (_shape, contextSignal) => {
      const { definitions, asScoped } = register();
      const abortController = new AbortController();
      (pollLumos as jest.Mock).mockImplementation(async (_config, _token, deps) => {
        expect(deps.signal).toBe(abortController.signal);
        expect(deps.esClient).toEqual({ marker: 'scoped' });
        return {
          stats: { requests: 1, read: 0, written: 0, duplicates: 0, pipelineErrors: 0, retries: 0 },
          checkpoint: { version: 1, watermark: '2026-01-01T00:00:00Z' },
          caughtUp: true,
        };
      });
      const runner = definitions[POLL_TASK_TYPE].createTaskRunner({
        taskInstance: {
          id: `${POLL_TASK_TYPE}:c1`,
          params: { connectorId: 'c1' },
          state: emptyState,
        } as unknown as ConcreteTaskInstance,
        ...contextSignal(abortController),
      });
      await expect(runner.run()).resolves.toMatchObject({
        state: { runs: 1, consecutiveFailures: 0 },
        schedule: { interval: '5m' },
      });
      expect(pollLumos).toHaveBeenCalled();
      expect(asScoped).toHaveBeenCalledWith({ headers: { authorization: 'ApiKey ZW5jb2RlZA==' } });
    }
  );
});
