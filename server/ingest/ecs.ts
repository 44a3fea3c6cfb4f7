/**
 * ECS release our documents follow. The fields we write are identical from 8.11 through 9.4;
 * 8.17.0 is the last 8.x release and what current Elastic integrations declare.
 */
export const ECS_VERSION = '8.17.0';

export type EcsValue = string | number | boolean | null | EcsValue[] | { [key: string]: EcsValue };

export interface EcsDocument {
  '@timestamp': string;
  [field: string]: EcsValue | undefined;
}

/** One document ready for the bulk API, and the line format of `npm run map`. */
export interface IndexRequest {
  /** Data stream name. */
  index: string;
  /** Deterministic `_id`: re-reading the same record never makes a second document. */
  id: string;
  document: EcsDocument;
}
