import type * as t from 'io-ts';
import type { FieldMessage } from '../connectors/field_messages';

/*
 * What the whole plugin knows about one source, on both sides of the wire. A source is one
 * folder here (common/sources/<kind>/), one under server/sources/<kind>/ and one under
 * public/sources/<kind>/, plus a line in each side's registry; everything else iterates over the
 * registries and never names a kind (docs/architecture.md).
 */

/** Settings as generic code sees them: the source's own codec decides what is in them. */
export type SourceSettings = Readonly<Record<string, unknown>>;
/** Secrets as generic code sees them: strings by name, encrypted at rest. */
export type SourceSecrets = Readonly<Record<string, string | undefined>>;

/** A Discover session over the source's data view (saved-object type `search`). */
export interface SavedSearchDefinition {
  /** Saved-object id in the default space (idInSpace elsewhere). */
  id: string;
  title: string;
  description: string;
  /** KQL; empty for "everything in the data view". */
  query: string;
  columns: string[];
}

export interface SourceDefinition<Settings extends object, Secrets extends object> {
  /** Stored in every connector and its state; never renamed. Lowercase letters and `_`. */
  kind: string;
  /** `data_stream.dataset` and `event.dataset`. */
  dataset: string;
  /** `event.module`. */
  module: string;
  /** "Lumos activity logs": names the data and the source in lists and messages. */
  title: string;
  /** The product's name, for the source picker and badges. */
  label: string;
  /** `settings` of a connector (exact: unknown keys are dropped). */
  settings: t.Type<Settings, Settings, unknown>;
  /** `secrets` of a new connector: required ones are required here. */
  secrets: t.Type<Secrets, Secrets, unknown>;
  /** `secrets` of an update or a draft: every secret optional (left out keeps the stored one). */
  secretsPatch: t.Type<Partial<Secrets>, Partial<Secrets>, unknown>;
  /** Every secret's name, as in `secrets`; the API says only whether each is set. */
  secretNames: ReadonlyArray<keyof Secrets & string>;
  /**
   * Settings that decide where the secrets are sent or what they unlock: changing one needs the
   * secrets typed again (docs/privileges.md, "Where secrets may go").
   */
  destinationFields: ReadonlyArray<keyof Settings & string>;
  /** URL settings the server connects to, checked against `audit_sources.allowedHosts`. */
  urlFields: ReadonlyArray<{ field: keyof Settings & string; fallback?: string }>;
  /** The URL the source is read from (TLS warnings, summaries); undefined when unset. */
  destinationUrl(settings: Settings): string | undefined;
  /** How far back a new connector reads when `initialWindow` is unset: a duration or "everything". */
  defaultInitialWindow: string;
  /**
   * Rules across fields that no single codec can check (a username for basic auth), keyed by
   * field path; also every required secret missing from a draft whose stored one is absent.
   */
  credentialMessages(settings: Settings, secrets: Partial<Secrets>): Record<string, FieldMessage>;
  /** Only the secrets the settings use, so switching auth off forgets a password. */
  secretsInUse(settings: Settings, secrets: Partial<Secrets>): Partial<Secrets>;
  /** Values the codecs accept but that are probably mistakes, keyed by field path. */
  settingsWarnings(settings: Settings): Record<string, FieldMessage>;
  /** Saved-object id and name of the source's data view (its title is the data stream pattern). */
  dataView: { id: string; name: string };
  savedSearches: readonly SavedSearchDefinition[];
}

/** A definition as the registry holds it: settings and secrets erased to their generic shape. */
export type AnySourceDefinition = SourceDefinition<SourceSettings, SourceSecrets>;

/**
 * Erases a definition's own settings and secrets types for the registry. Sound because generic
 * code only ever passes a definition values its own codecs decoded (the request codecs are built
 * from them, per kind).
 */
export function defineSource<Kind extends string, Settings extends object, Secrets extends object>(
  definition: SourceDefinition<Settings, Secrets> & { kind: Kind }
): AnySourceDefinition & { kind: Kind } {
  return definition as unknown as AnySourceDefinition & { kind: Kind };
}
