import type { CoreSetup, Logger } from '@kbn/core/server';
import type { EncryptedSavedObjectsPluginStart } from '@kbn/encrypted-saved-objects-plugin/server';
import { SavedObjectsErrorHelpers } from '@kbn/core/server';
import { schema } from '@kbn/config-schema';
import {
  TaskCost,
  type RunContext,
  type TaskManagerSetupContract,
  type TaskManagerStartContract,
} from '@kbn/task-manager-plugin/server';
import { DEFAULT_SPACE_ID } from '../../common/spaces';
import { writerFakeRequest } from '../connectors/api_keys';
import { spaceIdToNamespace } from '../lib/spaces';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import { CONNECTOR_SAVED_OBJECT_TYPE, HIDDEN_TYPES } from '../saved_objects/constants';
import { inNamespace } from '../saved_objects/namespaced_repository';
import type { ConnectorAttributes } from '../saved_objects/types';
import { POLL_TASK_TYPE } from './constants';
import { runPoll, type PollTaskParams } from './run_poll';
import { runSignal } from './run_signal';
import { PollTaskScheduler } from './task_scheduler';
import { emptyState, stateSchemaByVersion, type LatestTaskStateSchema } from './task_state';

export interface PollTaskStartDependencies {
  encryptedSavedObjects: EncryptedSavedObjectsPluginStart;
}

export interface PollTaskOptions {
  core: CoreSetup<PollTaskStartDependencies>;
  taskManager: TaskManagerSetupContract;
  logger: Logger;
  /** Where sources may be reached (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  /** Task Manager timeout, minutes. */
  timeoutMinutes: number;
  /** Records after which a run stops (config `poll.maxRecordsPerRun`); unset: time budget only. */
  maxRecordsPerRun?: number;
  /** Pause before the next run of an unfinished backfill (config `poll.continueDelaySeconds`). */
  continueDelayMs?: number;
}

/** The run stops starting new pages this long before the timeout, to finish its last batch. */
export const BUDGET_MARGIN_MS = 60_000;

export function pollBudgetMs(timeoutMinutes: number): number {
  const timeoutMs = timeoutMinutes * 60_000;
  return Math.max(30_000, timeoutMs - BUDGET_MARGIN_MS);
}

function toLatestState(state: Record<string, unknown>): LatestTaskStateSchema {
  return stateSchemaByVersion[1].up(state);
}

/**
 * Registers `audit-sources:poll` in the constructor (setup) and hands out the scheduler in
 * `start`, as the SLO health-scan and Fleet unenroll tasks do. The run itself is run_poll.ts.
 */
export class PollConnectorTask {
  private readonly logger: Logger;
  private scheduler: PollTaskScheduler | undefined;

  constructor(private readonly options: PollTaskOptions) {
    this.logger = options.logger.get('poll');
    const timeout = `${options.timeoutMinutes}m`;
    this.logger.debug(`Registering ${POLL_TASK_TYPE} with a ${timeout} timeout`);
    options.taskManager.registerTaskDefinitions({
      [POLL_TASK_TYPE]: {
        title: 'Audit Sources: poll a connector',
        description: 'Reads new events from one Lumos or Closer connector into its data stream',
        timeout,
        // Network-bound, one source at a time: a normal task.
        cost: TaskCost.Normal,
        // The runner records failures as health instead of throwing; attempts only count crashes.
        maxAttempts: 3,
        stateSchemaByVersion,
        paramsSchema: schema.object({
          connectorId: schema.string(),
          spaceId: schema.maybe(schema.string()),
        }),
        createTaskRunner: (context: RunContext) => this.createRunner(context),
      },
    });
  }

  start(taskManager: TaskManagerStartContract): PollTaskScheduler {
    this.scheduler = new PollTaskScheduler(taskManager, this.logger);
    return this.scheduler;
  }

  private createRunner(context: RunContext) {
    const { taskInstance } = context;
    return {
      run: async () => {
        const params = taskInstance.params as unknown as PollTaskParams;
        const [coreStart, { encryptedSavedObjects }] = await this.options.core.getStartServices();
        const namespace = spaceIdToNamespace(params.spaceId ?? DEFAULT_SPACE_ID);
        return runPoll(params, toLatestState(taskInstance.state ?? emptyState), {
          // Inside loadConnector, so that any failure to get at the secrets (no encryption key,
          // a changed key) becomes the connector's failing health, not only a log line.
          loadConnector: async (id) => {
            try {
              const esoClient = encryptedSavedObjects.getClient({
                includedHiddenTypes: [CONNECTOR_SAVED_OBJECT_TYPE],
              });
              return await esoClient.getDecryptedAsInternalUser<ConnectorAttributes>(
                CONNECTOR_SAVED_OBJECT_TYPE,
                id,
                { namespace }
              );
            } catch (error) {
              if (SavedObjectsErrorHelpers.isNotFoundError(error as Error)) return undefined;
              throw error;
            }
          },
          stateRepository: inNamespace(
            coreStart.savedObjects.createInternalRepository(HIDDEN_TYPES),
            namespace
          ),
          // Documents are written as the connector's owner, never as kibana_system.
          esClientFor: (connector) =>
            coreStart.elasticsearch.client.asScoped(writerFakeRequest(connector.apiKey))
              .asCurrentUser,
          apiKeysEnabled: () => coreStart.security.authc.apiKeys.areAPIKeysEnabled(),
          outbound: this.options.outbound,
          logger: this.logger,
          signal: runSignal(context),
          budgetMs: pollBudgetMs(this.options.timeoutMinutes),
          maxRecordsPerRun: this.options.maxRecordsPerRun,
          continueDelayMs: this.options.continueDelayMs,
        });
      },
      // The signal does the work: the sources stop at their next await and keep the checkpoint.
      cancel: async () => {},
    };
  }
}
