import { closerSource } from './closer/definition';
import { lumosSource } from './lumos/definition';
import type * as t from 'io-ts';
import { taggedUnion } from '../decode';
import type { AnySourceDefinition } from './source_definition';

/*
 * Every source the plugin knows, in the order the app lists them. Adding a source is one folder
 * per side (common/, server/, public/ sources/<kind>/) and one entry in each side's registry.
 */
export const SOURCE_DEFINITIONS = [lumosSource, closerSource] as const;

export type SourceKind = (typeof SOURCE_DEFINITIONS)[number]['kind'];

export const SOURCE_KINDS: readonly SourceKind[] = SOURCE_DEFINITIONS.map((source) => source.kind);

export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);
}

/**
 * One side's halves (definitions, server or public parts) by kind, for a kind the caller has
 * checked (isSourceKind, a decoded body, a stored connector): a kind without one is a
 * registration mistake, named with `what` and the registry to add it to.
 */
export function byKind<T>(
  halves: readonly T[],
  kindOf: (half: T) => string,
  what: string
): (kind: SourceKind) => T {
  const map = new Map(halves.map((half) => [kindOf(half), half]));
  return (kind) => {
    const half = map.get(kind);
    if (!half) throw new Error(`Source "${kind}" has no ${what}`);
    return half;
  };
}

/** The definition of a kind the caller has checked. */
export const sourceDefinition: (kind: SourceKind) => AnySourceDefinition =
  byKind<AnySourceDefinition>(
    SOURCE_DEFINITIONS,
    (source) => source.kind,
    'definition in common/sources/registry.ts'
  );

/**
 * A codec with one member per registered source, chosen by `kind`: errors then come from the
 * member the value claims to be, and a kind no source has is refused by name.
 */
export function codecBySource(
  name: string,
  member: (source: AnySourceDefinition) => t.Mixed
): t.Type<unknown, unknown, unknown> {
  return taggedUnion(
    name,
    'kind',
    Object.fromEntries(SOURCE_DEFINITIONS.map((source) => [source.kind, member(source)]))
  );
}
