/*
 * Runs the host in the foreground (tsx dev/kibana_host/cli.ts …), e.g. behind `npm start`:
 *
 *   --es-url URL --es-username U --es-password P   (or AUDIT_SOURCES_ES_URL/_USER/_PASSWORD)
 *   --plugin-dir DIR    a built plugin (default: build it with buildPlugin({ skipArchive: true }))
 *   --config FILE       JSON host config (kibana.yml keys, nested or flat)
 *   --port N            default 5601
 *   --task-poll-interval MS
 * Ctrl-C stops it (the plugin's stop() runs).
 */
import { readFileSync } from 'node:fs';
import { buildPlugin } from '../../scripts/build';
import { parseArgs } from '../../scripts/lib/args';
import { startKibanaHost } from './host';

async function main() {
  const { flags: values, positional } = parseArgs(process.argv.slice(2), {
    strings: [
      'es-url',
      'es-username',
      'es-password',
      'plugin-dir',
      'config',
      'port',
      'task-poll-interval',
    ],
  });
  if (positional.length > 0) throw new Error(`unexpected argument ${positional[0]}`);
  const esUrl = values['es-url'] ?? process.env.AUDIT_SOURCES_ES_URL;
  const esUsername = values['es-username'] ?? process.env.AUDIT_SOURCES_ES_USER ?? 'elastic';
  const esPassword = values['es-password'] ?? process.env.AUDIT_SOURCES_ES_PASSWORD;
  if (!esUrl || !esPassword) {
    throw new Error('Pass --es-url and --es-password (or set AUDIT_SOURCES_ES_URL/_PASSWORD)');
  }
  const pluginDir = values['plugin-dir'] ?? (await buildPlugin({ skipArchive: true })).pluginDir;
  const config = values.config
    ? (JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>)
    : {};
  const host = await startKibanaHost({
    esUrl,
    esUsername,
    esPassword,
    pluginDir,
    config,
    port: values.port ? Number(values.port) : 5601,
    taskPollIntervalMs: values['task-poll-interval']
      ? Number(values['task-poll-interval'])
      : undefined,
  });
  console.log(`Kibana host for plugin "${host.pluginId}" at ${host.url}`);
  const shutdown = () => {
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
