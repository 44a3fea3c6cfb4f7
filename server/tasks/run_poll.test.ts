import type { SourceConnector, SourcePoll } from '../sources/server_source';
import type { LumosCheckpoint } from '../sources/lumos/checkpoint';
import type { CloserCheckpoint } from '../sources/closer/checkpoint';
import { CLOSER_PASSWORD, LUMOS_TOKEN } from '../__mocks__/connectors_harness';
import {
  CLOSER_CONNECTOR as closer,
  closerCaughtUp,
  FIRST_RUN as initial,
  RUN_POLL_NOW as NOW,
  runPollHarness,
} from '../__mocks__/run_poll_harness';
import { CONNECTOR_STATE_SAVED_OBJECT_TYPE } from '../saved_objects/constants';
import type { ConnectorAttributes } from '../saved_objects/types';
import { emptyPollStats, type PollDependencies } from '../sources/poll_types';
import { CONTINUE_BACKFILL_DELAY_MS } from './constants';
import { runPoll, type Pollers } from './run_poll';
import { loopbackOutbound } from '../__mocks__/outbound';

const ID = '0b7a3c1e-6d2f-4a8e-9c1b-2f3e4d5a6b7c';

const lumos: ConnectorAttributes = {
  kind: 'lumos',
  name: 'Lumos',
  enabled: true,
  interval: '5m',
  namespace: 'default',
  settings: { initialWindow: '7d' },
  secrets: { apiToken: LUMOS_TOKEN },
  secretsSet: ['apiToken'],
  apiKey: Buffer.from('kid:writer-key-secret').toString('base64'),
  apiKeyId: 'kid',
};

function setup(attributes: ConnectorAttributes | undefined, pollers: Partial<Pollers>) {
  return runPollHarness({ id: ID, attributes, pollers, outbound: loopbackOutbound });
}

