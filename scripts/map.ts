/*
 * npm run -s map -- <lumos|closer> [--namespace ns]
 *
 * Reads raw source records as NDJSON on stdin (a Lumos activity-log item, or a Closer search hit
 * {_index,_id,_source}, per line) and writes one line per record to stdout:
 * {"index": "<data stream>", "id": "<document id>", "document": {...}}.
 * A line that cannot be mapped still yields a pipeline_error document. Exit code 0 unless stdin
 * cannot be read (1) or the arguments are wrong (2).
 */
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { DEFAULT_NAMESPACE, isSourceKind, namespaceError } from '../common/data_streams';
import { SOURCE_MAPPERS } from '../server/sources/mappers';
import { mapLine } from '../server/sources/source_mapper';
import { parseArgs } from './lib/args';

const USAGE = 'usage: npm run -s map -- <lumos|closer> [--namespace <namespace>]';

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2), { strings: ['namespace'] });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positional, flags } = parsed;
  const kind = positional[0];
  if (!kind || !isSourceKind(kind) || positional.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const namespace = flags.namespace ?? DEFAULT_NAMESPACE;
  const invalid = namespaceError(namespace);
  if (invalid) {
    console.error(`--namespace: ${invalid}`);
    return 2;
  }

  const mapper = SOURCE_MAPPERS[kind];
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const request = mapLine(mapper, line, { namespace, now: new Date() });
      if (!process.stdout.write(`${JSON.stringify(request)}\n`))
        await once(process.stdout, 'drain');
    }
  } catch (error) {
    console.error(`Could not read stdin: ${(error as Error).message}`);
    return 1;
  }
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
