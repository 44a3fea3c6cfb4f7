import * as t from 'io-ts';
import { codecBySource, type SourceKind } from '../sources/registry';
import type { SourceSettings } from '../sources/source_definition';
import { ConnectorHealth } from './health';

const SecretState = t.type({ isSet: t.boolean });

const ViewCommon = t.type({
  id: t.string,
  name: t.string,
  enabled: t.boolean,
  interval: t.string,
  namespace: t.string,
  /** `logs-<dataset>-<namespace>`. */
  dataStream: t.string,
  createdAt: t.string,
  updatedAt: t.string,
  health: ConnectorHealth,
});

/** A connector as the API returns it: settings, and for secrets only whether each is set. */
export interface ConnectorView extends t.TypeOf<typeof ViewCommon> {
  kind: SourceKind;
  settings: SourceSettings;
  secrets: Record<string, { isSet: boolean }>;
}

export const ConnectorView: t.Type<ConnectorView, unknown, unknown> = codecBySource(
  'ConnectorView',
  (source) =>
    t.intersection([
      ViewCommon,
      t.type({
        kind: t.literal(source.kind),
        settings: source.settings,
        secrets: t.type(Object.fromEntries(source.secretNames.map((name) => [name, SecretState]))),
      }),
    ])
) as t.Type<ConnectorView, unknown, unknown>;

export const ListConnectorsResponse = t.type({
  connectors: t.array(ConnectorView),
  /** The space the list is of (the form suggests it as the data stream namespace). */
  spaceId: t.string,
});
export type ListConnectorsResponse = t.TypeOf<typeof ListConnectorsResponse>;

export const TestConnectionResponse = t.intersection([
  t.type({ ok: t.boolean, message: t.string }),
  t.partial({
    /** Source facts worth showing: cluster version, search API used, records seen. */
    details: t.record(t.string, t.union([t.string, t.number, t.boolean])),
  }),
]);
export type TestConnectionResponse = t.TypeOf<typeof TestConnectionResponse>;

export const PreviewDocument = t.type({
  index: t.string,
  id: t.string,
  document: t.UnknownRecord,
});

export const PreviewResponse = t.intersection([
  t.type({ documents: t.array(PreviewDocument) }),
  t.partial({ message: t.string }),
]);
export type PreviewResponse = t.TypeOf<typeof PreviewResponse>;
