/*
 * npm start: Elasticsearch, the Lumos API simulator, a seeded Closer index and the Kibana-like
 * host running the built plugin, with two example connectors. Runs until Ctrl-C, then stops all.
 *
 * Options: --port N (host port, default 5601), --verbose (host logs below warn level too).
 */
import { CLOSER_PREFIX, CLOSER_READER, DEMO_SPACE, startDemoStack } from './stack/demo_stack';
import { parseArgs } from '../scripts/lib/args';

async function main() {
  const { flags, switches } = parseArgs(process.argv.slice(2), {
    strings: ['port'],
    booleans: ['verbose'],
  });
  const verbose = switches.has('verbose');
  const stack = await startDemoStack({
    hostPort: Number(flags.port ?? 5601),
    log: (line) => console.log(line),
    logRecord: (record) => {
      if (verbose || ['warn', 'error', 'fatal'].includes(record.log.level)) {
        console.log(`[${record.log.level}][${record.log.logger}] ${record.message}`);
      }
    },
  });
  console.log(`
Audit Sources is running.

  Open          ${stack.url}/app/auditSources
  Log in as     ${stack.es.username} / ${stack.es.password}
  Elasticsearch ${stack.es.url}
  Lumos API     ${stack.lumos.url} (simulator, token ${stack.lumos.token})

Two connectors poll every minute: "Lumos (simulator)" into logs-lumos.activity_logs-default and
"Closer (local index)" into logs-closer.security-default. New events arrive every 15 s.

A second space, "${DEMO_SPACE.name}", has a connector of its own, "Lumos (security team)",
writing into logs-lumos.activity_logs-${DEMO_SPACE.namespace}. Each space lists only its own:
  Open          ${stack.url}/s/${DEMO_SPACE.id}/app/auditSources

To add a connector yourself (Connectors > Add connector), type these into the form:
  Lumos   Base URL   ${stack.lumos.url}
          API token  ${stack.lumos.token}
  Closer  URL        ${stack.es.url}
          Index      ${CLOSER_PREFIX}-*
          Auth       Basic, user ${CLOSER_READER.username}, password ${CLOSER_READER.password}
Use a namespace of your own (e.g. "trial") to keep its events apart from the example connectors'.

Press Ctrl-C to stop everything.`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
