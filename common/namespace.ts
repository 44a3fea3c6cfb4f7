/*
 * The data stream namespace: its own file because the field codecs check it, and the source
 * definitions (which the data-stream helpers list) are built from those codecs.
 */

export const DEFAULT_NAMESPACE = 'default';

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
