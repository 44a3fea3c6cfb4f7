import { isSourceKind, SOURCE_KINDS } from '../../common/sources/registry';

/** config-schema `validate`: a message unless `kind` is a registered source. */
export function sourceKindError(kind: string): string | undefined {
  return isSourceKind(kind) ? undefined : `must be one of ${SOURCE_KINDS.join(', ')}`;
}
