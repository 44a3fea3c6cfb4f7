import { dataStreamName, type SourceDescriptor } from '../../common/data_streams';
import { capText } from '../lib/bounded_json';
import { documentId } from './document_id';
import { ECS_VERSION, type EcsDocument, type IndexRequest } from './ecs';

/**
 * Characters of the original kept in `event.original` and `message` of a pipeline_error. The
 * original is whatever a source sent, so a single record could be megabytes; the first 32 KiB
 * show what it was and why it failed without letting one hostile record bloat the stream (twice,
 * as the two fields hold the same text). Neither field is a keyword term (`event.original` is not
 * indexed, `message` is match_only_text), so Lucene's 32,766-byte term limit does not apply, but
 * staying near it keeps the document an ordinary size.
 */
export const MAX_ORIGINAL_CHARS = 32 * 1024;
/**
 * Characters of `error.message`: enough for a decode error naming several fields or an
 * Elasticsearch reason, which may quote remote text we must not keep unbounded.
 */
export const MAX_ERROR_MESSAGE_CHARS = 4 * 1024;

export interface PipelineErrorInput {
  source: SourceDescriptor;
  namespace: string;
  /** The record exactly as read, as text (capped here, not by the caller). */
  original: string;
  error: string;
  now: Date;
  /** Event time if it could be read from the record; read time otherwise. */
  timestamp?: string;
  /** Stable key of the record when known (so a retry replaces rather than duplicates). */
  recordKey?: string;
}

/**
 * A record we could not map is indexed anyway, as Elastic's integrations do on pipeline failure:
 * `event.kind: pipeline_error`, the reason in `error.message`, the original kept (its first
 * MAX_ORIGINAL_CHARS, then a marker naming its full length).
 */
export function pipelineErrorDocument(input: PipelineErrorInput): EcsDocument {
  const { source, namespace, now } = input;
  const original = capText(input.original, MAX_ORIGINAL_CHARS);
  return {
    '@timestamp': input.timestamp ?? now.toISOString(),
    ecs: { version: ECS_VERSION },
    data_stream: { type: 'logs', dataset: source.dataset, namespace },
    event: {
      kind: 'pipeline_error',
      dataset: source.dataset,
      module: source.module,
      created: now.toISOString(),
      original,
    },
    error: { message: capText(input.error, MAX_ERROR_MESSAGE_CHARS) },
    message: original,
    tags: ['preserve_original_event'],
  };
}

/** `error.message` of a pipeline_error document; undefined for any other document. */
export function pipelineErrorMessage(document: EcsDocument): string | undefined {
  const event = document.event as { kind?: unknown } | undefined;
  if (event?.kind !== 'pipeline_error') return undefined;
  const message = (document.error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

export function pipelineErrorRequest(input: PipelineErrorInput): IndexRequest {
  return {
    index: dataStreamName(input.source.dataset, input.namespace),
    // Keyed on the whole original text (not the capped copy) when the record has no usable key:
    // the same bad record read twice still lands once, and two that only share their first
    // MAX_ORIGINAL_CHARS stay two documents.
    id: documentId(input.source.dataset, input.recordKey ?? `pipeline_error|${input.original}`),
    document: pipelineErrorDocument(input),
  };
}
