import type { SourceSecrets, SourceSettings } from '../../common/sources/source_definition';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { SourceKind } from '../../common/data_streams';

/**
 * The Elasticsearch credentials documents are written with: an API key for the user who last
 * saved the connector (docs/privileges.md). `apiKey` is encrypted; the rest is bookkeeping.
 */
interface WriterCredentials {
  /** base64(`id:api_key`), ready for an `ApiKey` authorization header. Encrypted. */
  apiKey?: string;
  apiKeyId?: string;
  /** Username the key acts for; shown nowhere secret, useful in logs and support. */
  apiKeyOwner?: string;
  /** The user authenticated with their own API key, which we reused and must not invalidate. */
  apiKeyCreatedByUser?: boolean;
}

interface ConnectorCommonAttributes extends WriterCredentials {
  name: string;
  enabled: boolean;
  interval: string;
  namespace: string;
  /** Names of the secrets that hold a value: the API answers `{isSet}` without decrypting. */
  secretsSet: string[];
}

/** A connector; what `settings` and `secrets` hold is its source definition's. */
export interface ConnectorAttributes extends ConnectorCommonAttributes {
  kind: SourceKind;
  settings: SourceSettings;
  /** Encrypted. */
  secrets: SourceSecrets;
}

/** What a plain (non-decrypting) read returns: ESO strips the encrypted attributes. */
export type StoredConnectorAttributes = Omit<ConnectorAttributes, 'secrets' | 'apiKey'>;

/** Checkpoint and health of one connector, written by the poll task. */
export interface ConnectorStateAttributes {
  connectorId: string;
  kind: SourceKind;
  /** The source's own checkpoint codec output (its ServerSource's `checkpoint`). */
  checkpoint?: unknown;
  health: ConnectorHealth;
}
