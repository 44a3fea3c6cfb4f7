import { SOURCES } from '../../common/data_streams';
import { rejectionToPipelineError } from './bulk_writer';
import { documentId } from './document_id';
import {
  MAX_ERROR_MESSAGE_CHARS,
  MAX_ORIGINAL_CHARS,
  pipelineErrorDocument,
  pipelineErrorRequest,
} from './pipeline_error';
import type { IndexRequest } from './ecs';

const now = new Date('2026-01-02T03:04:05.678Z');
const input = (original: string, error = 'bad record') => ({
  source: SOURCES.lumos,
  namespace: 'unit',
  original,
  error,
  now,
});

describe('pipelineErrorRequest', () => {
  it('keeps a short original and error as they are', () => {
    const { document } = pipelineErrorRequest(input('{"a":1}', 'Not valid JSON'));
    expect(document.event).toMatchObject({ kind: 'pipeline_error', original: '{"a":1}' });
    expect(document.message).toBe('{"a":1}');
    expect(document.error).toEqual({ message: 'Not valid JSON' });
  });

  it('caps event.original, message and error.message, naming the full length', () => {
    const original = 'o'.repeat(5_000_000);
    const { document } = pipelineErrorRequest(input(original, `e${'r'.repeat(1_000_000)}`));
    const event = document.event as { original: string };
    expect(event.original.length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 80);
    expect(event.original.startsWith('o'.repeat(MAX_ORIGINAL_CHARS))).toBe(true);
    expect(
      event.original.endsWith('[truncated by audit_sources: 5000000 characters in total]')
    ).toBe(true);
    expect(document.message).toBe(event.original);
    const message = (document.error as { message: string }).message;
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 80);
    expect(message.endsWith('1000001 characters in total]')).toBe(true);
    // The whole document stays an ordinary size whatever the record was.
    expect(JSON.stringify(document).length).toBeLessThan(2 * MAX_ORIGINAL_CHARS + 8192);
  });

  it('ids on the whole original: stable for the same text, distinct past the cap', () => {
    const a = 'p'.repeat(MAX_ORIGINAL_CHARS * 2);
    expect(pipelineErrorRequest(input(a)).id).toBe(pipelineErrorRequest(input(a)).id);
    expect(pipelineErrorRequest(input(a)).id).toBe(
      documentId('lumos.activity_logs', `pipeline_error|${a}`)
    );
    expect(pipelineErrorRequest(input(`${a}q`)).id).not.toBe(pipelineErrorRequest(input(a)).id);
    expect(pipelineErrorRequest({ ...input(a), recordKey: 'k' }).id).toBe(
      documentId('lumos.activity_logs', 'k')
    );
  });

  it('does not split a surrogate pair at the cap', () => {
    const original = `${'a'.repeat(MAX_ORIGINAL_CHARS - 1)}\u{1F600}tail`;
    const event = pipelineErrorDocument(input(original)).event as { original: string };
    expect(event.original.startsWith(`${'a'.repeat(MAX_ORIGINAL_CHARS - 1)}…`)).toBe(true);
  });
});

describe('rejectionToPipelineError', () => {
  const rejected = (original?: string): IndexRequest => ({
    index: 'logs-lumos.activity_logs-unit',
    id: 'the-id',
    document: {
      '@timestamp': '2026-01-01T00:00:00.000Z',
      data_stream: { type: 'logs', dataset: 'lumos.activity_logs', namespace: 'unit' },
      event: { kind: 'event', module: 'lumos', ...(original === undefined ? {} : { original }) },
      lumos: { activity_logs: { blob: 'b'.repeat(200_000) } },
    },
  });

  it('caps the original and the remote reason from Elasticsearch', () => {
    const reason = `failed to parse field [x] value ${'v'.repeat(500_000)}`;
    const replacement = rejectionToPipelineError(
      rejected('o'.repeat(1_000_000)),
      { status: 400, error: { type: 'document_parsing_exception', reason } },
      now
    );
    expect(replacement.id).toBe('the-id');
    const event = replacement.document.event as { kind: string; original: string };
    expect(event.kind).toBe('pipeline_error');
    expect(event.original.length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 80);
    expect(replacement.document.message).toBe(event.original);
    const message = (replacement.document.error as { message: string }).message;
    expect(
      message.startsWith('Elasticsearch rejected the mapped document: document_parsing_exception')
    ).toBe(true);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 80);
  });

  it('keeps a capped copy of the whole document when it has no original text', () => {
    const replacement = rejectionToPipelineError(rejected(), { status: 400 }, now);
    const event = replacement.document.event as { original: string };
    expect(event.original.startsWith('{"@timestamp":"2026-01-01T00:00:00.000Z"')).toBe(true);
    expect(event.original.length).toBeLessThanOrEqual(MAX_ORIGINAL_CHARS + 80);
    expect(replacement.document.error).toEqual({
      message: 'Elasticsearch rejected the mapped document: rejected: no reason given',
    });
  });
});
