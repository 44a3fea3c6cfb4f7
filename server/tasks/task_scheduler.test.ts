import { createLoggerMock, createTaskManagerStartMock } from '../__mocks__/kibana_core_mocks';
import { POLL_TASK_TYPE, pollTaskId, taskInterval } from './constants';
import { PollTaskScheduler } from './task_scheduler';
import type { ConcreteTaskInstance } from '@kbn/task-manager-plugin/server';

function task(id: string): ConcreteTaskInstance {
  return {
    id,
    taskType: POLL_TASK_TYPE,
    runAt: new Date('2026-01-01T00:05:00Z'),
  } as ConcreteTaskInstance;
}

describe('taskInterval', () => {
  it.each([
    ['1m', '1m'],
    ['90m', '90m'],
    ['60m', '1h'],
    ['24h', '24h'],
    ['1d', '24h'],
    ['90s', '90s'],
    ['120s', '2m'],
  ])('%s → %s', (interval, expected) => expect(taskInterval(interval)).toBe(expected));
});

describe('PollTaskScheduler', () => {
  it('reconciles: ensures enabled connectors, removes tasks of disabled and deleted ones', async () => {
    const taskManager = createTaskManagerStartMock();
    taskManager.fetch.mockResolvedValue({
      docs: [task(pollTaskId('a')), task(pollTaskId('b')), task(pollTaskId('gone'))],
    });
    const scheduler = new PollTaskScheduler(taskManager, createLoggerMock());
    const result = await scheduler.reconcile([
      { id: 'a', enabled: true, interval: '5m', spaceId: 'default' },
      { id: 'b', enabled: false, interval: '5m', spaceId: 'default' },
      { id: 'c', enabled: true, interval: '1h', spaceId: 'team-b' },
    ]);
    expect(result).toEqual({ ensured: 2, removed: 2, failed: 0 });
    expect(
      taskManager.ensureScheduled.mock.calls.map(([t]) => [t.id, t.schedule, t.params])
    ).toEqual([
      [pollTaskId('a'), { interval: '5m' }, { connectorId: 'a', spaceId: 'default' }],
      [pollTaskId('c'), { interval: '1h' }, { connectorId: 'c', spaceId: 'team-b' }],
    ]);
    expect(taskManager.removeIfExists.mock.calls.map(([id]) => id).sort()).toEqual(
      [pollTaskId('b'), pollTaskId('gone')].sort()
    );
  });

  it('keeps reconciling when one connector fails', async () => {
    const taskManager = createTaskManagerStartMock();
    taskManager.ensureScheduled.mockRejectedValueOnce(new Error('boom'));
    const logger = createLoggerMock();
    const scheduler = new PollTaskScheduler(taskManager, logger);
    const result = await scheduler.reconcile([
      { id: 'a', enabled: true, interval: '5m', spaceId: 'default' },
      { id: 'b', enabled: true, interval: '5m', spaceId: 'default' },
    ]);
    expect(result).toEqual({ ensured: 1, removed: 0, failed: 1 });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('connector a'));
  });

  it('reports next runs by connector, and nothing when Task Manager cannot answer', async () => {
    const taskManager = createTaskManagerStartMock();
    taskManager.fetch.mockResolvedValueOnce({ docs: [task(pollTaskId('a'))] });
    const scheduler = new PollTaskScheduler(taskManager, createLoggerMock());
    expect(await scheduler.nextRuns()).toEqual(new Map([['a', '2026-01-01T00:05:00.000Z']]));
    taskManager.fetch.mockRejectedValueOnce(new Error('no index'));
    expect(await scheduler.nextRuns()).toEqual(new Map());
  });
});
