import * as t from 'io-ts';
import type { TestConnectionResponse } from '../../../common/connectors/view';
import type { IndexRequest } from '../../ingest/ecs';
import { ellipsize } from '../../lib/bounded_json';
import {
  PREVIEW_LIMIT,
  PROBE_RETRIES,
  PROBE_TIMEOUT_MS,
  type ProbeOptions,
} from '../server_source';
import { closerCredentials, closerPollConfig, type CloserConnector } from './connector_settings';
import { DEFAULT_INDEX } from './config';
import { mapCloserRecord } from './mapper';
import { RemoteAuthError, RemoteClient, RemoteError } from './remote_client';
import { SearchResponse, tryOpenPit } from './remote_search';

/*
 * "Test connection" and "preview" for Closer's cluster (server/connectors/source_probe.ts says
 * what both may answer): the version, cluster name and latest timestamp read back are each
 * sanitized and capped, since whoever holds the write privilege chooses the URL.
 */

const MAX_VERSION_CHARS = 40;
const MAX_CLUSTER_NAME_CHARS = 100;

function closerClient(
  connector: CloserConnector,
  options: ProbeOptions
): { client: RemoteClient; index: string; query?: Record<string, unknown> } {
  const config = closerPollConfig(connector, options.now.getTime());
  const client = new RemoteClient({
    url: config.url,
    credentials: closerCredentials(connector),
    requestTimeoutMs: PROBE_TIMEOUT_MS,
    maxRetries: PROBE_RETRIES,
    tls: config.tls,
    proxyUrl: config.proxyUrl,
    fetch: options.fetch,
    outbound: options.outbound,
  });
  return { client, index: config.index ?? DEFAULT_INDEX, query: config.query };
}

function indexPath(index: string): string {
  return `/${index
    .split(',')
    .map((part) => encodeURIComponent(part.trim()))
    .join(',')}`;
}

const ClusterInfo = t.partial({
  cluster_name: t.string,
  version: t.partial({ number: t.string, distribution: t.string }),
});

/** PIT with `_shard_doc` needs 7.12+; OpenSearch and older clusters get scroll. */
function pitCapable(version: string | undefined, distribution: string | undefined): boolean {
  if (!version || distribution === 'opensearch') return false;
  const [major, minor] = version.split('.').map(Number);
  return major > 7 || (major === 7 && minor >= 12);
}

function latestQuery(query: Record<string, unknown> | undefined, size: number) {
  return {
    size,
    sort: [{ '@timestamp': { order: 'desc' } }],
    ...(query ? { query: { bool: { filter: [query] } } } : {}),
  };
}

/**
 * A value read from the remote, kept only if it looks like what it claims to be (printable,
 * short): a URL pointed at some other JSON service must not read its fields back.
 */
function remoteLabel(value: string | undefined, maxChars: number): string | undefined {
  if (value === undefined) return undefined;
  const printable = value.slice(0, maxChars * 2).replace(/[^\x20-\x7e]/g, '');
  return printable === '' ? undefined : ellipsize(printable, maxChars);
}

/** The newest `@timestamp` as an ISO date; anything that is not a date is not shown. */
function latestTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value.slice(0, 64));
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return new Date(ms).toISOString();
}

export async function testCloser(
  connector: CloserConnector,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  let client: RemoteClient | undefined;
  try {
    const built = closerClient(connector, options);
    client = built.client;
    const details: Record<string, string | number | boolean> = { index: built.index };
    let version: string | undefined;
    let distribution: string | undefined;
    try {
      const { body } = await client.request('GET', '/', { codec: ClusterInfo });
      version = remoteLabel(body.version?.number, MAX_VERSION_CHARS);
      distribution = remoteLabel(body.version?.distribution, MAX_VERSION_CHARS);
      if (version) details.version = version;
      const cluster = remoteLabel(body.cluster_name, MAX_CLUSTER_NAME_CHARS);
      if (cluster) details.cluster = cluster;
    } catch (error) {
      // 403: authenticated, but `GET /` needs the `monitor` cluster privilege the reader may
      // lack; 404/405: a distribution without the root endpoint (the rest-root module). The
      // index search below still decides. Anything else (401, unreachable, TLS) is the verdict.
      const status = error instanceof RemoteError ? error.status : undefined;
      const unknownVersion =
        (error instanceof RemoteAuthError && status === 403) ||
        (!(error instanceof RemoteAuthError) && (status === 404 || status === 405));
      if (!unknownVersion) throw error;
      details.version = status === 403 ? 'unknown (no monitor privilege)' : 'unknown';
    }
    let total: number | undefined;
    try {
      const { body } = await client.request('POST', `${indexPath(built.index)}/_search`, {
        query: { track_total_hits: 'true' },
        body: latestQuery(built.query, 1),
        codec: SearchResponse,
      });
      const hitsTotal = body.hits.total;
      total = typeof hitsTotal === 'number' ? hitsTotal : hitsTotal?.value;
      if (total !== undefined) details.documents = total;
      const latest = (body.hits.hits[0] as { _source?: { '@timestamp'?: unknown } } | undefined)
        ?._source?.['@timestamp'];
      const latestIso = latestTimestamp(latest);
      if (latestIso) details.latest = latestIso;
    } catch (error) {
      if (error instanceof RemoteError && error.errorType === 'index_not_found_exception') {
        return {
          ok: false,
          message: `Connected to Closer's Elasticsearch, but index "${built.index}" does not exist`,
        };
      }
      throw error;
    }
    let searchApi: 'pit' | 'scroll' = 'scroll';
    if (version === undefined || pitCapable(version, distribution)) {
      const pitId = await tryOpenPit(client, {
        index: built.index,
        from: 0,
        to: 0,
        pageSize: 1,
        keepAlive: '1m',
      });
      if (pitId !== undefined) {
        searchApi = 'pit';
        await client
          .request('DELETE', '/_pit', { body: { id: pitId }, codec: t.unknown, retry: false })
          .catch(() => undefined);
      }
    }
    details.searchApi = searchApi;
    return {
      ok: true,
      message: `Connected to Closer's Elasticsearch${version ? ` ${version}` : ''}: index "${built.index}" is readable${total !== undefined ? ` (${total} documents)` : ''}; reading with ${searchApi === 'pit' ? 'point in time + search_after' : 'scroll'}`,
      details,
    };
  } finally {
    await client?.close();
  }
}

/** The newest records of the index (and query), mapped. */
export async function previewCloser(
  connector: CloserConnector,
  options: ProbeOptions
): Promise<IndexRequest[]> {
  const context = { namespace: connector.namespace, now: options.now };
  const { client, index, query } = closerClient(connector, options);
  try {
    const { body } = await client.request('POST', `${indexPath(index)}/_search`, {
      body: latestQuery(query, PREVIEW_LIMIT),
      codec: SearchResponse,
    });
    return body.hits.hits.slice(0, PREVIEW_LIMIT).map((hit) => mapCloserRecord(hit, context));
  } finally {
    await client.close();
  }
}
