/*
 * Saved-object `version`: base64 of JSON `[seq_no, primary_term]`
 * (src/core/packages/saved-objects/base-server-internal/src/version/encode_version.ts and
 * decode_version.ts).
 */
import { SavedObjectsErrorHelpers } from '../runtime/saved_objects_error_helpers';

export function encodeVersion(seqNo: number, primaryTerm: number): string {
  return Buffer.from(JSON.stringify([seqNo, primaryTerm]), 'utf8').toString('base64');
}

export function decodeVersion(version: string): { if_seq_no: number; if_primary_term: number } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(version, 'base64').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((n) => Number.isInteger(n) && n >= 0)
    ) {
      return { if_seq_no: parsed[0], if_primary_term: parsed[1] };
    }
  } catch {
    // fall through
  }
  throw SavedObjectsErrorHelpers.createBadRequestError(`Invalid version [${version}]`);
}
