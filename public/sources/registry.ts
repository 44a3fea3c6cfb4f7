import { byKind, type SourceKind } from '../../common/sources/registry';
import { closerPublicSource } from './closer';
import { lumosPublicSource } from './lumos';
import type { PublicSource } from './public_source';

/*
 * The app's part of every source, in the order the app lists them (the same as
 * common/sources/registry.ts). A new source is its folder here and one line below.
 */
export const PUBLIC_SOURCES: readonly PublicSource[] = [lumosPublicSource, closerPublicSource];

/** The app's part of a registered source; every registered kind has one (registry.test.ts). */
export const publicSource = byKind(
  PUBLIC_SOURCES,
  (source) => source.kind,
  'public part in public/sources/registry.ts'
);

/**
 * A fact a connection test reported, in words: facts are named by key, and a key means the same
 * whichever source reports it, so the first source that names it labels it. A key no source
 * names shows as it is.
 */
export function testDetailText(
  key: string,
  value: string | number | boolean
): { label: string; value?: string } {
  for (const source of PUBLIC_SOURCES) {
    const label = source.testDetailLabel(key);
    if (label !== undefined) return { label, value: source.testDetailValue(key, value) };
  }
  return { label: key };
}

/** The product's name of a source, for badges and lists. */
export function sourceLabel(kind: SourceKind): string {
  return publicSource(kind).label();
}
