import * as t from 'io-ts';
import type { PreviewResponse, TestConnectionResponse } from '../../common/connectors/view';
import { parseInitialWindow } from '../../common/duration';
import type { IndexRequest } from '../ingest/ecs';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import { ellipsize } from '../lib/bounded_json';
import { mapCloserRecord } from '../sources/closer/mapper';
import { RemoteAuthError, RemoteClient, RemoteError } from '../sources/closer/remote_client';
import { SearchResponse, tryOpenPit } from '../sources/closer/remote_search';
import { LumosClient } from '../sources/lumos/client';
import { formatLumosTime } from '../sources/lumos/event_time';
import { mapLumosItem } from '../sources/lumos/mapper';
import { DEFAULT_INITIAL_WINDOW } from '../sources/lumos/poll';
import type { ResolvedDraft } from './connectors_client';
import { errorMessage } from '../lib/error_message';
import { redactSecrets } from './redact';
import { closerCredentials, closerPollConfig, connectorSecretValues } from './source_config';

/*
 * "Test connection" and "preview" talk to the source with the draft settings. A source failure is
 * an answer (`ok: false` with the reason), never an exception: the route returns 200 and the form
 * shows the message. Both are short: one retry, a 20 s timeout per request.
 *
 * Whoever holds the write privilege chooses the URL, so an answer is also a way to read a
 * service back: test connection reports only status, Elasticsearch error type and reason (the
 * clients' messages, body-free), a count, and the version / cluster name of Closer's cluster,
 * each sanitized and capped. Documents are only shown by preview, mapped, from a host the
 * outbound policy allowed, and with stored credentials only if index/query/username did not
 * change (connectors_client.ts).
 */

export const PREVIEW_LIMIT = 10;
const PROBE_TIMEOUT_MS = 20_000;
const PROBE_RETRIES = 1;
const DAY_MS = 86_400_000;
/** Longest message a probe returns; the clients' messages are already short. */
export const MAX_PROBE_MESSAGE_CHARS = 1000;
const MAX_VERSION_CHARS = 40;
const MAX_CLUSTER_NAME_CHARS = 100;

export interface ProbeOptions {
  /** Where the probe may connect (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  now?: () => Date;
  /** Replaces fetch for Closer's cluster (tests). */
  fetch?: ConstructorParameters<typeof RemoteClient>[0]['fetch'];
}

function lumosClient(
  draft: Extract<ResolvedDraft, { kind: 'lumos' }>,
  options: ProbeOptions
): LumosClient {
  return new LumosClient({
    baseUrl: draft.settings.baseUrl,
    token: draft.secrets.apiToken,
    proxyUrl: draft.settings.proxyUrl,
    caCert: draft.settings.caCertificate,
    outbound: options.outbound,
    requestTimeoutMs: PROBE_TIMEOUT_MS,
    maxRetries: PROBE_RETRIES,
  });
}

function closerClient(
  draft: Extract<ResolvedDraft, { kind: 'closer' }>,
  nowMs: number,
  options: ProbeOptions
): { client: RemoteClient; index: string; query?: Record<string, unknown> } {
  const config = closerPollConfig(draft.settings, draft.namespace, nowMs);
  const client = new RemoteClient({
    url: config.url,
    credentials: closerCredentials(draft.settings, draft.secrets),
    requestTimeoutMs: PROBE_TIMEOUT_MS,
    maxRetries: PROBE_RETRIES,
    tls: config.tls,
    proxyUrl: config.proxyUrl,
    fetch: options.fetch,
    outbound: options.outbound,
  });
  return { client, index: config.index ?? 'closer', query: config.query };
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

function probeMessage(message: string, draft: ResolvedDraft): string {
  return ellipsize(
    redactSecrets(message, connectorSecretValues(draft.settings, draft.secrets)),
    MAX_PROBE_MESSAGE_CHARS
  );
}

function failure(message: string, draft: ResolvedDraft): TestConnectionResponse {
  return { ok: false, message: probeMessage(message, draft) };
}

async function testLumos(
  draft: Extract<ResolvedDraft, { kind: 'lumos' }>,
  nowMs: number,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  let client: LumosClient | undefined;
  try {
    client = lumosClient(draft, options);
    // One event is enough to prove the token can read activity logs.
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
        baseUrl: draft.settings.baseUrl ?? 'https://api.lumos.com',
        ...(total !== undefined ? { eventsLast24h: total } : {}),
      },
    };
  } catch (error) {
    return failure(errorMessage(error), draft);
  } finally {
    await client?.close();
  }
}

async function testCloser(
  draft: Extract<ResolvedDraft, { kind: 'closer' }>,
  nowMs: number,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  let client: RemoteClient | undefined;
  try {
    const built = closerClient(draft, nowMs, options);
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
        return failure(
          `Connected to Closer's Elasticsearch, but index "${built.index}" does not exist`,
          draft
        );
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
  } catch (error) {
    return failure(errorMessage(error), draft);
  } finally {
    await client?.close();
  }
}

export async function testConnection(
  draft: ResolvedDraft,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  const nowMs = (options.now?.() ?? new Date()).getTime();
  return draft.kind === 'lumos'
    ? testLumos(draft, nowMs, options)
    : testCloser(draft, nowMs, options);
}

function toPreview(requests: IndexRequest[]): PreviewResponse['documents'] {
  return requests.map((r) => ({ index: r.index, id: r.id, document: r.document }));
}

/** Up to ten records as the documents they would become; nothing is written. */
export async function previewDocuments(
  draft: ResolvedDraft,
  options: ProbeOptions
): Promise<PreviewResponse> {
  const now = options.now?.() ?? new Date();
  const nowMs = now.getTime();
  const context = { namespace: draft.namespace, now };
  try {
    let documents: PreviewResponse['documents'];
    if (draft.kind === 'lumos') {
      const client = lumosClient(draft, options);
      try {
        const window = parseInitialWindow(draft.settings.initialWindow ?? DEFAULT_INITIAL_WINDOW);
        const sinceMs = 'error' in window || window.ms === 'everything' ? 0 : nowMs - window.ms;
        const { page } = await client.fetchPage({
          since: formatLumosTime(sinceMs),
          until: formatLumosTime(nowMs),
          limit: PREVIEW_LIMIT,
          offset: 0,
        });
        documents = toPreview(
          page.items
            .slice(0, PREVIEW_LIMIT)
            // Total: a hostile item (e.g. too deep for JSON.stringify) previews as a pipeline_error.
            .map((item) => mapLumosItem(item, context).request)
        );
      } finally {
        await client.close();
      }
    } else {
      const { client, index, query } = closerClient(draft, nowMs, options);
      try {
        const { body } = await client.request('POST', `${indexPath(index)}/_search`, {
          body: latestQuery(query, PREVIEW_LIMIT),
          codec: SearchResponse,
        });
        documents = toPreview(
          body.hits.hits.slice(0, PREVIEW_LIMIT).map((hit) => mapCloserRecord(hit, context))
        );
      } finally {
        await client.close();
      }
    }
    return documents.length > 0
      ? { documents }
      : { documents, message: 'The source returned no records for these settings' };
  } catch (error) {
    return {
      documents: [],
      message: probeMessage(`Could not read from the source: ${errorMessage(error)}`, draft),
    };
  }
}
