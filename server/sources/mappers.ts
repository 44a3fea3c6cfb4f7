import type { SourceKind } from '../../common/data_streams';
import { closerMapper } from './closer';
import { lumosMapper } from './lumos';
import type { SourceMapper } from './source_mapper';

export const SOURCE_MAPPERS: Readonly<Record<SourceKind, SourceMapper>> = {
  lumos: lumosMapper,
  closer: closerMapper,
};
