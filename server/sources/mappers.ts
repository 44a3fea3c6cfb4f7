import type { SourceKind } from '../../common/sources/registry';
import { SERVER_SOURCES } from './registry';
import type { SourceMapper } from './source_mapper';

/** Every registered source's mapper by kind (templates, `npm run map`, `npm run pull`). */
export const SOURCE_MAPPERS: Readonly<Record<SourceKind, SourceMapper>> = Object.fromEntries(
  SERVER_SOURCES.map((source) => [source.definition.kind, source.mapper])
) as Record<SourceKind, SourceMapper>;
