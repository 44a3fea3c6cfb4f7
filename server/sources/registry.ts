import type { SourceKind } from '../../common/sources/registry';
import { closerServerSource } from './closer/source';
import { lumosServerSource } from './lumos/source';
import type { ServerSource } from './server_source';

/*
 * The server half of every source (common/sources/registry.ts lists the common halves, in the
 * same order). Adding a source is its folder under server/sources/ and one entry here.
 */
export const SERVER_SOURCES: readonly ServerSource[] = [lumosServerSource, closerServerSource];

const BY_KIND = new Map(SERVER_SOURCES.map((source) => [source.definition.kind, source]));

/** The server half of a kind the caller has checked (a decoded body or stored connector). */
export function serverSource(kind: SourceKind): ServerSource {
  const source = BY_KIND.get(kind);
  if (!source) throw new Error(`Source "${kind}" has no server half in server/sources/registry.ts`);
  return source;
}
