import { SOURCES } from '../../../common/data_streams';
import { unmappedSourceMapper } from '../source_mapper';

export const closerMapper = unmappedSourceMapper(SOURCES.closer);