describe('runPoll', () => {
  it('leaves a connector of a source this Kibana lacks alone: not polled, schedule kept', async () => {
    const future = { ...lumos, kind: 'future' } as unknown as ConnectorAttributes;
    const { deps, logger } = setup(future, {});
    const result = await runPoll({ connectorId: ID }, initial, deps);
    expect(result).toEqual({
      state: { runs: 1, consecutiveFailures: 0 },
      schedule: { interval: '5m' },
    });
    expect(deps.pollers.lumos).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('"future"'));
  });

  it('saves the checkpoint after each batch the source writes, then records success', async () => {
    const windows = [
      '2026-02-25T00:00:00.000Z',
      '2026-02-27T00:00:00.000Z',
      '2026-03-01T11:59:00.000Z',
    ];
    const seen: string[] = [];
    const { deps, repository, state } = setup(lumos, {
      lumos: jest.fn(
        async (connector: SourceConnector, pollDeps: PollDependencies<LumosCheckpoint>) => {
          expect(connector.secrets.apiToken).toBe(LUMOS_TOKEN);
          expect(pollDeps.budget?.deadline).toBe(NOW.getTime() + 240_000);
          expect(await pollDeps.checkpoints.load()).toBeUndefined();
          for (const watermark of windows) {
            await pollDeps.checkpoints.save({ version: 1, watermark });
            seen.push(
              (repository.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, ID)?.checkpoint as LumosCheckpoint)
                .watermark
            );
          }
          return {
            stats: { ...emptyPollStats(), read: 30, written: 28, duplicates: 2 },
            checkpoint: { version: 1 as const, watermark: windows[2] },
            caughtUp: true,
          };
        }
      ) as unknown as Pollers['lumos'],
    });
    const result = await runPoll({ connectorId: ID }, initial, deps);

    // Durable after every window, before the source moved on.
    expect(seen).toEqual(windows);
    expect(result).toEqual({
      state: { runs: 1, consecutiveFailures: 0 },
      schedule: { interval: '5m' },
    });
    const { health } = state();
    expect(health).toMatchObject({
      status: 'healthy',
      totals: { read: 30, written: 28, duplicates: 2, pipelineErrors: 0 },
      backfill: { complete: true, from: '2026-02-22T12:00:00.000Z', cursor: windows[2] },
      lastSuccessAt: NOW.toISOString(),
      lagMs: 60_000,
    });
    expect(health.recentRuns[0]).toMatchObject({ outcome: 'success', caughtUp: true, written: 28 });
  });

  it('continues a backfill soon when the budget ended the run', async () => {
    const { deps, state } = setup(closer, {
      closer: jest.fn(async (_connector, pollDeps) => {
        await pollDeps.checkpoints.save({ version: 1, until: '2025-01-01T00:00:00.000Z' });
        return {
          stats: { ...emptyPollStats(), read: 1000, written: 1000 },
          checkpoint: { version: 1, until: '2025-01-01T00:00:00.000Z' },
          caughtUp: false,
        };
      }) as unknown as Pollers['closer'],
    });
    const result = await runPoll({ connectorId: ID }, initial, deps);
    expect(result.runAt).toEqual(new Date(NOW.getTime() + CONTINUE_BACKFILL_DELAY_MS));
    expect(result.schedule).toBeUndefined();
    expect(state().health).toMatchObject({
      status: 'healthy',
      backfill: { complete: false, cursor: '2025-01-01T00:00:00.000Z' },
    });
    expect(state().health.recentRuns[0].outcome).toBe('partial');
  });

  it('passes the configured record budget down and continues after the configured delay', async () => {
    const { deps } = setup(closer, {
      closer: jest.fn(async (_connector, pollDeps: PollDependencies<CloserCheckpoint>) => {
        expect(pollDeps.budget).toEqual({ deadline: NOW.getTime() + 240_000, maxRecords: 2000 });
        return {
          stats: { ...emptyPollStats(), read: 2000, written: 2000 },
          checkpoint: { version: 1 as const, until: '2025-01-01T00:00:00.000Z' },
          caughtUp: false,
        };
      }) as unknown as Pollers['closer'],
    });
    const result = await runPoll({ connectorId: ID }, initial, {
      ...deps,
      maxRecordsPerRun: 2000,
      continueDelayMs: 1000,
    });
    expect(result.runAt).toEqual(new Date(NOW.getTime() + 1000));
  });

  it("starts a Closer 'everything' backfill at the oldest record, not at the first page's end", async () => {
    const oldest = Date.parse('2024-06-01T08:00:00.000Z');
    const firstPageEnd = '2024-06-03T00:00:00.000Z';
    const { deps, state } = setup(
      { ...closer, settings: { ...closer.settings, initialWindow: 'everything' } },
      {
        closer: jest.fn(async (_connector, pollDeps: PollDependencies<CloserCheckpoint>) => {
          // What pollCloser does on a first cycle: report the oldest record, then checkpoint.
          await pollDeps.onFirstRecord?.(oldest);
          await pollDeps.checkpoints.save({ version: 1, until: firstPageEnd });
          // A later report (or a second cycle) never moves the start.
          await pollDeps.onFirstRecord?.(Date.parse('2025-01-01T00:00:00.000Z'));
          return {
            stats: { ...emptyPollStats(), read: 1000, written: 1000 },
            checkpoint: { version: 1 as const, until: firstPageEnd },
            caughtUp: false,
          };
        }) as unknown as Pollers['closer'],
      }
    );
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state().health.backfill).toEqual({
      complete: false,
      from: new Date(oldest).toISOString(),
      cursor: firstPageEnd,
    });
  });

  it('keeps a fixed initial window as the backfill start even when the first record is later', async () => {
    const { deps, state } = setup(
      { ...closer, settings: { ...closer.settings, initialWindow: '7d' } },
      {
        closer: jest.fn(async (_connector, pollDeps: PollDependencies<CloserCheckpoint>) => {
          await pollDeps.onFirstRecord?.(NOW.getTime() - 86_400_000);
          await pollDeps.checkpoints.save({ version: 1, until: NOW.toISOString() });
          return closerCaughtUp();
        }) as unknown as Pollers['closer'],
      }
    );
    await runPoll({ connectorId: ID }, initial, deps);
    expect(state().health.backfill.from).toBe(
      new Date(NOW.getTime() - 7 * 86_400_000).toISOString()
    );
  });

  it('records a failure as health, secrets redacted, instead of throwing', async () => {
    const { deps, state, logger } = setup(closer, {
      closer: jest.fn(async (_connector, pollDeps) => {
        await pollDeps.checkpoints.save({ version: 1, until: '2026-02-01T00:00:00.000Z' });
        throw new Error(`401 for user reader with password ${CLOSER_PASSWORD}`);
      }) as unknown as Pollers['closer'],
    });
    const result = await runPoll({ connectorId: ID }, { runs: 4, consecutiveFailures: 1 }, deps);
    expect(result).toEqual({
      state: { runs: 5, consecutiveFailures: 2 },
      schedule: { interval: '1m' },
    });
    const { health, checkpoint } = state();
    expect(health.status).toBe('failing');
    expect(health.lastError?.message).toBe('401 for user reader with password [redacted]');
    expect(health.recentRuns[0]).toMatchObject({
      outcome: 'failure',
      error: health.lastError?.message,
    });
    // The checkpoint saved before the failure stays: the next run resumes there.
    expect(checkpoint).toMatchObject({ until: '2026-02-01T00:00:00.000Z' });
    const logged = logger.messages().join('\n');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(CLOSER_PASSWORD);
    expect(JSON.stringify(state())).not.toContain(CLOSER_PASSWORD);
  });

  it("explains a 403 from the destination: the data stream, the key's owner and the fix", async () => {
    const { deps, state } = setup(
      { ...lumos, apiKeyOwner: 'alice' },
      {
        lumos: jest.fn(async () => {
          throw Object.assign(
            new Error('security_exception: action [indices:data/write/bulk] is unauthorized'),
            { name: 'ResponseError', meta: { statusCode: 403 } }
          );
        }) as unknown as Pollers['lumos'],
      }
    );
    await runPoll({ connectorId: ID }, initial, deps);
    const { health } = state();
    expect(health.status).toBe('failing');
    expect(health.lastError?.message).toMatch(
      /^Elasticsearch refused access to logs-lumos\.activity_logs-default \(403\): .*user "alice".*create_doc, auto_configure and read.*Elasticsearch said: security_exception: action \[indices:data\/write\/bulk\] is unauthorized$/
    );
  });

  it('passes the abort signal down and records a cancelled run as degraded', async () => {
    const { deps, state, controller } = setup(lumos, {});
    deps.pollers.lumos = jest.fn(
      async (_connector, pollDeps: PollDependencies<LumosCheckpoint>) => {
        expect(pollDeps.signal).toBe(controller.signal);
        await pollDeps.checkpoints.save({ version: 1, watermark: '2026-02-28T00:00:00.000Z' });
        controller.abort();
        throw Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
      }
    ) as unknown as SourcePoll;
    await expect(runPoll({ connectorId: ID }, initial, deps)).resolves.toMatchObject({
      state: { consecutiveFailures: 1 },
    });
    expect(state().health).toMatchObject({
      status: 'degraded',
      backfill: { cursor: '2026-02-28T00:00:00.000Z' },
      lastError: { message: expect.stringContaining('cancelled') },
    });
    expect(state().health.recentRuns[0].outcome).toBe('partial');
  });

  it('writes with the connector API key client and keeps the key out of state and logs', async () => {
    const { deps, esClientFor, state, logger } = setup(lumos, {
      lumos: jest.fn(async () => ({
        stats: emptyPollStats(),
        checkpoint: { version: 1 as const, watermark: NOW.toISOString() },
        caughtUp: true,
      })) as unknown as Pollers['lumos'],
    });
    await runPoll({ connectorId: ID }, initial, deps);
    expect(esClientFor).toHaveBeenCalledWith(lumos);
    const everything = JSON.stringify([state(), logger.messages()]);
    expect(everything).not.toContain('writer-key-secret');
    expect(everything).not.toContain(lumos.apiKey);
    expect(everything).not.toContain(LUMOS_TOKEN);
  });

  it('deletes its own task when the connector is gone or disabled', async () => {
    const gone = setup(undefined, {});
    await expect(runPoll({ connectorId: ID }, initial, gone.deps)).resolves.toMatchObject({
      shouldDeleteTask: true,
    });
    const off = setup({ ...lumos, enabled: false }, {});
    await expect(runPoll({ connectorId: ID }, initial, off.deps)).resolves.toMatchObject({
      shouldDeleteTask: true,
    });
    expect(off.deps.pollers.lumos).not.toHaveBeenCalled();
  });

  it('stops without recording when another run changed the state (optimistic concurrency)', async () => {
    const { deps, repository, logger } = setup(lumos, {});
    deps.pollers.lumos = jest.fn(
      async (_connector, pollDeps: PollDependencies<LumosCheckpoint>) => {
        // Another run (Task Manager re-ran a timed-out task elsewhere) writes in between.
        await repository.update(CONNECTOR_STATE_SAVED_OBJECT_TYPE, ID, { kind: 'lumos' });
        await pollDeps.checkpoints.save({ version: 1, watermark: '2026-02-28T00:00:00.000Z' });
        return {
          stats: emptyPollStats(),
          checkpoint: { version: 1, watermark: 'x' },
          caughtUp: true,
        };
      }
    ) as unknown as SourcePoll;
    const result = await runPoll({ connectorId: ID }, initial, deps);
    expect(result).toMatchObject({ state: { runs: 1, consecutiveFailures: 0 } });
    expect(repository.raw(CONNECTOR_STATE_SAVED_OBJECT_TYPE, ID)?.checkpoint).toBeUndefined();
    expect(logger.messages().join('\n')).toMatch(/changed by another writer/);
  });

  it('records a connector it cannot decrypt without throwing', async () => {
    const { deps, logger } = setup(lumos, {});
    deps.loadConnector = async () => {
      throw new Error('Unable to decrypt attribute "secrets"');
    };
    await expect(runPoll({ connectorId: ID }, initial, deps)).resolves.toEqual({
      state: { runs: 1, consecutiveFailures: 1 },
    });
    expect(logger.error).toHaveBeenCalled();
  });
});
