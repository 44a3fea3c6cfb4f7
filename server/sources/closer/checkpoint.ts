import * as t from 'io-ts';

const IsoDate = new t.Type<string, string, unknown>(
  'IsoDate',
  (u): u is string => typeof u === 'string' && !Number.isNaN(Date.parse(u)),
  (u, c) =>
    typeof u === 'string' && !Number.isNaN(Date.parse(u)) ? t.success(u) : t.failure(u, c),
  (s) => s
);

/**
 * The Closer cursor. `until`: every remote document with `@timestamp` < until that was
 * searchable when its window was read has been written. No credentials, no URL: it can be
 * shown and stored anywhere.
 */
export const CloserCheckpoint = t.intersection([
  t.type({ version: t.literal(1), until: IsoDate }),
  t.partial({
    /** Index pattern the cursor belongs to; a different pattern starts over from `since`. */
    index: t.string,
    /** Search API last used, for the record. */
    searchApi: t.union([t.literal('pit'), t.literal('scroll')]),
    updatedAt: IsoDate,
  }),
]);
export type CloserCheckpoint = t.TypeOf<typeof CloserCheckpoint>;
