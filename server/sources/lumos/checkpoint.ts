import * as t from 'io-ts';
import { IsoDateString } from '../../../common/decode';

/**
 * What a Lumos source remembers between cycles. Stored in Kibana task state or a saved object
 * (and a file for `npm run pull`), so it carries no secret and no tenant data beyond a time.
 */
export const LumosCheckpoint = t.intersection(
  [
    t.type({
      version: t.literal(1),
      /**
       * Every `[since, until)` window before this instant was read completely and written: the
       * next cycle starts here minus the late-arrival window.
       */
      watermark: IsoDateString,
    }),
    t.partial({
      /** When the checkpoint was saved (for health display only). */
      updatedAt: IsoDateString,
    }),
  ],
  'LumosCheckpoint'
);
export type LumosCheckpoint = t.TypeOf<typeof LumosCheckpoint>;
