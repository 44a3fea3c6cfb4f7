import type { ConnectorHealth } from '../../common/connectors/health';
import { CLOSER_PASSWORD } from '../__mocks__/connectors_harness';
import {
  CLOSER_CONNECTOR as closer,
  FIRST_RUN as initial,
  RUN_POLL_NOW as NOW,
  runPollHarness,
} from '../__mocks__/run_poll_harness';
import { loopbackOutbound } from '../__mocks__/outbound';
import { CONNECTOR_STATE_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import type { ConnectorStateAttributes } from '../saved_objects/types';
import type { CloserCheckpoint } from '../sources/closer/checkpoint';
import { emptyPollStats, type PollDependencies, type PollStats } from '../sources/poll_types';
import { runPoll, type Pollers } from './run_poll';

/*
 * What runPoll records in health about failed records and about the run in progress (the rules
 * themselves are in server/connectors/health.test.ts).
 */

const ID = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';

/** The dependencies the sources get from runPoll, with the progress hook they call. */
type ProgressDeps = PollDependencies<CloserCheckpoint> & { onProgress: (stats: PollStats) => void };

describe('runPoll health', () => {
  it("records the first pipeline error's reason, redacted, and a partial run", async () => {
    const { deps, state } = runPollHarness({
      id: ID,
      attributes: closer,
      outbound: loopbackOutbound,
      pollers: {
        closer: jest.fn(async () => ({
          stats: {
            ...emptyPollStats(),
            read: 12,
            written: 12,
            pipelineErrors: 4,
            firstPipelineError: `field [user] of type [keyword]: saw ${CLOSER_PASSWORD}`,
          },
          checkpoint: { version: 1 as const, until: NOW.toISOString() },
          caughtUp: true,
        })) as unknown as Pollers['closer'],
      },
    });
    await runPoll({ connectorId: ID }, initial, deps);
    const { health } = state();
    expect(health.status).toBe('degraded');
    expect(health.failedRecords).toMatchObject({ count: 4 });
    expect(health.failedRecords?.message).toContain('field [user] of type [keyword]');
    expect(health.failedRecords?.message).not.toContain(CLOSER_PASSWORD);
    expect(health.recentRuns[0]).toMatchObject({ outcome: 'partial', pipelineErrors: 4 });
    expect(health.recentRuns[0].pipelineError).not.toContain(CLOSER_PASSWORD);
  });

  it('mirrors the counts so far into health with each checkpoint, then into totals', async () => {
    const seen: Array<ConnectorHealth['running']> = [];
    const { deps, state, repository } = runPollHarness({
      id: ID,
      attributes: closer,
      outbound: loopbackOutbound,
      pollers: {
        closer: jest.fn(async (_connector, pollDeps: ProgressDeps) => {
          for (const [written, until] of [
            [100, '2026-02-01T00:00:00.000Z'],
            [250, '2026-02-15T00:00:00.000Z'],
          ] as const) {
            pollDeps.onProgress({ ...emptyPollStats(), read: written, written });
            await pollDeps.checkpoints.save({ version: 1, until });
            seen.push(
              (
                repository.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, ID) as
                  ConnectorStateAttributes | undefined
              )?.health.running
            );
          }
          return {
            stats: { ...emptyPollStats(), read: 300, written: 300 },
            checkpoint: { version: 1 as const, until: NOW.toISOString() },
            caughtUp: true,
          };
        }) as unknown as Pollers['closer'],
      },
    });
    await runPoll({ connectorId: ID }, initial, deps);
    expect(seen.map((running) => running?.written)).toEqual([100, 250]);
    expect(seen[0]?.startedAt).toBe(NOW.toISOString());
    const { health } = state();
    expect(health.running).toBeUndefined();
    expect(health.totals.written).toBe(300);
  });
});
