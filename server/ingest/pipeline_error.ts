import { dataStreamName, type SourceDescriptor } from '../../common/data_streams';
import { documentId } from './document_id';
import { ECS_VERSION, type EcsDocument, type IndexRequest } from './ecs';

export interface PipelineErrorInput {
  source: SourceDescriptor;
  namespace: string;
  /** The record exactly as read, as text. */
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
 * `event.kind: pipeline_error`, the reason in `error.message`, the original kept verbatim.
 */
export function pipelineErrorDocument(input: PipelineErrorInput): EcsDocument {
  const { source, namespace, original, error, now } = input;
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
    error: { message: error },
    message: original,
    tags: ['preserve_original_event'],
  };
}

export function pipelineErrorRequest(input: PipelineErrorInput): IndexRequest {
  return {
    index: dataStreamName(input.source.dataset, input.namespace),
    // Keyed on the original text when the record has no usable key: the same bad record read
    // twice still lands once.
    id: documentId(input.source.dataset, input.recordKey ?? `pipeline_error|${input.original}`),
    document: pipelineErrorDocument(input),
  };
}
