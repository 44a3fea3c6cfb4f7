import path from 'node:path';
/*
 * The whole thing on one machine: a real Elasticsearch, the Lumos API simulator, a seeded Closer
 * index, and the Kibana-like host running the BUILT plugin with its browser app. `npm start` runs
 * it until Ctrl-C; the browser tests start it too.
 */
import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { buildPlugin } from '../../scripts/build';
import { createBrowserHost } from '../browser_host';
import { generateCorpus } from '../closer_corpus/generator';
import { seedCorpus } from '../closer_corpus/seed';
import { startEs, type EsConnection, type RunningEs } from '../es/es_server';
import { startKibanaHost, type KibanaHost } from '../kibana_host/host';
import type { LogRecord } from '../kibana_host/logging/logger';
import { createSpace } from '../kibana_host/spaces/spaces_client';
import { callHost } from '../kibana_host/test_helpers';
import { generateTenant } from '../lumos_simulator/generate_tenant';
import { startLumosSimulator, type LumosSimulator } from '../lumos_simulator/lumos_simulator';

export const CLOSER_PREFIX = 'closer';
export const CLOSER_READER = { username: 'closer_reader', password: 'closer-reader-password' };
/** The second space `npm start` creates, with a Lumos connector of its own. */
export const DEMO_SPACE = {
  id: 'security-team',
  name: 'Security team',
  namespace: 'security_team',
};

export interface DemoStackOptions {
  /** The source tree to build (default: this repository), e.g. with a test-only source added. */
  pluginRootDir?: string;
  /** Reuse a running Elasticsearch instead of starting one. */
  es?: EsConnection;
  hostPort?: number;
  lumosPort?: number;
  /** History served by the simulator and seeded into the Closer index (7 days). */
  lumosEvents?: number;
  closerDocuments?: number;
  /** Keep adding a few new events to both sources every 15 s. */
  trickle?: boolean;
  /** Create the example connectors (two in the default space, one in DEMO_SPACE). */
  createConnectors?: boolean;
  connectorInterval?: string;
  taskPollIntervalMs?: number;
  /** The host's system-index prefix (default `.kibana_host`); tests sharing a cluster use their own. */
  indexPrefix?: string;
  log?: (line: string) => void;
  /** Host log records (default: formatted through `log`). */
  logRecord?: (record: LogRecord) => void;
}

export interface DemoStack {
  url: string;
  es: EsConnection;
  lumos: LumosSimulator;
  host: KibanaHost;
  /** `teamLumos` is in the space DEMO_SPACE. */
  connectors: { lumos?: string; closer?: string; teamLumos?: string };
  stop(): Promise<void>;
}

const DAY = 86_400_000;

async function createCloserReader(admin: Client): Promise<void> {
  await admin.security.putRole({
    name: 'closer_reader',
    indices: [{ names: [`${CLOSER_PREFIX}-*`], privileges: ['read', 'view_index_metadata'] }],
  });
  await admin.security.putUser({ ...CLOSER_READER, roles: ['closer_reader'] });
}

function discoverSearchAs(es: EsConnection) {
  return async (
    search: { index: string; query: string; size: number },
    request: IncomingMessage
  ) => {
    // The stand-in Discover searches as the browser's user, like Kibana would.
    const client = new Client({
      node: es.url,
      headers: { authorization: String(request.headers.authorization ?? '') },
    });
    try {
      const result = await client.search<Record<string, unknown>>({
        index: search.index,
        size: search.size,
        sort: [{ '@timestamp': 'desc' }],
        query: search.query.trim()
          ? { query_string: { query: search.query, default_operator: 'AND' } }
          : { match_all: {} },
      });
      const total = result.hits.total;
      return {
        total: typeof total === 'number' ? total : (total?.value ?? 0),
        hits: result.hits.hits.map((hit) => ({
          _index: hit._index,
          _id: hit._id ?? '',
          _source: hit._source ?? {},
        })),
      };
    } finally {
      await client.close();
    }
  };
}

