import * as t from 'io-ts';
import { fieldMessageText, type FieldMessage } from './field_messages';
import { ConnectorName, Namespace, PollInterval } from './fields';
import { codecBySource, sourceDefinition, type SourceKind } from '../sources/registry';
import type { SourceSecrets, SourceSettings } from '../sources/source_definition';

/*
 * A connector: one configured source. Settings are plain attributes; secrets are encrypted at
 * rest (encryptedSavedObjects), accepted on create/update, and never returned — the API says only
 * whether each one is set. What settings and secrets a kind has is its source definition's
 * (common/sources/<kind>/definition.ts); the bodies below are built from the registry.
 */

const ConnectorCommon = t.type({
  name: ConnectorName,
  enabled: t.boolean,
  interval: PollInterval,
  namespace: Namespace,
});

const ConnectorCommonPatch = t.partial(ConnectorCommon.props);

/** Body of POST /connectors: the common fields, and the source's settings and secrets. */
export interface CreateConnectorRequest extends t.TypeOf<typeof ConnectorCommon> {
  kind: SourceKind;
  settings: SourceSettings;
  secrets: SourceSecrets;
}

/**
 * Body of PUT /connectors/{id}. `kind` must match the stored connector; `settings` replaces the
 * stored settings whole; each secret left out keeps its stored value.
 */
export interface UpdateConnectorRequest extends Partial<t.TypeOf<typeof ConnectorCommon>> {
  kind: SourceKind;
  settings?: SourceSettings;
  secrets?: SourceSecrets;
}

/**
 * Body of POST /connectors/_test and /connectors/_preview: the form as it stands, saved or not.
 * With `id`, secrets left out are taken from that stored connector (editing without re-entering).
 */
export interface DraftConnectorRequest {
  kind: SourceKind;
  settings: SourceSettings;
  id?: string;
  namespace?: string;
  secrets?: SourceSecrets;
}

export const CreateConnectorRequest: t.Type<CreateConnectorRequest, unknown, unknown> =
  codecBySource('CreateConnectorRequest', (source) =>
    t.exact(
      t.intersection([
        t.type({
          kind: t.literal(source.kind),
          settings: source.settings,
          secrets: source.secrets,
        }),
        ConnectorCommon,
      ])
    )
  ) as t.Type<CreateConnectorRequest, unknown, unknown>;

export const UpdateConnectorRequest: t.Type<UpdateConnectorRequest, unknown, unknown> =
  codecBySource('UpdateConnectorRequest', (source) =>
    t.exact(
      t.intersection([
        t.type({ kind: t.literal(source.kind) }),
        t.partial({ settings: source.settings, secrets: source.secretsPatch }),
        ConnectorCommonPatch,
      ])
    )
  ) as t.Type<UpdateConnectorRequest, unknown, unknown>;

export const DraftConnectorRequest: t.Type<DraftConnectorRequest, unknown, unknown> = codecBySource(
  'DraftConnectorRequest',
  (source) =>
    t.exact(
      t.intersection([
        t.type({ kind: t.literal(source.kind), settings: source.settings }),
        t.partial({ id: t.string, namespace: Namespace, secrets: source.secretsPatch }),
      ])
    )
) as t.Type<DraftConnectorRequest, unknown, unknown>;

/**
 * Cross-field rules io-ts cannot express on one field, as message keys by field path (the form
 * translates them); empty when the combination is valid.
 */
export function credentialMessages(
  kind: SourceKind,
  settings: SourceSettings,
  secrets: SourceSecrets
): Record<string, FieldMessage> {
  return sourceDefinition(kind).credentialMessages(settings, secrets);
}

/** credentialMessages as text, for the server's 400s. */
export function credentialProblems(
  kind: SourceKind,
  settings: SourceSettings,
  secrets: SourceSecrets
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(credentialMessages(kind, settings, secrets)).map(([path, problem]) => [
      path,
      fieldMessageText(problem),
    ])
  );
}
