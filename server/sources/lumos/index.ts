export { lumosMapper, mapActivityLog, mapLumosRecord, LUMOS_FIELDS } from './mapper';
export { pollLumos, type LumosConfig, type LumosPollOutcome, type LumosPollStats } from './poll';
export { LumosCheckpoint } from './checkpoint';
