import type { SavedObject } from '@kbn/core/server';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { dataStreamName, SOURCES } from '../../common/data_streams';
import { sourceDefinition } from '../../common/sources/registry';
import { canonicalStoredSettings } from '../saved_objects/canonical_durations';
import type { StoredConnectorAttributes } from '../saved_objects/types';
import { initialHealth } from './health';

/**
 * A connector as the API returns it. Built field by field from an allow-list, never by spreading
 * the attributes, so nothing secret (secrets, API key) can slip through even if a decrypted
 * object were passed in by mistake. Durations stored in the grammar before Kibana's are shown,
 * and saved back by the form, in canonical spelling (canonical_durations.ts).
 */
export function toConnectorView(
  saved: SavedObject<StoredConnectorAttributes>,
  health: ConnectorHealth | undefined,
  nextRunAt: string | undefined
): ConnectorView {
  const a = saved.attributes;
  const set = new Set(a.secretsSet ?? []);
  const base = health ?? initialHealth();
  const viewHealth: ConnectorHealth = {
    ...base,
    status: a.enabled ? base.status : 'disabled',
    ...(a.enabled && nextRunAt ? { nextRunAt } : {}),
  };
  if (!a.enabled) delete viewHealth.nextRunAt;
  const common = {
    id: saved.id,
    name: a.name,
    enabled: a.enabled,
    interval: a.interval,
    namespace: a.namespace,
    dataStream: dataStreamName(SOURCES[a.kind].dataset, a.namespace),
    createdAt: saved.created_at ?? saved.updated_at ?? '',
    updatedAt: saved.updated_at ?? saved.created_at ?? '',
    health: viewHealth,
  };
  const secrets = Object.fromEntries(
    sourceDefinition(a.kind).secretNames.map((name) => [name, { isSet: set.has(name) }])
  );
  return { ...common, kind: a.kind, settings: canonicalStoredSettings(a.settings), secrets };
}
