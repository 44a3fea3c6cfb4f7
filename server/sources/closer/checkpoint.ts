import * as t from 'io-ts';
import { IsoDateString } from '../../../common/decode';

/**
 * The Closer cursor. `until`: every remote document with `@timestamp` < until that was
 * searchable when its window was read has been written. No credentials, no URL: it can be
 * shown and stored anywhere.
 */
export const CloserCheckpoint = t.intersection([
  t.type({ version: t.literal(1), until: IsoDateString }),
  t.partial({
    /** Index pattern the cursor belongs to; a different pattern starts over from `since`. */
    index: t.string,
    /** Search API last used, for the record. */
    searchApi: t.union([t.literal('pit'), t.literal('scroll')]),
    updatedAt: IsoDateString,
    /**
     * Set while a cycle has not reached the end of its window (saved with every page, so it is
     * what a budget stop, a kill or a failure leaves): the timestamp of the last hit written,
     * where the next run goes on without re-reading the overlap, so it cannot be wedged there
     * (see window.ts). Absent once a cycle reached its end, and in checkpoints saved before the
     * field existed: those re-read the overlap as before (safe for late records), and a run that
     * is then cut inside the overlap sets it, so the next one moves on.
     */
    resumeFrom: IsoDateString,
  }),
]);
export type CloserCheckpoint = t.TypeOf<typeof CloserCheckpoint>;
