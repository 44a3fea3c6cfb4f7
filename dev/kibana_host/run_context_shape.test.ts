import type { RunContextShape } from './task_manager/task_runner';
import { startFixtureHost } from './host_fixture';
import { callHost, waitFor } from './test_helpers';

/*
 * Kibana 9.4 hands task runners `abortController`, 9.5+ `signal` (kibana PR #279282). The host
 * passes whichever it is configured with: this proves that it does, and that the signal it passes
 * is the one aborted when a run exceeds its timeout.
 */
describe.each<RunContextShape>(['abortController', 'signal'])(
  'kibana host: task RunContext with %s',
  (shape) => {
    let ctx: Awaited<ReturnType<typeof startFixtureHost>>;
    const call = (path: string, options: Parameters<typeof callHost>[2] = {}) =>
      callHost(ctx.host.url, path, { as: ctx.superuser, ...options });
    const fixtureLog = (message: string) =>
      ctx.logs.records.find((r) => r.message.startsWith(message));

    beforeAll(async () => {
      ctx = await startFixtureHost({ taskRunContextShape: shape });
    });
    afterAll(async () => {
      await ctx.host.stop();
      await ctx.admin.close();
    });

    it(`passes ${shape} to the task runner`, async () => {
      await call('/internal/host_fixture/tasks/shaped', {
        method: 'POST',
        body: { interval: '1h' },
      });
      const record = await waitFor(async () => fixtureLog('run shaped '), { what: 'a run' });
      expect(record.fixture).toMatchObject({ shape });
      await call('/internal/host_fixture/tasks/shaped', { method: 'DELETE' });
    });

    it('aborts that signal when the run exceeds its timeout', async () => {
      await call('/internal/host_fixture/tasks/slow', {
        method: 'POST',
        body: { interval: '1h', mode: 'slow' },
      });
      // The fixture waits 30 s unless the signal fires; its timeout is 2 s.
      const record = await waitFor(async () => fixtureLog('aborted slow'), {
        what: 'the aborted run',
        timeoutMs: 20_000,
      });
      expect(record.fixture).toMatchObject({ shape });
      await call('/internal/host_fixture/tasks/slow', { method: 'DELETE' });
    });
  }
);
