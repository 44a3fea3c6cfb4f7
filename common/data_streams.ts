/** The two audit sources and the data streams they write to. */
export const SOURCE_KINDS = ['lumos', 'closer'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceDescriptor {
  kind: SourceKind;
  /** `data_stream.dataset` and `event.dataset`. */
  dataset: string;
  /** `event.module`. */
  module: string;
  title: string;
}

export const SOURCES: Readonly<Record<SourceKind, SourceDescriptor>> = {
  lumos: {
    kind: 'lumos',
    dataset: 'lumos.activity_logs',
    module: 'lumos',
    title: 'Lumos activity logs',
  },
  closer: {
    kind: 'closer',
    dataset: 'closer.security',
    module: 'closer',
    title: 'Closer security logs',
  },
};

export const DEFAULT_NAMESPACE = 'default';

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

export function dataStreamName(dataset: string, namespace: string): string {
  return `logs-${dataset}-${namespace}`;
}

/** Index pattern covering every namespace of a dataset, as used by templates and data views. */
export function dataStreamPattern(dataset: string): string {
  return `logs-${dataset}-*`;
}

/**
 * Fleet's namespace rules (x-pack/platform/plugins/shared/fleet/common/services/is_valid_namespace.ts):
 * non-empty, lowercase, none of `* \ / ? " < > | space , # : -`, at most 100 bytes.
 * Returns a message for the user, or undefined when the namespace is valid.
 */
export function namespaceError(namespace: string): string | undefined {
  if (namespace.trim() === '') return 'Namespace cannot be empty';
  if (namespace !== namespace.toLowerCase()) return 'Namespace must be lowercase';
  if (/[*\\/?"<>|\s,#:-]/.test(namespace)) {
    return 'Namespace cannot contain spaces or any of * \\ / ? " < > | , # : -';
  }
  if (utf8ByteLength(namespace) > 100) return 'Namespace cannot be longer than 100 bytes';
  return undefined;
}

/**
 * UTF-8 length without Buffer or TextEncoder: namespaceError also runs in the browser (the setup
 * forms), where Buffer is undefined, and in jsdom tests, which lack TextEncoder.
 */
function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}
