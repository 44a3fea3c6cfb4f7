import { SOURCES } from '../../../common/data_streams';
import { unmappedSourceMapper } from '../source_mapper';

export const lumosMapper = unmappedSourceMapper(SOURCES.lumos);
