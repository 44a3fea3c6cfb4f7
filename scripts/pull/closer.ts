/*
 * npm run -s pull -- closer --remote <url> [--remote-user u --remote-password p | --remote-api-key k]
 *   [--remote-ca <pem file>] [--remote-ca-fingerprint <sha256>] [--index closer] [--query <json>]
 *   [--lag 5s] [--overlap 11m] [--since <iso|epoch ms|30d>] [--page-size 500]
 *   [--search-api auto|pit|scroll] [--max-records n] [--allowed-hosts <list>]
 *   --es <url> [--es-user u --es-password p | --es-api-key k] [--namespace ns] [--state <file>]
 *
 * One poll cycle of the Closer source with the real modules: installs the index templates,
 * reads the next window from Closer's Elasticsearch, writes it, saves the cursor in --state and
 * prints what it did. Secrets can come from the environment instead of flags (shell history):
 * CLOSER_PASSWORD, CLOSER_API_KEY, ES_PASSWORD, ES_API_KEY.
 * Exit codes: 0 done, 1 failed, 2 bad arguments, 3 Closer rejected the credentials, 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import { isLeft } from 'fp-ts/Either';
import { IndexPattern } from '../../common/connectors/fields';
import { DEFAULT_NAMESPACE, namespaceError } from '../../common/data_streams';
import { decodeErrorsByField } from '../../common/decode';
import { fileCheckpointStore } from '../../server/ingest/checkpoint_store';
import { CloserCheckpoint } from '../../server/sources/closer/checkpoint';
import { durationMsOrThrow } from '../../common/duration';
import {
  parseQueryFilter,
  parseSince,
  type CloserCredentials,
  type SearchApi,
} from '../../server/sources/closer/config';
import { pollCloser, type CloserPollConfig } from '../../server/sources/closer/poll';
import { RemoteAuthError } from '../../server/sources/closer/remote_client';
import type { OutboundPolicy } from '../../server/lib/outbound/host_policy';
import { ArgsError, parseArgs } from '../lib/args';
import {
  defaultStatePath,
  DESTINATION_FLAGS,
  destinationAuth,
  OUTBOUND_FLAG,
  OUTBOUND_USAGE,
  outboundPolicyFrom,
  positiveInteger,
  runCycle,
  type DestinationAuth,
} from './destination';

const USAGE = `usage: npm run -s pull -- closer --remote <url> [--remote-user <u> --remote-password <p> | --remote-api-key <k>]
  [--remote-ca <pem file>] [--remote-ca-fingerprint <sha256>] [--index closer] [--query '<json query clause>']
  [--lag 5s] [--overlap 11m] [--since <iso date | epoch ms | 30d>] [--page-size 500] [--search-api auto|pit|scroll]
  [--max-records <n>] --es <url> [--es-user <u> --es-password <p> | --es-api-key <k>] [--namespace default] [--state <file>]
  [--allowed-hosts <list>]
Secrets may be given as CLOSER_PASSWORD, CLOSER_API_KEY, ES_PASSWORD, ES_API_KEY instead.
${OUTBOUND_USAGE}`;

const STRINGS = [
  ...DESTINATION_FLAGS,
  OUTBOUND_FLAG,
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
] as const;

export async function runPull(argv: string[]): Promise<number> {
  let flags: Record<string, string | undefined>;
  let credentials: CloserCredentials;
  let config: CloserPollConfig;
  let namespace: string;
  let esAuth: DestinationAuth;
  let outbound: OutboundPolicy;
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
    outbound = outboundPolicyFrom(flags, { remote: flags.remote });
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

    esAuth = destinationAuth(flags);

    const searchApi = (flags['search-api'] ?? 'auto') as SearchApi;
    if (!['auto', 'pit', 'scroll'].includes(searchApi))
      throw new ArgsError('--search-api must be auto, pit or scroll');
    if (flags.since !== undefined) parseSince(flags.since, Date.now()); // validate early
    if (flags.index !== undefined) {
      const index = IndexPattern.decode(flags.index);
      if (isLeft(index))
        throw new ArgsError(
          `--index: ${Object.values(decodeErrorsByField(index.left)).join('; ')}`
        );
    }
    config = {
      url: flags.remote,
      index: flags.index,
      namespace,
      query: flags.query === undefined ? undefined : parseQueryFilter(flags.query),
      lagMs: flags.lag === undefined ? undefined : durationMsOrThrow(flags.lag, '--lag'),
      overlapMs:
        flags.overlap === undefined ? undefined : durationMsOrThrow(flags.overlap, '--overlap'),
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

  const statePath = flags.state ?? defaultStatePath('closer', namespace);
  const checkpoints = fileCheckpointStore(statePath, CloserCheckpoint);
  let maxRecords: number | undefined;
  try {
    maxRecords = positiveInteger(flags['max-records'], 'max-records');
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  return runCycle(
    'closer',
    { url: flags.es!, auth: esAuth },
    async ({ esClient, signal }) => {
      const outcome = await pollCloser(config, credentials, {
        esClient,
        checkpoints,
        outbound,
        signal,
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
    },
    (error) => (error instanceof RemoteAuthError ? 3 : undefined)
  );
}
