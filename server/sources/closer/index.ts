export { closerMapper, closerDocumentId, mapCloserRecord, CLOSER_TAGS } from './mapper';
export { CLOSER_FIELDS } from './fields';
export { CLOSER_ACTIONS } from './actions';
export { pollCloser } from './poll';
export { CloserCheckpoint } from './checkpoint';
export type { CloserConfig, CloserCredentials } from './config';
