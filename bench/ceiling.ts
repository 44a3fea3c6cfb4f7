/*
 * The limit of writing to this Elasticsearch node: a bare bulk loop over documents mapped before
 * the clock starts, serialized in the loop as any client must (JSON.stringify per document, the
 * NDJSON joined per batch), swept
 * over batch sizes by count and by bytes and over 1…4 requests in flight. Our defaults are judged
 * against the best cell of the sweep, re-measured at full size in the same run, not against a
 * loop at our own settings (which made "the ceiling" as weak as our choice of settings).
 */
import type { Client } from '@elastic/elasticsearch';
import type { IndexRequest } from '../server/ingest/ecs';

export interface CeilingShape {
  /** Close a batch at this many documents… */
  maxDocs: number;
  /** …or at this many bytes of NDJSON, whichever comes first. */
  maxBytes: number;
  concurrency: number;
}

export interface CeilingCell extends CeilingShape {
  label: string;
  documents: number;
  seconds: number;
  docsPerSecond: number;
  mbPerSecond: number;
}

const MB = 1024 * 1024;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** The grid: by count (500…5,000 docs, bytes unbounded) and by bytes (1…15 MB, count unbounded). */
export function sweepShapes(quick: boolean): CeilingShape[] {
  const counts = quick ? [1000, 4000] : [500, 1000, 2000, 5000];
  const bytes = quick ? [5] : [1, 5, 15];
  const concurrencies = quick ? [1, 2] : [1, 2, 3, 4];
  const shapes: CeilingShape[] = [];
  for (const concurrency of concurrencies) {
    for (const maxDocs of counts) shapes.push({ maxDocs, maxBytes: UNBOUNDED, concurrency });
    for (const mb of bytes) shapes.push({ maxDocs: UNBOUNDED, maxBytes: mb * MB, concurrency });
  }
  return shapes;
}

export function shapeLabel(shape: CeilingShape): string {
  const by =
    shape.maxBytes === UNBOUNDED
      ? `${shape.maxDocs} docs`
      : shape.maxDocs === UNBOUNDED
        ? `${shape.maxBytes / MB} MB`
        : `${shape.maxDocs} docs/${Math.round(shape.maxBytes / MB)} MB`;
  return `${by} ×${shape.concurrency}`;
}

/** The mapped documents of one source, and their serialized size (to batch by bytes). */
export interface CeilingCorpus {
  requests: IndexRequest[];
  /** Bytes of each document's JSON, measured before the clock starts. */
  sizes: number[];
  bytes: number;
}

export function ceilingCorpus(requests: IndexRequest[]): CeilingCorpus {
  const sizes = requests.map((r) => Buffer.byteLength(JSON.stringify(r.document)));
  return { requests, sizes, bytes: sizes.reduce((sum, n) => sum + n, 0) };
}

/** Index ranges [start, end) of the batches: bounded by count and by bytes, as ours are. */
function batchRanges(corpus: CeilingCorpus, count: number, shape: CeilingShape) {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const size = corpus.sizes[i] + 80;
    if (i > start && (i - start >= shape.maxDocs || bytes + size > shape.maxBytes)) {
      ranges.push([start, i]);
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (count > start) ranges.push([start, count]);
  return ranges;
}

function ndjson(corpus: CeilingCorpus, [start, end]: [number, number], index: string): string {
  const lines: string[] = [];
  const action = (id: string) =>
    `{"create":{"_index":${JSON.stringify(index)},"_id":${JSON.stringify(id)}}}`;
  for (let i = start; i < end; i++) {
    const request = corpus.requests[i];
    lines.push(action(request.id), JSON.stringify(request.document));
  }
  return `${lines.join('\n')}\n`;
}

/** A full cluster made `index` a data stream; the integ-test distribution a plain index. */
async function dropTarget(client: Client, index: string): Promise<void> {
  await client.indices.deleteDataStream({ name: index }, { ignore: [400, 404] });
  await client.indices.delete({ index }, { ignore: [400, 404] });
}

/** One cell: the first `count` documents into a fresh data stream `index`, then it is deleted. */
export async function measureCeiling(
  client: Client,
  corpus: CeilingCorpus,
  count: number,
  index: string,
  shape: CeilingShape
): Promise<CeilingCell> {
  const batches = batchRanges(corpus, count, shape);
  const bytes = corpus.sizes.slice(0, count).reduce((sum, n) => sum + n, 0);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const bulkBody = ndjson(corpus, batches[next++], index);
      const response = (await client.transport.request({
        method: 'POST',
        path: '/_bulk',
        querystring: { filter_path: 'errors' },
        bulkBody,
      })) as { errors?: boolean };
      if (response.errors) throw new Error(`ceiling ${shapeLabel(shape)}: bulk reported errors`);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: shape.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dropTarget(client, index);
  return {
    ...shape,
    label: shapeLabel(shape),
    documents: count,
    seconds: Math.round(seconds * 100) / 100,
    docsPerSecond: Math.round(count / seconds),
    mbPerSecond: Math.round((bytes / MB / seconds) * 10) / 10,
  };
}

/** Every shape on the first `count` documents; the cells in the order measured. */
export async function sweepCeiling(
  client: Client,
  corpus: CeilingCorpus,
  count: number,
  indexOf: (cell: number) => string,
  shapes: CeilingShape[]
): Promise<CeilingCell[]> {
  const cells: CeilingCell[] = [];
  for (const [i, shape] of shapes.entries()) {
    cells.push(await measureCeiling(client, corpus, count, indexOf(i), shape));
    process.stderr.write(
      `  ceiling ${cells[i].label}: ${cells[i].docsPerSecond} docs/s, ${cells[i].mbPerSecond} MB/s\n`
    );
  }
  return cells;
}

export function bestCell(cells: readonly CeilingCell[]): CeilingCell {
  return cells.reduce((best, cell) => (cell.docsPerSecond > best.docsPerSecond ? cell : best));
}
