import { SOURCE_DEFINITIONS, type SourceKind } from './sources/registry';

export { isSourceKind, SOURCE_KINDS, type SourceKind } from './sources/registry';
export { DEFAULT_NAMESPACE, namespaceError } from './namespace';

/** What the ingest side needs of a source: where its events go and how they are labelled. */
export interface SourceDescriptor {
  kind: SourceKind;
  /** `data_stream.dataset` and `event.dataset`. */
  dataset: string;
  /** `event.module`. */
  module: string;
  title: string;
}

/** Every registered source's descriptor by kind (common/sources/registry.ts). */
export const SOURCES: Readonly<Record<SourceKind, SourceDescriptor>> = Object.fromEntries(
  SOURCE_DEFINITIONS.map(({ kind, dataset, module, title }) => [
    kind,
    { kind, dataset, module, title },
  ])
) as Record<SourceKind, SourceDescriptor>;

export function dataStreamName(dataset: string, namespace: string): string {
  return `logs-${dataset}-${namespace}`;
}

/** Index pattern covering every namespace of a dataset, as used by templates and data views. */
export function dataStreamPattern(dataset: string): string {
  return `logs-${dataset}-*`;
}
