import type { TestConnectionResponse } from '../../../common/connectors/view';
import type { LumosSecrets, LumosSettings } from '../../../common/sources/lumos/definition';
import { DEFAULT_LUMOS_BASE_URL, lumosSource } from '../../../common/sources/lumos/definition';
import { initialWindowStart } from '../../../common/duration';
import type { IndexRequest } from '../../ingest/ecs';
import {
  PREVIEW_LIMIT,
  PROBE_RETRIES,
  PROBE_TIMEOUT_MS,
  type ProbeOptions,
} from '../server_source';
import { LumosClient } from './client';
import { formatLumosTime } from './event_time';
import { mapLumosItem } from './mapper';

/*
 * "Test connection" and "preview" for Lumos (server/connectors/source_probe.ts says what both
 * may answer). One event proves the token can read activity logs.
 */

const DAY_MS = 86_400_000;

export interface LumosConnector {
  namespace: string;
  settings: LumosSettings;
  secrets: LumosSecrets;
}

function probeClient(connector: LumosConnector, options: ProbeOptions): LumosClient {
  return new LumosClient({
    baseUrl: connector.settings.baseUrl,
    token: connector.secrets.apiToken,
    proxyUrl: connector.settings.proxyUrl,
    caCert: connector.settings.caCertificate,
    outbound: options.outbound,
    requestTimeoutMs: PROBE_TIMEOUT_MS,
    maxRetries: PROBE_RETRIES,
  });
}

async function withClient<T>(
  connector: LumosConnector,
  options: ProbeOptions,
  use: (client: LumosClient) => Promise<T>
): Promise<T> {
  const client = probeClient(connector, options);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

export function testLumos(
  connector: LumosConnector,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  const nowMs = options.now.getTime();
  return withClient(connector, options, async (client) => {
    const { page } = await client.fetchPage({
      since: formatLumosTime(nowMs - DAY_MS),
      until: formatLumosTime(nowMs),
      limit: 1,
      offset: 0,
    });
    const total = page.total ?? undefined;
    return {
      ok: true,
      message:
        total === undefined
          ? 'Connected to Lumos: the API token can read activity logs'
          : `Connected to Lumos: the API token can read activity logs (${total} in the last 24 hours)`,
      details: {
        baseUrl: connector.settings.baseUrl ?? DEFAULT_LUMOS_BASE_URL,
        ...(total !== undefined ? { eventsLast24h: total } : {}),
      },
    };
  });
}

export function previewLumos(
  connector: LumosConnector,
  options: ProbeOptions
): Promise<IndexRequest[]> {
  const nowMs = options.now.getTime();
  const context = { namespace: connector.namespace, now: options.now };
  return withClient(connector, options, async (client) => {
    const start = initialWindowStart(
      connector.settings.initialWindow ?? lumosSource.defaultInitialWindow,
      nowMs
    );
    const sinceMs = typeof start === 'number' ? start : 0;
    const { page } = await client.fetchPage({
      since: formatLumosTime(sinceMs),
      until: formatLumosTime(nowMs),
      limit: PREVIEW_LIMIT,
      offset: 0,
    });
    // Total: a hostile item (e.g. too deep for JSON.stringify) previews as a pipeline_error.
    return page.items.slice(0, PREVIEW_LIMIT).map((item) => mapLumosItem(item, context).request);
  });
}
