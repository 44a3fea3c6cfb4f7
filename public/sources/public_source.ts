import type { SourceKind } from '../../common/sources/registry';
import type { AnySourceDefinition } from '../../common/sources/source_definition';

/*
 * What the app shows of one source: its card, its form fields and the words for what its
 * connection test reports. One per folder under public/sources/<kind>/, listed in
 * public/sources/registry.ts; the pages iterate over the registry and never name a kind.
 */

/**
 * A form field's path in the API body (`name`, `settings.baseUrl`, `secrets.apiToken`), so the
 * messages decodeErrorsByField gives for the request codecs land next to the right field.
 */
export type FieldPath = string;

export type FormValues = Record<FieldPath, string>;

export interface FieldDef {
  path: FieldPath;
  label: string;
  control: 'text' | 'password' | 'textarea' | 'select';
  /** Sent even when blank, so the codec's own message explains what is missing. */
  required?: boolean;
  secret?: boolean;
  /** Shown under "Advanced settings". */
  advanced?: boolean;
  placeholder?: string;
  helpText?: string;
  options?: Array<{ value: string; text: string }>;
  visible?: (values: FormValues) => boolean;
}

/**
 * Texts are functions: translated when called (at render), not when the module loads, so they
 * use the locale Kibana has loaded by then.
 */
export interface PublicSource {
  kind: SourceKind;
  definition: AnySourceDefinition;
  /** EUI icon of the source's cards and flyout header. */
  icon: string;
  /** The product's name: source picker, badges, the events page's source filter. */
  label(): string;
  /** What the source reads, for its card and the flyout header. */
  summary(): string;
  /** What a connector needs from the source's side. */
  needs(): string;
  namePlaceholder(): string;
  /** What "Lag" on the connector page means for this source. */
  lagExplanation(): string;
  /** The source's own form fields (settings and secrets), in display order. */
  fields(): FieldDef[];
  /** Values a new connector's form starts with, beyond the empty strings (a default auth type). */
  createValues: Readonly<FormValues>;
  /**
   * Label of a fact the source's connection test reports (server/sources/<kind>/probe.ts);
   * undefined for a key it does not name (another source may: registry.ts testDetailText).
   */
  testDetailLabel(key: string): string | undefined;
  /** A fact's value in words, when it is a code (undefined: shown as it is). */
  testDetailValue(key: string, value: string | number | boolean): string | undefined;
}
