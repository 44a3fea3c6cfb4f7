import type { ElasticsearchClient } from '@kbn/core/server';
import { backoffDelay, DEFAULT_BACKOFF, sleep, type BackoffOptions } from '../lib/backoff';
import { ECS_VERSION, type EcsDocument, type IndexRequest } from './ecs';
import { capText, safeStringify, stringifyDeep } from '../lib/bounded_json';
import { forEachYielding } from '../lib/yielding';
import { TRANSIENT_STATUSES } from '../lib/retry_policy';
import {
  MAX_ERROR_MESSAGE_CHARS,
  MAX_ORIGINAL_CHARS,
  pipelineErrorMessage,
} from './pipeline_error';

export interface BulkWriterOptions {
  /** Documents per bulk request. */
  batchSize?: number;
  /** Serialized bytes per bulk request; whichever limit is reached first closes the batch. */
  maxBatchBytes?: number;
  /** Retries of one batch for 429s and transient failures before giving up. */
  maxRetries?: number;
  backoff?: BackoffOptions;
  signal?: AbortSignal;
  refresh?: boolean | 'wait_for';
  /** Clock for `event.created` of pipeline_error documents; tests pin it. */
  now?: () => Date;
  /**
   * Bulk requests in flight at once. Given to writeDocuments / writeSerialized: their batches in
   * flight (1 to MAX_CONCURRENCY, default 1); the call still resolves only when every batch is
   * written, and on a failure no new batch starts and the call rejects once those in flight
   * settle. Given to the polls (PollDependencies.writer): their pages (Closer) or writes (Lumos)
   * in flight through OrderedWrites (default DEFAULT_WRITE_CONCURRENCY), each one call of
   * concurrency 1.
   */
  concurrency?: number;
}

export interface WriteResult {
  /** Newly created documents (including pipeline_error replacements). */
  written: number;
  /** Already present (409): written by an earlier, interrupted or overlapping run. */
  duplicates: number;
  /**
   * Newly written `event.kind: pipeline_error` documents: records the source's mapper could not
   * map, and documents the mapping rejected (indexed instead as pipeline_error).
   */
  pipelineErrors: number;
  /** Item or request retries spent on 429s and transient failures. */
  retries: number;
  /** `error.message` of the first pipeline_error written, for the connector's health. */
  firstPipelineError?: string;
}

export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_MAX_BATCH_BYTES = 5 * 1024 * 1024;
/** More than a few concurrent bulks only queues them in the cluster's write thread pool. */
export const MAX_CONCURRENCY = 8;
const DEFAULT_MAX_RETRIES = 8;

/** Raised when documents cannot be written at all; nothing after them may be checkpointed. */
export class BulkWriteError extends Error {
  constructor(
    message: string,
    public readonly itemErrors: Array<{
      id: string;
      status: number;
      type?: string;
      reason?: string;
    }> = []
  ) {
    super(message);
    this.name = 'BulkWriteError';
  }
}

interface BulkItemResult {
  status: number;
  error?: { type?: string; reason?: string };
}

/**
 * A request ready to send: its bulk action and document as UTF-8 NDJSON, made once when the
 * record is mapped (bulk_writer `serializeRequest`). The mapped document object is dropped right
 * there, so a page's documents never outlive their own mapping; only these bytes wait for the
 * bulk request, outside the JavaScript heap. Retries resend the same bytes.
 */
export interface SerializedRequest {
  index: string;
  id: string;
  ndjson: Buffer;
  /** `error.message` when the document is itself a pipeline_error. */
  pipelineError?: string;
  /** Already a pipeline_error replacement: a second rejection is fatal, not converted again. */
  converted?: boolean;
}

export function serializeRequest(request: IndexRequest): SerializedRequest {
  const action = JSON.stringify({ create: { _index: request.index, _id: request.id } });
  const pipelineError = pipelineErrorMessage(request.document);
  return {
    index: request.index,
    id: request.id,
    ndjson: Buffer.from(`${action}\n${JSON.stringify(request.document)}\n`),
    ...(pipelineError !== undefined ? { pipelineError } : {}),
  };
}

/** The mapped document back from its bytes: only a rejected document needs it again. */
function documentOf(request: SerializedRequest): EcsDocument {
  const text = request.ndjson.toString('utf8');
  return JSON.parse(text.slice(text.indexOf('\n') + 1)) as EcsDocument;
}

