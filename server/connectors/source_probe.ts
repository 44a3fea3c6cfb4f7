import type { PreviewResponse, TestConnectionResponse } from '../../common/connectors/view';
import { ellipsize } from '../lib/bounded_json';
import { errorMessage } from '../lib/error_message';
import type { OutboundPolicy } from '../lib/outbound/host_policy';
import { serverSource } from '../sources/registry';
import type { ProbeOptions as SourceProbeOptions } from '../sources/server_source';
import type { ResolvedDraft } from './connectors_client';
import { redactSecrets } from './redact';

/*
 * "Test connection" and "preview" talk to the source with the draft settings. A source failure is
 * an answer (`ok: false` with the reason), never an exception: the route returns 200 and the form
 * shows the message. Both are short: one retry, a 20 s timeout per request.
 *
 * Whoever holds the write privilege chooses the URL, so an answer is also a way to read a
 * service back: test connection reports only status, error type and reason (the clients'
 * messages, body-free), a count, and what the source says of itself, each sanitized and capped
 * by the source's probe. Documents are only shown by preview, mapped, from a host the outbound
 * policy allowed, and with stored credentials only if no destination field changed
 * (connectors_client.ts).
 */

export { PREVIEW_LIMIT } from '../sources/server_source';
/** Longest message a probe returns; the clients' messages are already short. */
export const MAX_PROBE_MESSAGE_CHARS = 1000;

export interface ProbeOptions {
  /** Where the probe may connect (`audit_sources.allowedHosts`). */
  outbound: OutboundPolicy;
  now?: () => Date;
  /** Replaces fetch for the remote Elasticsearch client (tests). */
  fetch?: SourceProbeOptions['fetch'];
}

function sourceOptions(options: ProbeOptions): SourceProbeOptions {
  return { outbound: options.outbound, fetch: options.fetch, now: options.now?.() ?? new Date() };
}

function probeMessage(message: string, draft: ResolvedDraft): string {
  const secrets = serverSource(draft.kind).secretValues(draft);
  return ellipsize(redactSecrets(message, secrets), MAX_PROBE_MESSAGE_CHARS);
}

export async function testConnection(
  draft: ResolvedDraft,
  options: ProbeOptions
): Promise<TestConnectionResponse> {
  let answer: TestConnectionResponse;
  try {
    answer = await serverSource(draft.kind).test(draft, sourceOptions(options));
  } catch (error) {
    answer = { ok: false, message: errorMessage(error) };
  }
  return { ...answer, message: probeMessage(answer.message, draft) };
}

/** Up to PREVIEW_LIMIT records as the documents they would become; nothing is written. */
export async function previewDocuments(
  draft: ResolvedDraft,
  options: ProbeOptions
): Promise<PreviewResponse> {
  try {
    const requests = await serverSource(draft.kind).preview(draft, sourceOptions(options));
    const documents = requests.map((r) => ({ index: r.index, id: r.id, document: r.document }));
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
