import type { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { memoryCheckpointStore } from '../../server/ingest/checkpoint_store';
import { pollLumos } from '../../server/sources/lumos/poll';
import { lazyTenant } from './lazy_tenant';
import { startLumosSimulator } from './lumos_simulator';
import { memoryEs, storedEventIds } from '../../server/__mocks__/memory_es';
import { loopbackOutbound } from '../../server/__mocks__/outbound';

const DAY = 86_400_000;
const END = Date.UTC(2026, 0, 15);

describe('lazy tenant', () => {
  it('finds the same items by binary search as a scan would', () => {
    const tenant = lazyTenant({ count: 5000, seed: 3, start: END - 2 * DAY, end: END });
    const times = Array.from({ length: tenant.count }, (_, i) => tenant.timeOf(i));
    for (let k = 0; k < 200; k++) {
      const since =
        END - 2 * DAY + Math.floor(((((k * 7919) % 1000) / 1000) * 2 * DAY) / 1000) * 1000;
      const until = since + ((k * 104_729) % 50) * 60_000;
      for (const [si, ui] of [
        [true, false],
        [false, true],
      ]) {
        const expected = times
          .map((t, i) => [t, i])
          .filter(([t]) => (si ? t >= since : t > since) && (ui ? t <= until : t < until))
          .map(([, i]) => i);
        const [first, end] = tenant.range(since, until, si, ui);
        expect([first, end - first]).toEqual([expected[0] ?? first, expected.length]);
      }
    }
  });

  it('serves every item once to a backfill, with items added later after it', async () => {
    const sim = await startLumosSimulator({
      lazyTenant: { count: 6000, seed: 5, start: END - 10 * DAY, end: END - 60_000 },
      sortOrder: 'newest-first',
    });
    try {
      sim.addItems([
        {
          event_hash: 'f'.repeat(128),
          event_began_at: '2026-01-14T00:00:00',
          event_type: 'USER_LOGIN',
        },
      ]);
      const es = memoryEs();
      const outcome = await pollLumos(
        { baseUrl: sim.url, namespace: 'lazy', initialWindow: '30d' },
        sim.token,
        {
          esClient: es.client,
          outbound: loopbackOutbound,
          checkpoints: memoryCheckpointStore<LumosCheckpoint>(),
          now: () => new Date(END),
        }
      );
      expect(outcome.caughtUp).toBe(true);
      const ids = storedEventIds(es);
      expect(ids.length).toBe(6001);
      expect(new Set(ids)).toEqual(sim.uniqueIds());
      expect(() => sim.setSortOrder('unstable')).toThrow(/lazy/);
    } finally {
      await sim.stop();
    }
  });
});
