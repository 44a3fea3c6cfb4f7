/*
 * The dependencies of runPoll wired to an in-memory state repository and a captured logger, for
 * the runPoll tests. The pollers are the tests' own: what runPoll does around them is under test.
 */
import type { ElasticsearchClient, SavedObject } from '@kbn/core/server';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import {
  CONNECTOR_SAVED_OBJECT_TYPE,
  CONNECTOR_STATE_SAVED_OBJECT_TYPE,
} from '../saved_objects/constants';
import type { ConnectorAttributes, ConnectorStateAttributes } from '../saved_objects/types';
import type { CloserCheckpoint } from '../sources/closer/checkpoint';
import { emptyPollStats, type PollOutcome } from '../sources/poll_types';
import type { Pollers, RunPollDependencies } from '../tasks/run_poll';
import { CLOSER_PASSWORD } from './connectors_harness';
import { createLoggerMock, createMemorySavedObjects } from './kibana_core_mocks';

/** The clock of every runPoll test. */
export const RUN_POLL_NOW = new Date('2026-03-01T12:00:00Z');

/** The task state of a connector's first run. */
export const FIRST_RUN = { runs: 0, consecutiveFailures: 0 };

export const CLOSER_CONNECTOR: ConnectorAttributes = {
  kind: 'closer',
  name: 'Closer',
  enabled: true,
  interval: '1m',
  namespace: 'default',
  settings: { url: 'https://closer.example', authType: 'basic', username: 'reader' },
  secrets: { password: CLOSER_PASSWORD },
  secretsSet: ['password'],
};

/** What a Closer poll returns that read everything up to RUN_POLL_NOW. */
export function closerCaughtUp(): PollOutcome<CloserCheckpoint> {
  return {
    stats: emptyPollStats(),
    checkpoint: { version: 1, until: RUN_POLL_NOW.toISOString() },
    caughtUp: true,
  };
}

export interface RunPollHarnessOptions {
  id: string;
  /** The decrypted connector runPoll loads; undefined when it was deleted. */
  attributes: ConnectorAttributes | undefined;
  pollers: Partial<Pollers>;
  outbound: OutboundPolicy;
}

export function runPollHarness({ id, attributes, pollers, outbound }: RunPollHarnessOptions) {
  const repository = createMemorySavedObjects();
  const logger = createLoggerMock();
  const controller = new AbortController();
  const esClient = {} as ElasticsearchClient;
  const esClientFor = jest.fn(() => esClient);
  const saved = (a: ConnectorAttributes): SavedObject<ConnectorAttributes> => ({
    id,
    type: CONNECTOR_SAVED_OBJECT_TYPE,
    attributes: a,
    references: [],
  });
  const deps: RunPollDependencies & { pollers: Required<Pick<Pollers, 'lumos' | 'closer'>> } = {
    loadConnector: async () => (attributes ? saved(attributes) : undefined),
    stateRepository: repository,
    esClientFor,
    pollers: {
      lumos: pollers.lumos ?? jest.fn(),
      closer: pollers.closer ?? jest.fn(),
    },
    outbound,
    logger,
    signal: controller.signal,
    budgetMs: 240_000,
    now: () => RUN_POLL_NOW,
  };
  /** The connector's state as saved, read raw (undefined typed away: most tests expect one). */
  const state = () =>
    repository.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, id) as unknown as ConnectorStateAttributes;
  return { deps, repository, logger, controller, state, esClientFor };
}