export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
  const log = options.log ?? (() => undefined);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    let es: EsConnection;
    if (options.es) {
      es = options.es;
    } else {
      log('Starting Elasticsearch…');
      const running: RunningEs = await startEs();
      stops.push(() => running.stop());
      es = running;
    }
    const admin = new Client({
      node: es.url,
      auth: { username: es.username, password: es.password },
    });
    stops.push(() => admin.close());

    const now = Date.now();
    log('Starting the Lumos API simulator…');
    const lumos = await startLumosSimulator({
      tenant: { count: options.lumosEvents ?? 2000, start: now - 7 * DAY, end: now, seed: 7 },
      port: options.lumosPort,
    });
    stops.push(() => lumos.stop());

    log('Seeding the Closer index…');
    await createCloserReader(admin);
    await seedCorpus(
      es,
      CLOSER_PREFIX,
      generateCorpus({
        count: options.closerDocuments ?? 2000,
        start: now - 7 * DAY,
        spanMs: 7 * DAY - 5 * 60_000,
        seed: 11,
        malformedEvery: 500,
      }),
      { refresh: true }
    );

    log('Building the plugin…');
    const build = await buildPlugin({
      skipArchive: true,
      ...(options.pluginRootDir && {
        rootDir: options.pluginRootDir,
        outDir: path.join(options.pluginRootDir, 'build'),
      }),
    });
    const browser = await createBrowserHost({
      pluginBuildDir: build.pluginDir,
      userName: es.username,
      discoverSearch: discoverSearchAs(es),
    });

    log('Starting the Kibana host…');
    const host = await startKibanaHost({
      esUrl: es.url,
      esUsername: es.username,
      esPassword: es.password,
      pluginDir: build.pluginDir,
      port: options.hostPort,
      taskPollIntervalMs: options.taskPollIntervalMs ?? 1000,
      indexPrefix: options.indexPrefix,
      config: {
        // The simulator and Closer's cluster run on this machine: an operator with a local
        // source lists it the same way (README, "Outbound hosts").
        audit_sources: { allowedHosts: ['*', '127.0.0.1', '::1', 'localhost'] },
        xpack: { encryptedSavedObjects: { encryptionKey: randomBytes(24).toString('hex') } },
      },
      pageHandler: (req, res, space) => browser.handle(req, res, space),
      logSink: (record) =>
        options.logRecord?.(record) ??
        log(
          `[${record.log.level}][${record.log.logger}] ${record.message}${record.error ? `: ${record.error.message}` : ''}`
        ),
    });
    stops.push(() => host.stop());

    const connectors: DemoStack['connectors'] = {};
    if (options.createConnectors !== false) {
      const as = { username: es.username, password: es.password };
      const interval = options.connectorInterval ?? '1m';
      const create = async (name: string, body: Record<string, unknown>, space?: string) => {
        const result = await callHost<{ id: string }>(
          host.url,
          '/internal/audit_sources/connectors',
          {
            as,
            method: 'POST',
            body: { name, enabled: true, interval, ...body },
            space,
          }
        );
        if (result.status !== 200) {
          throw new Error(
            `Creating the connector "${name}" failed: ${result.status} ${JSON.stringify(result.body)}`
          );
        }
        return result.body.id;
      };
      const lumosBody = (namespace: string) => ({
        kind: 'lumos',
        namespace,
        settings: { baseUrl: lumos.url, initialWindow: '30d' },
        secrets: { apiToken: lumos.token },
      });
      connectors.lumos = await create('Lumos (simulator)', lumosBody('default'));
      connectors.closer = await create('Closer (local index)', {
        kind: 'closer',
        namespace: 'default',
        settings: {
          url: es.url,
          authType: 'basic',
          username: CLOSER_READER.username,
          index: `${CLOSER_PREFIX}-*`,
          initialWindow: '30d',
        },
        secrets: { password: CLOSER_READER.password },
      });
      // A second team in a space of its own, with its own connector (README, "Spaces").
      await createSpace(host.url, as, { id: DEMO_SPACE.id, name: DEMO_SPACE.name });
      connectors.teamLumos = await create(
        'Lumos (security team)',
        lumosBody(DEMO_SPACE.namespace),
        DEMO_SPACE.id
      );
    }

    if (options.trickle !== false) {
      let sequence = 1_000_000;
      const timer = setInterval(() => {
        const at = Date.now();
        lumos.addItems(
          generateTenant({
            count: 3,
            start: at - 10_000,
            end: at,
            seed: sequence,
            firstSequence: sequence,
          })
        );
        seedCorpus(
          es,
          CLOSER_PREFIX,
          generateCorpus({
            count: 3,
            start: at - 10_000,
            spanMs: 9_000,
            seed: sequence,
            idPrefix: `live${sequence}-`,
          })
        ).catch((error) => log(`Adding Closer events failed: ${(error as Error).message}`));
        sequence += 3;
      }, 15_000);
      stops.push(async () => clearInterval(timer));
    }

    return { url: host.url, es, lumos, host, connectors, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
