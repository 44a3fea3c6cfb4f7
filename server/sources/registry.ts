import { byKind } from '../../common/sources/registry';
import { closerServerSource } from './closer/source';
import { lumosServerSource } from './lumos/source';
import type { ServerSource } from './server_source';

/*
 * The server half of every source (common/sources/registry.ts lists the common halves, in the
 * same order). Adding a source is its folder under server/sources/ and one entry here.
 */
export const SERVER_SOURCES: readonly ServerSource[] = [lumosServerSource, closerServerSource];

/** The server half of a kind the caller has checked (a decoded body or stored connector). */
export const serverSource = byKind(
  SERVER_SOURCES,
  (source) => source.definition.kind,
  'server half in server/sources/registry.ts'
);