type BulkOperations = Parameters<ElasticsearchClient['bulk']>[0]['operations'];

/**
 * The body of a bulk request: NDJSON bytes, which the client sends as they are (its
 * `shouldSerialize` in @elastic/transport's Transport.js). An array of operations would be
 * joined into one string and measured with Buffer.byteLength on the event loop, 10 to 30 ms for
 * a 3 MB page of Closer records; and Kibana's query log shows a Buffer as `[buffer]` instead of
 * the audit records (ensureString in core's log_query_and_deprecation.ts).
 */
function bulkBody(batch: readonly SerializedRequest[]): BulkOperations {
  // Typed as an array of operations; the client takes NDJSON bytes as they are.
  return Buffer.concat(batch.map((r) => r.ndjson)) as unknown as BulkOperations;
}

/** Rejections caused by the document's content rather than the cluster's state. */
function isDocumentRejection(item: BulkItemResult): boolean {
  return item.status === 400;
}

function isTransientRequestError(error: unknown): boolean {
  const status = (error as { meta?: { statusCode?: number } }).meta?.statusCode;
  if (status === undefined) {
    const name = (error as Error).name;
    return (
      name === 'ConnectionError' || name === 'TimeoutError' || name === 'NoLivingConnectionsError'
    );
  }
  return TRANSIENT_STATUSES.has(status);
}

