/*
 * npm run -s pull -- closer --remote <url> [--remote-user u --remote-password p | --remote-api-key k]
 *   [--remote-ca <pem file>] [--remote-ca-fingerprint <sha256>] [--index closer] [--query <json>]
 *   [--lag 1m] [--overlap 10m] [--since <iso|epoch ms|30d>] [--page-size 1000]
 *   [--search-api auto|pit|scroll] [--max-records n]
 *   --es <url> [--es-user u --es-password p | --es-api-key k] [--namespace ns] [--state <file>]
 *
 * One poll cycle of the Closer source with the real modules: installs the index templates,
 * reads the next window from Closer's Elasticsearch, writes it, saves the cursor in --state and
 * prints what it did. Secrets can come from the environment instead of flags (shell history):
 * CLOSER_PASSWORD, CLOSER_API_KEY, ES_PASSWORD, ES_API_KEY.
 * Exit codes: 0 done, 1 failed, 2 bad arguments, 3 Closer rejected the credentials, 130 interrupted.
 */
import { Client } from '@elastic/elasticsearch';
import type { ElasticsearchClient } from '@kbn/core/server';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_NAMESPACE, namespaceError, SOURCES } from '../../common/data_streams';
import { fileCheckpointStore } from '../../server/ingest/checkpoint_store';
import { installIndexTemplates } from '../../server/ingest/index_templates';
import { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import {
  parseDuration,
  parseQueryFilter,
  parseSince,
  type CloserCredentials,
  type SearchApi,
} from '../../server/sources/closer/config';
import { pollCloser, type CloserPollConfig } from '../../server/sources/closer/poll';
import { RemoteAuthError } from '../../server/sources/closer/remote_client';
import { SOURCE_MAPPERS } from '../../server/sources/mappers';
import { ArgsError, parseArgs } from '../lib/args';

const USAGE = `usage: npm run -s pull -- closer --remote <url> [--remote-user <u> --remote-password <p> | --remote-api-key <k>]
  [--remote-ca <pem file>] [--remote-ca-fingerprint <sha256>] [--index closer] [--query '<json query clause>']
  [--lag 1m] [--overlap 10m] [--since <iso date | epoch ms | 30d>] [--page-size 1000] [--search-api auto|pit|scroll]
  [--max-records <n>] --es <url> [--es-user <u> --es-password <p> | --es-api-key <k>] [--namespace default] [--state <file>]
Secrets may be given as CLOSER_PASSWORD, CLOSER_API_KEY, ES_PASSWORD, ES_API_KEY instead.`;

const STRINGS = [
  'remote',
  'remote-user',
  'remote-password',
  'remote-api-key',
  'remote-ca',
  'remote-ca-fingerprint',
  'index',
  'query',
  'lag',
  'overlap',
  'since',
  'page-size',
  'search-api',
  'max-records',
  'es',
  'es-user',
  'es-password',
  'es-api-key',
  'namespace',
  'state',
] as const;

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new ArgsError(`--${name} must be a positive integer`);
  return Number(value);
}

export async function runPull(argv: string[]): Promise<number> {
  let flags: Record<string, string | undefined>;
  let credentials: CloserCredentials;
  let config: CloserPollConfig;
  let namespace: string;
  let esAuth: { username: string; password: string } | { apiKey: string } | undefined;
  try {
    const parsed = parseArgs(argv, { strings: STRINGS, booleans: ['help'] });
    if (parsed.switches.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.positional.length > 0)
      throw new ArgsError(`unexpected argument ${parsed.positional[0]}`);
    flags = parsed.flags;
    if (!flags.remote) throw new ArgsError('--remote is required');
    if (!flags.es) throw new ArgsError('--es is required');
    namespace = flags.namespace ?? DEFAULT_NAMESPACE;
    const invalid = namespaceError(namespace);
    if (invalid) throw new ArgsError(`--namespace: ${invalid}`);

    const apiKey = flags['remote-api-key'] ?? process.env.CLOSER_API_KEY;
    if (apiKey) credentials = { type: 'api_key', apiKey };
    else if (flags['remote-user']) {
      const password = flags['remote-password'] ?? process.env.CLOSER_PASSWORD;
      if (password === undefined)
        throw new ArgsError('--remote-user needs --remote-password or CLOSER_PASSWORD');
      credentials = { type: 'basic', username: flags['remote-user'], password };
    } else credentials = { type: 'none' };

    const esApiKey = flags['es-api-key'] ?? process.env.ES_API_KEY;
    if (esApiKey) esAuth = { apiKey: esApiKey };
    else if (flags['es-user']) {
      const password = flags['es-password'] ?? process.env.ES_PASSWORD;
      if (password === undefined)
        throw new ArgsError('--es-user needs --es-password or ES_PASSWORD');
      esAuth = { username: flags['es-user'], password };
    }

    const searchApi = (flags['search-api'] ?? 'auto') as SearchApi;
    if (!['auto', 'pit', 'scroll'].includes(searchApi))
      throw new ArgsError('--search-api must be auto, pit or scroll');
    if (flags.since !== undefined) parseSince(flags.since, Date.now()); // validate early
    config = {
      url: flags.remote,
      index: flags.index,
      namespace,
      query: flags.query === undefined ? undefined : parseQueryFilter(flags.query),
      lagMs: flags.lag === undefined ? undefined : parseDuration(flags.lag),
      overlapMs: flags.overlap === undefined ? undefined : parseDuration(flags.overlap),
      since: flags.since,
      pageSize: positiveInteger(flags['page-size'], 'page-size'),
      searchApi,
      tls:
        flags['remote-ca'] || flags['remote-ca-fingerprint']
          ? {
              ca: flags['remote-ca'] ? await readFile(flags['remote-ca'], 'utf8') : undefined,
              caFingerprint: flags['remote-ca-fingerprint'],
            }
          : undefined,
    };
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const statePath = flags.state ?? join('.tmp', 'pull-state', `closer-${namespace}.json`);
  const checkpoints = fileCheckpointStore(statePath, CloserCheckpoint);
  const es = new Client({ node: flags.es, auth: esAuth, requestTimeout: 60_000 });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const esClient = es as unknown as ElasticsearchClient;
    await installIndexTemplates(esClient, [
      { dataset: SOURCES.closer.dataset, fields: SOURCE_MAPPERS.closer.fields },
    ]);
    const maxRecords = positiveInteger(flags['max-records'], 'max-records');
    const outcome = await pollCloser(config, credentials, {
      esClient,
      checkpoints,
      signal: controller.signal,
      budget: maxRecords ? { maxRecords } : undefined,
    });
    const { stats } = outcome;
    console.log(`requests to Closer:  ${stats.requests}`);
    console.log(`documents read:      ${stats.read}`);
    console.log(`written:             ${stats.written}`);
    console.log(`already present:     ${stats.duplicates}`);
    console.log(`pipeline errors:     ${stats.pipelineErrors}`);
    console.log(`retries:             ${stats.retries}`);
    console.log(
      `checkpoint:          ${outcome.checkpoint.until} (${outcome.checkpoint.searchApi ?? 'no search yet'}) in ${statePath}`
    );
    console.log(outcome.caughtUp ? 'caught up' : 'stopped early (budget); run again to continue');
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      console.error('Interrupted; the checkpoint covers what was written.');
      return 130;
    }
    console.error((error as Error).message);
    return error instanceof RemoteAuthError ? 3 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await es.close();
  }
}
