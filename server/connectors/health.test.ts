import { MAX_HEALTH_MESSAGE_CHARS } from '../../common/connectors/health';
import {
  initialHealth,
  nextFailedRecords,
  recordFailure,
  recordProgress,
  recordSuccess,
  withCappedMessages,
  type FinishedRun,
  type RunCounts,
} from './health';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const minute = 60_000;

function run(n: number, counts: Partial<RunCounts>, extra: Partial<FinishedRun> = {}): FinishedRun {
  return {
    startedAt: new Date(T0 + n * minute),
    finishedAt: new Date(T0 + n * minute + 1000),
    counts: { read: 0, written: 0, duplicates: 0, pipelineErrors: 0, ...counts },
    caughtUp: true,
    ...extra,
  };
}

const FAILED = run(0, { read: 10, written: 10, pipelineErrors: 4 }, { pipelineError: 'bad time' });

describe('connector health: failed records', () => {
  it('a run with pipeline errors is degraded, partial, and says how many and why', () => {
    const health = recordSuccess(initialHealth(), FAILED);
    expect(health.status).toBe('degraded');
    expect(health.failedRecords).toEqual({
      count: 4,
      since: FAILED.startedAt.toISOString(),
      at: FAILED.finishedAt.toISOString(),
      message: 'bad time',
    });
    expect(health.recentRuns[0]).toMatchObject({
      outcome: 'partial',
      pipelineErrors: 4,
      pipelineError: 'bad time',
    });
  });

  it('stays degraded through runs that write nothing new (no data, only duplicates)', () => {
    let health = recordSuccess(initialHealth(), FAILED);
    health = recordSuccess(health, run(1, {}));
    health = recordSuccess(health, run(2, { read: 3, duplicates: 3 }));
    expect(health.status).toBe('degraded');
    expect(health.failedRecords?.count).toBe(4);
    // Those runs themselves succeeded.
    expect(health.recentRuns[0].outcome).toBe('success');
  });

  it('adds up failed records across runs until a clean run, which clears the warning', () => {
    let health = recordSuccess(initialHealth(), FAILED);
    health = recordSuccess(health, run(1, { read: 2, written: 2, pipelineErrors: 2 }));
    // The newest run's reason, or the earlier one when the source gave none this time.
    expect(health.failedRecords).toMatchObject({
      count: 6,
      since: FAILED.startedAt.toISOString(),
      message: 'bad time',
    });
    health = recordSuccess(health, run(2, { read: 5, written: 5 }));
    expect(health.status).toBe('healthy');
    expect(health.failedRecords).toBeUndefined();
    // The records still exist: totals keep counting them.
    expect(health.totals.pipelineErrors).toBe(6);
  });

  it('keeps the warning through a failed run, and is degraded again when the source recovers', () => {
    let health = recordSuccess(initialHealth(), FAILED);
    health = recordFailure(health, run(1, {}), 'Closer refused the login (401)');
    expect(health.status).toBe('failing');
    expect(health.failedRecords?.count).toBe(4);
    health = recordSuccess(health, run(2, {}));
    expect(health.status).toBe('degraded');
  });

  it('says success only for a run that caught up with every record mapped', () => {
    expect(recordSuccess(initialHealth(), run(0, { written: 1 })).recentRuns[0].outcome).toBe(
      'success'
    );
    expect(
      recordSuccess(initialHealth(), run(0, { written: 1 }, { caughtUp: false })).recentRuns[0]
        .outcome
    ).toBe('partial');
  });

  it('nextFailedRecords is the rule on its own', () => {
    const open = { count: 1, since: 'a', at: 'b' };
    expect(nextFailedRecords(undefined, run(0, { written: 3 }))).toBeUndefined();
    expect(nextFailedRecords(open, run(0, { written: 3 }))).toBeUndefined();
    expect(nextFailedRecords(open, run(0, { duplicates: 3 }))).toBe(open);
    expect(nextFailedRecords(undefined, run(0, {}))).toBeUndefined();
  });
});

describe('connector health: the run in progress', () => {
  it('shows counts so far and drops them when the run ends, into totals', () => {
    const started = new Date(T0);
    let health = recordProgress(initialHealth(), started, {
      read: 500,
      written: 480,
      duplicates: 20,
      pipelineErrors: 0,
    });
    expect(health.running).toEqual({
      startedAt: started.toISOString(),
      read: 500,
      written: 480,
      duplicates: 20,
      pipelineErrors: 0,
    });
    expect(health.totals.written).toBe(0);
    health = recordSuccess(health, run(0, { read: 1000, written: 980, duplicates: 20 }));
    expect(health.running).toBeUndefined();
    expect(health.totals.written).toBe(980);
    expect(
      recordFailure(recordProgress(health, started, health.totals), run(1, {}), 'x').running
    ).toBeUndefined();
  });
});

describe('withCappedMessages', () => {
  it('caps the failed-records reason and each run reason', () => {
    const long = 'x'.repeat(MAX_HEALTH_MESSAGE_CHARS + 10);
    const health = withCappedMessages(
      recordSuccess(
        initialHealth(),
        run(0, { written: 1, pipelineErrors: 1 }, { pipelineError: long })
      )
    );
    expect(health.failedRecords?.message).toHaveLength(MAX_HEALTH_MESSAGE_CHARS);
    expect(health.failedRecords?.message?.endsWith(' [cut]')).toBe(true);
    expect(health.recentRuns[0].pipelineError).toHaveLength(MAX_HEALTH_MESSAGE_CHARS);
  });
});