function getPath(document: EcsDocument, path: string): unknown {
  let value: unknown = document;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The document Elasticsearch refused, turned into one it will take: same `_id` (the original
 * never got written), same data stream, the original (or the whole mapped document) kept as
 * `event.original`, capped as every pipeline_error's is.
 */
export function rejectionToPipelineError(
  request: IndexRequest,
  item: BulkItemResult,
  now: Date
): IndexRequest {
  const { document } = request;
  const original = getPath(document, 'event.original');
  const dataset = getPath(document, 'data_stream.dataset');
  const module = getPath(document, 'event.module');
  // ES's reason quotes field values (remote text) and may be long: capped like our own errors.
  const reason = `${item.error?.type ?? 'rejected'}: ${item.error?.reason ?? 'no reason given'}`;
  const text =
    typeof original === 'string'
      ? original
      : (safeStringify(document) ?? stringifyDeep(document, MAX_ORIGINAL_CHARS));
  const kept = capText(text, MAX_ORIGINAL_CHARS);
  const timestamp = document['@timestamp'];
  const replacement: EcsDocument = {
    '@timestamp': Number.isNaN(Date.parse(timestamp)) ? now.toISOString() : timestamp,
    ecs: { version: ECS_VERSION },
    data_stream: (document.data_stream ?? null) as EcsDocument['data_stream'],
    event: {
      kind: 'pipeline_error',
      ...(typeof dataset === 'string' ? { dataset } : {}),
      ...(typeof module === 'string' ? { module } : {}),
      created: now.toISOString(),
      original: kept,
    },
    error: {
      message: capText(
        `Elasticsearch rejected the mapped document: ${reason}`,
        MAX_ERROR_MESSAGE_CHARS
      ),
    },
    message: kept,
    tags: ['preserve_original_event'],
  };
  return { index: request.index, id: request.id, document: replacement };
}

function convertRejected(request: SerializedRequest, item: BulkItemResult, now: Date) {
  const original = { index: request.index, id: request.id, document: documentOf(request) };
  return { ...serializeRequest(rejectionToPipelineError(original, item, now)), converted: true };
}

/** Serializes requests, yielding to the event loop between slices (a page takes milliseconds). */
export async function serializeRequests(
  requests: readonly IndexRequest[]
): Promise<SerializedRequest[]> {
  const out: SerializedRequest[] = [];
  await forEachYielding(requests, (request) => out.push(serializeRequest(request)));
  return out;
}

/** Batches bounded by count and by NDJSON bytes. */
function* batchesOf(
  requests: readonly SerializedRequest[],
  batchSize: number,
  maxBatchBytes: number
): Generator<SerializedRequest[]> {
  let batch: SerializedRequest[] = [];
  let bytes = 0;
  for (const request of requests) {
    const size = request.ndjson.length;
    if (batch.length > 0 && (batch.length >= batchSize || bytes + size > maxBatchBytes)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(request);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}

async function sendBatch(
  esClient: ElasticsearchClient,
  batch: SerializedRequest[],
  options: Required<Pick<BulkWriterOptions, 'maxRetries' | 'backoff'>> & BulkWriterOptions,
  result: WriteResult
): Promise<void> {
  let pending = batch;
  let retry = 0;
  const waitBeforeRetry = async (count: number) => {
    if (retry >= options.maxRetries) {
      throw new BulkWriteError(
        `Gave up after ${options.maxRetries} retries with ${pending.length} documents unwritten`
      );
    }
    result.retries += count;
    await sleep(backoffDelay(retry++, options.backoff), options.signal);
  };

  while (pending.length > 0) {
    let items: BulkItemResult[];
    try {
      const response = await esClient.bulk(
        {
          operations: bulkBody(pending),
          refresh: options.refresh,
          // Only what classification needs; responses for 1000 items shrink by ~90%.
          filter_path: ['errors', 'items.*.status', 'items.*.error.type', 'items.*.error.reason'],
        },
        { signal: options.signal }
      );
      items = (response.items ?? []).map((entry) => Object.values(entry)[0] as BulkItemResult);
    } catch (error) {
      if (options.signal?.aborted || !isTransientRequestError(error)) throw error;
      await waitBeforeRetry(pending.length);
      continue;
    }
    if (items.length !== pending.length) {
      throw new BulkWriteError(
        `Bulk response had ${items.length} items for ${pending.length} documents`
      );
    }

    const next: SerializedRequest[] = [];
    const fatal: BulkWriteError['itemErrors'] = [];
    let transient = 0;
    items.forEach((item, i) => {
      const request = pending[i];
      if (item.status >= 200 && item.status < 300) {
        result.written++;
        // Ours (a record we could not map) or a rejection converted here: counted once written.
        if (request.pipelineError !== undefined) {
          result.pipelineErrors++;
          result.firstPipelineError ??= request.pipelineError;
        }
      } else if (item.status === 409) {
        result.duplicates++;
      } else if (TRANSIENT_STATUSES.has(item.status)) {
        transient++;
        next.push(request);
      } else if (isDocumentRejection(item) && !request.converted) {
        next.push(convertRejected(request, item, options.now?.() ?? new Date()));
      } else {
        fatal.push({ id: request.id, status: item.status, ...item.error });
      }
    });
    if (fatal.length > 0) {
      const first = fatal[0];
      throw new BulkWriteError(
        `Elasticsearch refused ${fatal.length} documents (first: ${first.status} ${first.type ?? ''}: ${first.reason ?? ''})`,
        fatal
      );
    }
    pending = next;
    // Only the items that hit a 429 or a transient error wait; conversions go out at once.
    if (transient > 0) await waitBeforeRetry(transient);
  }
}

function resolveConcurrency(value: number | undefined): number {
  if (value === undefined) return 1;
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    throw new RangeError(`Bulk concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return value;
}

/**
 * Writes with `create` and deterministic ids, so the same record written twice (a retry, a
 * restart, an overlapping window) is a 409 counted as already done. Batches go out in order,
 * up to `concurrency` at a time. It resolves only when all are written; a thrown error means
 * some documents may be unwritten (of the failing batch, and with concurrency of batches after
 * it), so the caller must not checkpoint past any of them.
 */
export async function writeSerialized(
  esClient: ElasticsearchClient,
  requests: readonly SerializedRequest[],
  options: BulkWriterOptions = {}
): Promise<WriteResult> {
  const resolved = {
    ...options,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  };
  const concurrency = resolveConcurrency(options.concurrency);
  const result: WriteResult = { written: 0, duplicates: 0, pipelineErrors: 0, retries: 0 };
  const all = batchesOf(
    requests,
    options.batchSize ?? DEFAULT_BATCH_SIZE,
    options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES
  );
  if (concurrency === 1) {
    for (const batch of all) await sendBatch(esClient, batch, resolved, result);
    return result;
  }

  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  for (const batch of all) {
    if (failure) break;
    const sending: Promise<void> = sendBatch(esClient, batch, resolved, result)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  // Even after a failure: the caller learns of it only when nothing of this call is in flight.
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return result;
}

/** writeSerialized for requests not serialized yet. */
export async function writeDocuments(
  esClient: ElasticsearchClient,
  requests: readonly IndexRequest[],
  options: BulkWriterOptions = {}
): Promise<WriteResult> {
  return writeSerialized(esClient, await serializeRequests(requests), options);
}
