/*
 * What both pull commands share: the destination cluster options, validation helpers, and one
 * poll cycle's lifecycle (client, Ctrl-C → abort, index templates, exit codes).
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { join } from 'node:path';
import { SOURCES, type SourceKind } from '../../common/data_streams';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { ALLOWED_HOSTS_SETTING, OutboundPolicy } from '../../server/lib/outbound/host_policy';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';
import { ArgsError } from '../lib/args';

export const DESTINATION_FLAGS = [
  'es',
  'es-user',
  'es-password',
  'es-api-key',
  'namespace',
  'state',
] as const;

/** The outbound policy of the source side, as `audit_sources.allowedHosts` is in Kibana. */
export const OUTBOUND_FLAG = 'allowed-hosts';

export const OUTBOUND_USAGE = `source hosts:
  --allowed-hosts <list>     comma-separated, like ${ALLOWED_HOSTS_SETTING} (default "*": public
                             addresses only); e.g. "*,127.0.0.1" or "*,10.0.0.0/8" for a local source`;

/**
 * The policy from --allowed-hosts, after checking that each given source URL passes it, so a
 * refused host is a usage error (exit 2) naming the flag; connections are checked again.
 */
export function outboundPolicyFrom(
  flags: Record<string, string | undefined>,
  urls: Record<string, string | undefined>
): OutboundPolicy {
  const entries = (flags[OUTBOUND_FLAG] ?? '*')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  let policy: OutboundPolicy;
  try {
    policy = OutboundPolicy.fromConfig(entries);
  } catch (error) {
    throw new ArgsError(`--${OUTBOUND_FLAG}: ${(error as Error).message}`);
  }
  for (const [flag, url] of Object.entries(urls)) {
    const refused = url === undefined ? undefined : policy.urlError(url);
    if (refused) throw new ArgsError(`--${flag}: ${refused} (here: --${OUTBOUND_FLAG})`);
  }
  return policy;
}

export type DestinationAuth =
  { username: string; password: string } | { apiKey: string } | undefined;

export function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new ArgsError(`--${name} must be a positive integer`);
  }
  return Number(value);
}

/** Secrets may come from the environment so they stay out of shell history. */
export function destinationAuth(flags: Record<string, string | undefined>): DestinationAuth {
  const apiKey = flags['es-api-key'] ?? process.env.ES_API_KEY;
  if (apiKey) return { apiKey };
  if (!flags['es-user']) return undefined;
  const password = flags['es-password'] ?? process.env.ES_PASSWORD;
  if (password === undefined) throw new ArgsError('--es-user needs --es-password or ES_PASSWORD');
  return { username: flags['es-user'], password };
}

export function defaultStatePath(kind: SourceKind, namespace: string): string {
  return join('.tmp', 'pull-state', `${kind}-${namespace}.json`);
}

export interface CycleContext {
  esClient: ElasticsearchClient;
  signal: AbortSignal;
}

/**
 * Runs one cycle against the destination: installs the source's index template, then `cycle`.
 * Returns the process exit code: 0 done, 130 interrupted (the checkpoint covers what was
 * written), `authFailureCode(error)` or 1 on failure.
 */
export async function runCycle(
  kind: SourceKind,
  destination: { url: string; auth: DestinationAuth },
  cycle: (context: CycleContext) => Promise<void>,
  exitCodeFor: (error: unknown) => number | undefined = () => undefined
): Promise<number> {
  const es = new Client({ node: destination.url, auth: destination.auth, requestTimeout: 60_000 });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const esClient = es as unknown as ElasticsearchClient;
    await installIndexTemplates(esClient, [
      { dataset: SOURCES[kind].dataset, fields: SOURCE_MAPPERS[kind].fields },
    ]);
    await cycle({ esClient, signal: controller.signal });
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      console.error('Interrupted; the checkpoint covers what was written.');
      return 130;
    }
    console.error((error as Error).message);
    return exitCodeFor(error) ?? 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await es.close();
  }
}
