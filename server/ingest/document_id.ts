import { createHash } from 'node:crypto';

/**
 * Document `_id` for a source record: base64url SHA-256 of dataset and the record's own key. The
 * dataset prefix keeps ids of different sources apart; hashing bounds the length and hides
 * nothing worth hiding but keeps ids uniform.
 */
export function documentId(dataset: string, recordKey: string): string {
  return createHash('sha256').update(`${dataset}|${recordKey}`).digest('base64url');
}
