import { TaskTypeDictionary } from './task_manager/definitions';
import { startFixtureHost } from './host_fixture';
import { callHost, waitFor } from './test_helpers';

interface TaskDoc {
  task: {
    status: string;
    state: string;
    stateVersion?: number;
    attempts: number;
    runAt: string;
    apiKey?: string;
    userScope?: { apiKeyId: string };
  };
}

describe('kibana host: task manager', () => {
  let ctx: Awaited<ReturnType<typeof startFixtureHost>>;
  const call = <T = Record<string, unknown>>(
    path: string,
    options: Parameters<typeof callHost>[2] = {}
  ) => callHost<T>(ctx.host.url, path, { as: ctx.superuser, ...options });
  const taskDoc = async (id: string) => {
    const result = await ctx.admin.get<TaskDoc>(
      { index: `${ctx.indexPrefix}_task_manager`, id: `task:${id}` },
      { ignore: [404] }
    );
    return result.found ? result._source!.task : undefined;
  };
  const stateOf = async (id: string) =>
    JSON.parse((await taskDoc(id))?.state ?? '{}') as Record<string, unknown>;
  const runs = (id: string) => ctx.logs.records.filter((r) => r.message.startsWith(`run ${id} `));

  beforeAll(async () => {
    ctx = await startFixtureHost();
  });
  afterAll(async () => {
    await ctx.host.stop();
    await ctx.admin.close();
  });

  it('validates task definitions like Kibana', () => {
    const dictionary = new TaskTypeDictionary();
    const runner = () => ({ run: async () => undefined });
    expect(() =>
      dictionary.register({ a: { timeout: '5 minutes', createTaskRunner: runner } })
    ).toThrow('Invalid timeout "5 minutes"');
    expect(() =>
      dictionary.register({ a: { cost: 4 as never, createTaskRunner: runner } })
    ).toThrow('Invalid cost "4"');
    expect(() =>
      dictionary.register({ a: { priority: 7 as never, createTaskRunner: runner } })
    ).toThrow('Invalid priority "7"');
    expect(() =>
      dictionary.register({ a: { maxConcurrency: 1, createTaskRunner: runner } as never })
    ).toThrow("maxConcurrency setting isn't allowed for task type: a");
    dictionary.register({ a: { createTaskRunner: runner } });
    expect(() => dictionary.register({ a: { createTaskRunner: runner } })).toThrow(
      'Task a is already defined!'
    );
  });

  it('runs a recurring task on schedule and persists its versioned state; ensureScheduled is idempotent', async () => {
    await call('/internal/host_fixture/tasks/recurring', {
      method: 'POST',
      body: { interval: '1s' },
    });
    await call('/internal/host_fixture/tasks/recurring', {
      method: 'POST',
      body: { interval: '1s' },
    });
    await waitFor(async () => ((await stateOf('recurring')).count as number) >= 3, {
      what: '3 runs',
    });
    const doc = await taskDoc('recurring');
    expect(doc).toMatchObject({ status: 'idle', stateVersion: 2, attempts: 0 });
    expect(typeof doc!.state).toBe('string');
    expect(runs('recurring').length).toBeGreaterThanOrEqual(3);

    // ensureScheduled with a new interval updates the schedule of the existing task.
    await call('/internal/host_fixture/tasks/recurring', {
      method: 'POST',
      body: { interval: '1h' },
    });
    const count = (await stateOf('recurring')).count as number;
    const slow = await ctx.admin.get<{ task: { schedule: { interval: string } } }>({
      index: `${ctx.indexPrefix}_task_manager`,
      id: 'task:recurring',
    });
    expect(slow._source!.task.schedule.interval).toBe('1h');
    // runSoon makes it run now despite the hour-long interval.
    expect(
      (await call('/internal/host_fixture/tasks/recurring/run_soon', { method: 'POST' })).body
    ).toEqual({ id: 'recurring', forced: false });
    await waitFor(async () => ((await stateOf('recurring')).count as number) > count, {
      what: 'runSoon',
    });

    // removeIfExists deletes it and it stops running.
    expect(
      (await call('/internal/host_fixture/tasks/recurring', { method: 'DELETE' })).status
    ).toBe(204);
    expect(await taskDoc('recurring')).toBeUndefined();
    expect(
      (await call('/internal/host_fixture/tasks/recurring', { method: 'DELETE' })).status
    ).toBe(204);
  });

  it('migrates old state on read (unknown keys dropped) and rejects unknown keys on write', async () => {
    await call('/internal/host_fixture/tasks/migrating', {
      method: 'POST',
      body: { interval: '1h' },
    });
    await waitFor(async () => (await stateOf('migrating')).count === 1, { what: 'first run' });
    const current = await ctx.admin.get<TaskDoc>({
      index: `${ctx.indexPrefix}_task_manager`,
      id: 'task:migrating',
    });
    await ctx.admin.index({
      index: `${ctx.indexPrefix}_task_manager`,
      id: 'task:migrating',
      refresh: true,
      document: {
        ...current._source,
        task: {
          ...current._source!.task,
          state: JSON.stringify({ count: '41', junk: true }),
          stateVersion: 1,
          runAt: new Date().toISOString(),
        },
      },
    });
    await waitFor(async () => (await stateOf('migrating')).count === 42, { what: 'migrated run' });
    expect(runs('migrating').at(-1)?.fixture).toMatchObject({ state: { count: 41 } });
    expect(await stateOf('migrating')).not.toHaveProperty('junk');
    expect((await taskDoc('migrating'))!.stateVersion).toBe(2);
    await call('/internal/host_fixture/tasks/migrating', { method: 'DELETE' });

    await call('/internal/host_fixture/tasks/bad', {
      method: 'POST',
      body: { interval: '1h', mode: 'bad_state' },
    });
    await waitFor(
      async () => runs('bad').length >= 1 && (await taskDoc('bad'))?.status === 'idle',
      { what: 'bad run' }
    );
    expect(await stateOf('bad')).toEqual({ count: 0 });
    expect(
      ctx.logs.records.some(
        (r) =>
          r.log.level === 'ERROR' &&
          r.message.includes('Task hostFixture:worker "bad" failed') &&
          r.message.includes('[unexpected]: definition for this key is missing')
      )
    ).toBe(true);
    await call('/internal/host_fixture/tasks/bad', { method: 'DELETE' });
  });

  it('cancels a run that exceeds its timeout and aborts its signal', async () => {
    await call('/internal/host_fixture/tasks/slow', {
      method: 'POST',
      body: { interval: '1h', mode: 'slow' },
    });
    await waitFor(async () => ctx.logs.records.some((r) => r.message === 'cancel slow'), {
      what: 'cancel()',
    });
    expect(
      ctx.logs.records.some(
        (r) =>
          r.log.level === 'WARN' &&
          r.message.startsWith('Cancelling task hostFixture:worker "slow"')
      )
    ).toBe(true);
    // interval (1h) > timeout (2s): rescheduled without persisting the expired run's state.
    await waitFor(async () => (await taskDoc('slow'))?.status === 'idle', { what: 'rescheduled' });
    const doc = await taskDoc('slow');
    expect(Date.parse(doc!.runAt)).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await stateOf('slow')).toEqual({ count: 0 });
    await call('/internal/host_fixture/tasks/slow', { method: 'DELETE' });
  });

  it('runs one-shot tasks once and deletes them', async () => {
    const { body } = await call<{ id: string }>('/internal/host_fixture/once', {
      method: 'POST',
      body: { note: 'hello' },
    });
    await waitFor(async () => ctx.logs.records.some((r) => r.message === `once ${body.id} hello`), {
      what: 'one-shot run',
    });
    await waitFor(async () => (await taskDoc(body.id)) === undefined, { what: 'deletion' });
  });

  it('gives tasks scheduled with a request an API key and invalidates it on removal', async () => {
    await call('/internal/host_fixture/tasks/keyed', {
      method: 'POST',
      body: { interval: '1h', withRequest: true },
    });
    await waitFor(async () => runs('keyed').length > 0, { what: 'keyed run' });
    expect(runs('keyed')[0].fixture).toMatchObject({ fake: true });
    const doc = await taskDoc('keyed');
    const apiKeyId = doc!.userScope!.apiKeyId;
    const key = await ctx.admin.security.getApiKey({ id: apiKeyId });
    expect(key.api_keys[0]).toMatchObject({
      name: 'TaskManager: hostFixture:worker',
      invalidated: false,
    });
    expect(doc!.apiKey).toBeDefined();
    expect(Buffer.from(doc!.apiKey!, 'base64').toString('utf8')).not.toContain(apiKeyId);
    await call('/internal/host_fixture/tasks/keyed', { method: 'DELETE' });
    expect((await ctx.admin.security.getApiKey({ id: apiKeyId })).api_keys[0].invalidated).toBe(
      true
    );
  });

  it('abandons a run when the host stops and reclaims it after restart', async () => {
    await call('/internal/host_fixture/tasks/survivor', {
      method: 'POST',
      body: { interval: '1s', mode: 'block_first' },
    });
    await waitFor(async () => ctx.host.runningTaskIds.includes('survivor'), {
      what: 'first run in flight',
    });
    await ctx.host.restart();
    const abandoned = await taskDoc('survivor');
    expect(abandoned).toMatchObject({ status: 'running', attempts: 1 });
    await waitFor(async () => ((await stateOf('survivor')).count as number) >= 1, {
      what: 'reclaimed run',
      timeoutMs: 20_000,
    });
    expect(runs('survivor').some((r) => / attempt=2$/.test(r.message))).toBe(true);
    await call('/internal/host_fixture/tasks/survivor', { method: 'DELETE' });
  });

  it('keeps the service user to what the host needs', async () => {
    const users = await ctx.admin.security.getUser();
    const service = Object.values(users).filter((u) =>
      u.username.startsWith('kibana_host_system_')
    );
    expect(service.length).toBeGreaterThan(0);
    expect(service.every((u) => !u.roles.includes('superuser'))).toBe(true);
  });
});
