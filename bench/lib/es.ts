import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { SOURCES } from '../../common/data_streams';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';
import { startEs, type EsConnection } from '../../dev/es/es_server';

export interface BenchEs extends EsConnection {
  client: Client;
  version: string;
  stop(): Promise<void>;
}

/**
 * The node named by AUDIT_SOURCES_ES_URL (from `npm run es`), or a fresh one of our own: a
 * benchmark must not share a node with a test run that happens to be going on.
 */
export async function benchEs(): Promise<BenchEs> {
  let connection: EsConnection;
  let stopNode: () => Promise<void> = async () => undefined;
  if (process.env.AUDIT_SOURCES_ES_URL) {
    connection = {
      url: process.env.AUDIT_SOURCES_ES_URL,
      username: process.env.AUDIT_SOURCES_ES_USER ?? 'elastic',
      password: process.env.AUDIT_SOURCES_ES_PASSWORD ?? '',
    };
  } else {
    process.stderr.write('starting a dedicated Elasticsearch node (1 GB heap)…\n');
    const node = await startEs({ heap: '1g' });
    connection = node;
    stopNode = () => node.stop();
  }
  const client = new Client({
    node: connection.url,
    auth: { username: connection.username, password: connection.password },
    requestTimeout: 120_000,
  });
  const nodes = (await client.nodes.info({ node_id: '_local', metric: 'settings' })) as {
    nodes: Record<string, { version: string }>;
  };
  const version = Object.values(nodes.nodes)[0]?.version ?? 'unknown';
  await installIndexTemplates(client as unknown as ElasticsearchClient, [
    { dataset: SOURCES.lumos.dataset, fields: SOURCE_MAPPERS.lumos.fields },
    { dataset: SOURCES.closer.dataset, fields: SOURCE_MAPPERS.closer.fields },
  ]);
  return {
    ...connection,
    client,
    version,
    async stop() {
      await client.close();
      await stopNode();
    },
  };
}

/** Documents in `index` (refreshed first). */
export async function countDocs(client: Client, index: string): Promise<number> {
  await client.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const { count } = await client.count({ index, ignore_unavailable: true, allow_no_indices: true });
  return count;
}
