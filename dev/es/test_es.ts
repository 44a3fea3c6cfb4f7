import { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import type { EsConnection } from './es_server';

/** The node started by the jest global setup (or the one named by AUDIT_SOURCES_ES_URL). */
export function testEsConnection(): EsConnection {
  const url = process.env.AUDIT_SOURCES_ES_URL;
  if (!url)
    throw new Error(
      'No test Elasticsearch: run integration tests through jest\'s "integration" project.'
    );
  return {
    url,
    username: process.env.AUDIT_SOURCES_ES_USER ?? 'elastic',
    password: process.env.AUDIT_SOURCES_ES_PASSWORD ?? '',
  };
}

export function createTestEsClient(connection: EsConnection = testEsConnection()): Client {
  const { url, username, password } = connection;
  return new Client({ node: url, auth: { username, password }, requestTimeout: 60_000 });
}

/**
 * Data streams cannot be deleted on the integ-test distribution (no data-streams module), so
 * every test writes to a namespace of its own.
 */
export function uniqueNamespace(prefix = 'test'): string {
  return `${prefix}${randomBytes(4).toString('hex')}`;
}
