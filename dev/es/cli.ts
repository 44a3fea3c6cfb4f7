/*
 * `npm run es`: starts the test Elasticsearch in the foreground and prints how to reach it;
 * Ctrl-C stops it. Handy for running integration tests against a long-lived node
 * (AUDIT_SOURCES_ES_URL / _USER / _PASSWORD) or for poking at the data by hand.
 */
import { startEs } from './es_server';

async function main() {
  const es = await startEs({ port: process.env.ES_PORT ? Number(process.env.ES_PORT) : undefined });
  console.log(`Elasticsearch is up at ${es.url}`);
  console.log(
    `export AUDIT_SOURCES_ES_URL=${es.url} AUDIT_SOURCES_ES_USER=${es.username} AUDIT_SOURCES_ES_PASSWORD=${es.password}`
  );
  const shutdown = () => {
    es.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
