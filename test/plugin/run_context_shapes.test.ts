import { uniqueNamespace } from '../../dev/es/test_es';
import type { RunContextShape } from '../../dev/kibana_host/task_manager/task_runner';
import {
  startLumosSimulator,
  type LumosSimulator,
} from '../../dev/lumos_simulator/lumos_simulator';
import { startPluginHost, type PluginHost } from './plugin_host';

const TOKEN = `lsk_shape_${Date.now().toString(36)}`;
const EVENTS = 25;

/*
 * Task Manager in Kibana 9.4 passes `abortController` to task runners; 9.5+ passes `signal`
 * instead (kibana PR #279282). A poll task that read only `abortController.signal` failed every
 * run on 9.5. The built plugin's poll task must complete a run under either shape.
 */
describe.each<RunContextShape>(['abortController', 'signal'])(
  'poll task with a RunContext carrying %s (built plugin in the Kibana host)',
  (shape) => {
    let kbn: PluginHost;
    let lumos: LumosSimulator;

    beforeAll(async () => {
      lumos = await startLumosSimulator({
        token: TOKEN,
        tenant: { count: EVENTS, start: Date.now() - 86_400_000, seed: 7 },
      });
      kbn = await startPluginHost(`shape-${shape.toLowerCase()}`, {
        host: { taskRunContextShape: shape },
      });
    }, 120_000);
    afterAll(async () => {
      await kbn?.stop();
      await lumos?.stop();
    });

    it('completes a run and lands every event', async () => {
      const namespace = uniqueNamespace('shape');
      const created = await kbn.call<{ id: string }>('/connectors', {
        method: 'POST',
        body: {
          kind: 'lumos',
          name: `Shape ${shape}`,
          enabled: true,
          interval: '1h',
          namespace,
          settings: { baseUrl: lumos.url, initialWindow: '7d' },
          secrets: { apiToken: TOKEN },
        },
      });
      expect(created.status).toBe(200);
      const health = await kbn.waitForHealth(
        created.body.id,
        (h) => h.lastRunAt !== undefined,
        'the first run'
      );
      expect(health.lastError).toBeUndefined();
      expect(health).toMatchObject({ status: 'healthy', totals: { written: EVENTS } });
      expect(health.recentRuns[0]).toMatchObject({ outcome: 'success', written: EVENTS });
      expect(new Set(await kbn.eventIds('lumos', namespace)).size).toBe(EVENTS);
    });
  }
);
