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

const BY_KIND = new Map<string, AnySourceDefinition>(
  SOURCE_DEFINITIONS.map((source) => [source.kind, source])
);

export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && BY_KIND.has(value);
}

/** The definition of a kind the caller has checked (isSourceKind or a decoded body). */
export function sourceDefinition(kind: SourceKind): AnySourceDefinition {
  const definition = BY_KIND.get(kind);
  if (!definition) throw new Error(`Unknown source kind "${kind}"`);
  return definition;
}

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
