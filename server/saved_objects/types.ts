import type {
  CloserSecrets,
  CloserSettings,
  LumosSecrets,
  LumosSettings,
} from '../../common/connectors/connector';
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

export interface LumosConnectorAttributes extends ConnectorCommonAttributes {
  kind: 'lumos';
  settings: LumosSettings;
  /** Encrypted. */
  secrets: LumosSecrets;
}

export interface CloserConnectorAttributes extends ConnectorCommonAttributes {
  kind: 'closer';
  settings: CloserSettings;
  /** Encrypted. */
  secrets: CloserSecrets;
}

export type ConnectorAttributes = LumosConnectorAttributes | CloserConnectorAttributes;

/** What a plain (non-decrypting) read returns: ESO strips the encrypted attributes. */
export type StoredConnectorAttributes =
  | Omit<LumosConnectorAttributes, 'secrets' | 'apiKey'>
  | Omit<CloserConnectorAttributes, 'secrets' | 'apiKey'>;

/** Checkpoint and health of one connector, written by the poll task. */
export interface ConnectorStateAttributes {
  connectorId: string;
  kind: SourceKind;
  /** The source's own checkpoint codec output (LumosCheckpoint / CloserCheckpoint). */
  checkpoint?: unknown;
  health: ConnectorHealth;
}
