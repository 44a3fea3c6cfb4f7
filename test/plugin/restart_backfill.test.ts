import { generateCorpus } from '../../dev/closer_corpus/generator';
import { corpusIndexPattern, seedCorpus } from '../../dev/closer_corpus/seed';
import { testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { waitFor } from '../../dev/kibana_host/test_helpers';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { pollTaskId } from '../../server/tasks/constants';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_restart_${Date.now().toString(36)}`;
const LUMOS_EVENTS = 12_000;
const CLOSER_EVENTS = 5000;
/** Small runs (config `poll.maxRecordsPerRun`), so each backfill spans about ten of them. */
const MAX_RECORDS_PER_RUN = 1500;
const LATE_ARRIVAL_MS = 3600_000;

/*
 * Kibana restarts in the middle of a backfill that spans several runs: the run in flight is
 * abandoned, the next host resumes from the last saved checkpoint, and in the end the data streams
 * hold exactly the source's events, none missing, none twice.
 */
describe('restart mid-backfill (built plugin in the Kibana host)', () => {
  let kbn: PluginHost;
  let lumos: LumosSimulator;
  const es = testEsConnection();
  const namespace = uniqueNamespace('restart');
  const closerPrefix = `closer-restart-${namespace}`;
  const corpus = generateCorpus({
    count: CLOSER_EVENTS,
    start: Date.now() - 5 * 86_400_000,
    spanMs: 4 * 86_400_000,
    seed: 11,
    malformedEvery: 0,
  });

  beforeAll(async () => {
    lumos = await startLumosSimulator({
      token: TOKEN,
      tenant: { count: LUMOS_EVENTS, start: Date.now() - 6 * 86_400_000, seed: 5 },
    });
    // Pages take a little while, as over the internet.
    lumos.setFaultRates({ slow: 1, slowMs: 10 });
    const [host] = await Promise.all([
      startPluginHost('restart', {
        pluginConfig: {
          poll: { maxRecordsPerRun: MAX_RECORDS_PER_RUN, continueDelaySeconds: 1 },
        },
      }),
      seedCorpus(
        { url: es.url, username: es.username, password: es.password },
        closerPrefix,
        corpus
      ),
    ]);
    kbn = host;
  }, 120_000);
  afterAll(async () => {
    await kbn?.stop();
    await lumos?.stop();
  });

  it('resumes both backfills from their checkpoints and lands every event exactly once', async () => {
    const lumosConnector = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: {
        kind: 'lumos',
        name: 'Restart Lumos',
        enabled: true,
        interval: '1h',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '7d' },
        secrets: { apiToken: TOKEN },
      },
    });
    expect(lumosConnector.status).toBe(200);
    const closerConnector = await kbn.call<{ id: string }>('/connectors', {
      method: 'POST',
      body: {
        kind: 'closer',
        name: 'Restart Closer',
        enabled: true,
        interval: '1h',
        namespace,
        settings: {
          url: es.url,
          authType: 'basic',
          username: es.username,
          index: corpusIndexPattern(closerPrefix),
          initialWindow: 'everything',
        },
        secrets: { password: es.password },
      },
    });
    expect(closerConnector.status).toBe(200);
    const lumosId = lumosConnector.body.id;
    const closerId = closerConnector.body.id;

    // Both mid-way: at least one run finished, not complete.
    const atRestart = await waitFor(
      async () => {
        const [l, c] = await Promise.all([kbn.health(lumosId), kbn.health(closerId)]);
        const midway = (h: typeof l) =>
          h.recentRuns.length >= 1 && h.backfill.cursor !== undefined && !h.backfill.complete;
        return midway(l) && midway(c) ? { lumos: l, closer: c } : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 100, what: 'both backfills mid-way' }
    );
    // Hold the next Lumos request for a while: once it has arrived, a run is surely in flight.
    const arrived = lumos.requests.length;
    lumos.injectFaults({ type: 'delay', ms: 5000 });
    await waitFor(async () => lumos.requests.length > arrived, {
      timeoutMs: 10_000,
      intervalMs: 20,
      what: 'the held Lumos request',
    });
    expect(kbn.host.runningTaskIds).toContain(pollTaskId(lumosId));
    const requestsBefore = lumos.requests.length;
    await kbn.host.restart();

    /*
     * Task Manager (Kibana's and the host's) keeps an abandoned run's task claimed until its
     * retryAt, max(interval, timeout) = 1h here, before another node may run it. Waiting that out
     * proves nothing about the plugin, so the claim is expired by hand, as time would.
     */
    // (The integ-test distribution has no _update_by_query: one update per claimed task.)
    const claimed = await kbn.admin.search<{ task: { status: string } }>({
      index: kbn.taskIndex,
      query: { terms: { 'task.status': ['running', 'claiming'] } },
      size: 100,
    });
    expect(claimed.hits.hits.map((hit) => hit._id)).toContain(`task:${pollTaskId(lumosId)}`);
    for (const hit of claimed.hits.hits) {
      await kbn.admin.update({
        index: kbn.taskIndex,
        id: hit._id!,
        doc: { task: { retryAt: new Date(Date.now() - 1000).toISOString() } },
        refresh: true,
      });
    }

    const done = await Promise.all(
      [lumosId, closerId].map((id) =>
        kbn.waitForHealth(id, (h) => h.backfill.complete, `backfill of ${id} complete`, 60_000)
      )
    );

    // The first Lumos request after the restart starts at the saved watermark (less the
    // late-arrival re-read and the one-second overlap), not at the start of the backfill.
    const resumedAt = lumos.requests.slice(requestsBefore).find((r) => r.status === 200)
      ?.query.since;
    const cursorAtRestart = Date.parse(atRestart.lumos.backfill.cursor!);
    expect(resumedAt).toBeDefined();
    expect(Date.parse(`${resumedAt}Z`)).toBeGreaterThanOrEqual(
      cursorAtRestart - LATE_ARRIVAL_MS - 1000
    );
    // Several runs on each side of the restart, none failing.
    for (const health of done) {
      expect(health.recentRuns.length).toBeGreaterThanOrEqual(3);
      expect(health.recentRuns.filter((r) => r.outcome === 'failure')).toEqual([]);
    }

    const lumosIds = await kbn.eventIds('lumos', namespace);
    expect(lumosIds).toHaveLength(LUMOS_EVENTS);
    expect(new Set(lumosIds)).toEqual(lumos.uniqueIds());
    const closerIds = await kbn.eventIds('closer', namespace);
    expect(closerIds).toHaveLength(CLOSER_EVENTS);
    expect(new Set(closerIds)).toEqual(new Set(corpus.map((d) => d.id)));
    // The Closer backfill's start is the oldest record, not the end of its first page.
    expect(done[1].backfill.from).toBe(
      new Date(Math.min(...corpus.map((d) => d.timestamp))).toISOString()
    );
  });
});
