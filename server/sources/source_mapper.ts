import type { SourceDescriptor } from '../../common/data_streams';
import type { IndexRequest } from '../ingest/ecs';
import type { FieldMap } from '../ingest/ecs_field_map';
import { pipelineErrorRequest } from '../ingest/pipeline_error';
import { errorMessage } from '../lib/error_message';

export interface MapContext {
  namespace: string;
  /** Read time: `event.created`. */
  now: Date;
}

/** Turns one raw record of a source into the document we index. */
export interface SourceMapper {
  source: SourceDescriptor;
  /** Source-specific fields for the index template, on top of the base ECS fields. */
  fields: FieldMap;
  /**
   * Maps a decoded JSON value; `original` is its text as read. Throws (or returns a
   * pipeline_error request) when the record cannot be mapped.
   */
  mapRecord(record: unknown, original: string, context: MapContext): IndexRequest;
  /**
   * Makes a line that is not even JSON safe to keep as a pipeline_error's original: a source
   * whose records carry secrets must not have them kept verbatim just because the line is broken.
   */
  redactUnparsed?(text: string): string;
}

/**
 * One NDJSON line to one index request, never throwing: text that is not JSON, or a record the
 * mapper rejects, becomes a pipeline_error document that keeps the line (capped: a line may be
 * any length; pipelineErrorRequest keeps its first MAX_ORIGINAL_CHARS and ids it on all of it).
 */
export function mapLine(mapper: SourceMapper, line: string, context: MapContext): IndexRequest {
  const safeLine = () => mapper.redactUnparsed?.(line) ?? line;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return pipelineErrorRequest({
      source: mapper.source,
      namespace: context.namespace,
      original: safeLine(),
      error: `Not valid JSON: ${errorMessage(error)}`,
      now: context.now,
    });
  }
  try {
    return mapper.mapRecord(record, line, context);
  } catch (error) {
    return pipelineErrorRequest({
      source: mapper.source,
      namespace: context.namespace,
      original: safeLine(),
      error: errorMessage(error),
      now: context.now,
    });
  }
}
