/*
 * npm run -s pull -- lumos --url <base> --token <lsk_…> --es <url>
 *   [--es-user u --es-password p | --es-api-key k] [--since 30d|everything] [--late-arrival 1h]
 *   [--namespace ns] [--state <file>] [--page-size 100] [--max-records n] [--timeout-ms 60000]
 *   [--proxy <url>] [--ca <pem file>] [--refresh] [--allowed-hosts <list>]
 *
 * One poll cycle of the Lumos source with the real modules: installs the index templates, reads
 * activity logs from the checkpoint (or --since on the first run) up to now, writes them, saves
 * the checkpoint in --state (default .tmp/pull-state/lumos-<namespace>.json) after every window
 * and prints what it did. The token may come from LUMOS_TOKEN instead (shell history); it is never
 * printed. ES_PASSWORD / ES_API_KEY likewise.
 * Exit codes: 0 done, 1 failed, 2 bad arguments, 3 Lumos rejected the token, 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_NAMESPACE } from '../../common/data_streams';
import { LumosCheckpoint } from '../../server/sources/lumos/checkpoint';
import { fileCheckpointStore } from '../../server/ingest/checkpoint_store';
import type { OutboundPolicy } from '../../server/lib/outbound/host_policy';
import { DEFAULT_LUMOS_BASE_URL } from '../../common/sources/lumos/definition';
import { LumosApiError } from '../../server/sources/lumos/client';
import { pollLumos, resolveLumosConfig, type LumosConfig } from '../../server/sources/lumos/poll';
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

const USAGE = `usage: npm run -s pull -- lumos --url <base URL, default https://api.lumos.com> --token <lsk_…> --es <url>
  [--es-user <u> --es-password <p> | --es-api-key <k>] [--since <30d | 180d | 12h | everything>] [--late-arrival 1h]
  [--namespace default] [--state <file>] [--page-size 100] [--max-records <n>] [--timeout-ms 60000]
  [--proxy <url>] [--ca <pem file>] [--refresh] [--allowed-hosts <list>]
The token may be given as LUMOS_TOKEN, and ES secrets as ES_PASSWORD / ES_API_KEY, instead.
--since applies to the first run only; later runs continue from the checkpoint in --state.
${OUTBOUND_USAGE}`;

const STRINGS = [
  ...DESTINATION_FLAGS,
  OUTBOUND_FLAG,
  'url',
  'token',
  'since',
  'late-arrival',
  'page-size',
  'max-records',
  'timeout-ms',
  'proxy',
  'ca',
] as const;

export async function runPull(argv: string[]): Promise<number> {
  let flags: Record<string, string | undefined>;
  let config: LumosConfig;
  let token: string;
  let esAuth: DestinationAuth;
  let maxRecords: number | undefined;
  let refresh = false;
  let outbound: OutboundPolicy;
  try {
    const parsed = parseArgs(argv, { strings: STRINGS, booleans: ['help', 'refresh'] });
    if (parsed.switches.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.positional.length > 0) {
      throw new ArgsError(`unexpected argument ${parsed.positional[0]}`);
    }
    flags = parsed.flags;
    refresh = parsed.switches.has('refresh');
    if (!flags.es) throw new ArgsError('--es is required');
    outbound = outboundPolicyFrom(flags, {
      url: flags.url ?? DEFAULT_LUMOS_BASE_URL,
      proxy: flags.proxy,
    });
    const tokenValue = flags.token ?? process.env.LUMOS_TOKEN;
    if (!tokenValue) throw new ArgsError('--token (or LUMOS_TOKEN) is required');
    token = tokenValue;

    esAuth = destinationAuth(flags);
    maxRecords = positiveInteger(flags['max-records'], 'max-records');
    config = {
      baseUrl: flags.url,
      namespace: flags.namespace ?? DEFAULT_NAMESPACE,
      initialWindow: flags.since,
      lateArrivalWindow: flags['late-arrival'],
      pageSize: positiveInteger(flags['page-size'], 'page-size'),
      requestTimeoutMs: positiveInteger(flags['timeout-ms'], 'timeout-ms'),
      proxyUrl: flags.proxy,
      caCert: flags.ca ? await readFile(flags.ca, 'utf8') : undefined,
    };
    // Validate before touching Elasticsearch; the message names the option.
    resolveLumosConfig(config);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  const statePath = flags.state ?? defaultStatePath('lumos', config.namespace);
  const checkpoints = fileCheckpointStore(statePath, LumosCheckpoint);
  const started = Date.now();
  return runCycle(
    'lumos',
    { url: flags.es!, auth: esAuth },
    async ({ esClient, signal }) => {
      const outcome = await pollLumos(config, token, {
        esClient,
        checkpoints,
        outbound,
        signal,
        budget: maxRecords ? { maxRecords } : undefined,
        writer: refresh ? { refresh: 'wait_for' } : undefined,
        logger: {
          debug: () => undefined,
          info: (message) => console.error(message),
          warn: (message) => console.error(`warning: ${message}`),
          error: (message) => console.error(`error: ${message}`),
        },
      });
      const { stats } = outcome;
      console.log(
        `requests to Lumos:   ${stats.requests} (${stats.pages} pages, ${stats.httpRetries} retried)`
      );
      console.log(`windows completed:   ${stats.windows} (${stats.splits} splits)`);
      console.log(`events read:         ${stats.read}`);
      console.log(`written:             ${stats.written}`);
      console.log(`duplicates skipped:  ${stats.duplicates}`);
      console.log(`pipeline errors:     ${stats.pipelineErrors}`);
      console.log(`retries:             ${stats.retries}`);
      console.log(`checkpoint:          ${outcome.checkpoint.watermark} in ${statePath}`);
      console.log(`took:                ${Date.now() - started} ms`);
      console.log(outcome.caughtUp ? 'caught up' : 'stopped early (budget); run again to continue');
    },
    (error) => (error instanceof LumosApiError && error.kind === 'token_rejected' ? 3 : undefined)
  );
}
