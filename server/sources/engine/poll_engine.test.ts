import type { ElasticsearchClient } from '@kbn/core/server';
import { memoryCheckpointStore } from '../../ingest/checkpoint_store';
import type { IndexRequest } from '../../ingest/ecs';
import { OutboundPolicy } from '../../lib/outbound/host_policy';
import { emptyPollStats, type PollDependencies } from '../poll_types';
import { checkpointPage, runPollEngine, type SourcePage } from './poll_engine';

const STREAM = 'logs-test.events-unit';

/** A destination that creates documents once (409 after), with a hook to delay or fail a bulk. */
function fakeEs(options: { beforeBulk?: (call: number) => Promise<void>; searchFails?: boolean }) {
  const stored = new Set<string>();
  let calls = 0;
  const client = {
    async search(request: { query: { ids: { values: string[] } } }) {
      if (options.searchFails) throw new Error('search_phase_execution_exception');
      const hits = request.query.ids.values.filter((id) => stored.has(id)).map((_id) => ({ _id }));
      return { hits: { hits } };
    },
    async bulk(request: { operations: Buffer }) {
      await options.beforeBulk?.(calls++);
      const lines = request.operations.toString('utf8').trim().split('\n');
      const items = [];
      for (let i = 0; i < lines.length; i += 2) {
        const id = (JSON.parse(lines[i]) as { create: { _id: string } }).create._id;
        items.push({ create: { status: stored.has(id) ? 409 : 201 } });
        stored.add(id);
      }
      return { errors: false, items };
    },
  };
  return { client: client as unknown as ElasticsearchClient, stored };
}

function request(id: string): IndexRequest {
  return {
    index: STREAM,
    id,
    document: { '@timestamp': '2026-01-01T00:00:00.000Z', event: { kind: 'event' } },
  };
}

/** A page of records that are their own ids. */
function page(ids: string[], extra: Partial<SourcePage<number>> = {}): SourcePage<number> {
  return {
    records: ids,
    map: (id) => ({ request: request(id as string), maybeWritten: false }),
    ...extra,
  };
}

async function* pagesOf(pages: Array<SourcePage<number>>) {
  yield* pages;
}

function deps(es: ElasticsearchClient, extra: Partial<PollDependencies<number>> = {}) {
  const checkpoints = memoryCheckpointStore<number>();
  return {
    checkpoints,
    deps: {
      esClient: es,
      checkpoints,
      outbound: OutboundPolicy.fromConfig(['127.0.0.1']),
      ...extra,
    },
  };
}

function run(d: PollDependencies<number>, pages: Array<SourcePage<number>>, stored?: number) {
  return runPollEngine(
    { deps: d, stream: STREAM, stats: emptyPollStats(), stored, initial: 0 },
    () => pagesOf(pages)
  );
}

describe('runPollEngine', () => {
  it('saves the checkpoints of pages already handed over when a later read fails', async () => {
    let releaseWrite!: () => void;
    const written = new Promise<void>((resolve) => (releaseWrite = resolve));
    const es = fakeEs({ beforeBulk: () => written });
    const { deps: d, checkpoints } = deps(es.client);
    async function* failingReader() {
      yield page(['a', 'b'], { checkpoint: 1 });
      // The next window's fetch fails while the first one's write is still in flight.
      setTimeout(releaseWrite, 20);
      throw new Error('Lumos: Retry-After longer than this run may wait');
    }
    await expect(
      runPollEngine(
        { deps: d, stream: STREAM, stats: emptyPollStats(), stored: undefined, initial: 0 },
        () => failingReader()
      )
    ).rejects.toThrow('Retry-After');
    expect([...es.stored].sort()).toEqual(['a', 'b']);
    expect(checkpoints.saves).toEqual([1]);
  });

  it("saves a page's checkpoint only once it and every earlier page are written", async () => {
    let releaseFirst!: () => void;
    const firstWritten = new Promise<void>((resolve) => (releaseFirst = resolve));
    const es = fakeEs({ beforeBulk: (call) => (call === 0 ? firstWritten : Promise.resolve()) });
    const { deps: d, checkpoints } = deps(es.client);
    const outcome = run(d, [
      page(['a'], { checkpoint: 1 }),
      page(['b'], { checkpoint: 2 }),
      checkpointPage(3, true),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The second write is done, the first is not: nothing may be saved yet.
    expect(checkpoints.saves).toEqual([]);
    releaseFirst();
    await expect(outcome).resolves.toMatchObject({ checkpoint: 3, caughtUp: true });
    expect(checkpoints.saves).toEqual([1, 2, 3]);
  });

  it('stops on the budget after a page with a checkpoint, but not after the last page', async () => {
    const es = fakeEs({});
    const { deps: d } = deps(es.client, { budget: { maxRecords: 1 } });
    const stopped = await run(d, [page(['a']), page(['b'], { checkpoint: 1 }), page(['c'])]);
    expect(stopped).toMatchObject({ checkpoint: 1, caughtUp: false });
    expect(stopped.stats.read).toBe(2);
    const last = await run(d, [page(['d'], { checkpoint: 2, last: true })]);
    expect(last).toMatchObject({ checkpoint: 2, caughtUp: true });
  });

  it('fails the cycle, saving nothing for the page, when the duplicate check fails', async () => {
    const es = fakeEs({ searchFails: true });
    const { deps: d, checkpoints } = deps(es.client);
    const maybe = page(['a'], { checkpoint: 1 });
    maybe.map = (id) => ({ request: request(id as string), maybeWritten: true });
    await expect(run(d, [maybe])).rejects.toThrow('search_phase_execution_exception');
    expect(checkpoints.saves).toEqual([]);
    expect(es.stored.size).toBe(0);
  });

  it('skips what an earlier cycle wrote in another backing index, and repeats within a cycle', async () => {
    const es = fakeEs({});
    es.stored.add('old');
    const { deps: d } = deps(es.client);
    const keyed = (ids: string[], maybeWritten: boolean) =>
      page(ids, {
        map: (id) => ({ request: request(id as string), maybeWritten, key: id as string }),
      });
    const outcome = await run(d, [keyed(['old', 'new'], true), keyed(['new'], false)]);
    expect(outcome.stats).toMatchObject({ read: 3, written: 1, duplicates: 2 });
  });

  it('reports the first record of a first cycle once, before that checkpoint is saved', async () => {
    const es = fakeEs({});
    const order: string[] = [];
    const { deps: d } = deps(es.client, {
      onFirstRecord: async (ms) => {
        order.push(`first ${ms}`);
      },
      onProgress: () => order.push('progress'),
    });
    await run(d, [
      page(['a'], { checkpoint: 1, firstTimestamp: 10 }),
      page(['b'], { checkpoint: 2, firstTimestamp: 20 }),
    ]);
    expect(order).toEqual(['first 10', 'progress', 'progress']);
    order.length = 0;
    await run(d, [page(['c'], { checkpoint: 3, firstTimestamp: 30 })], 2);
    expect(order).toEqual(['progress']);
  });
});
