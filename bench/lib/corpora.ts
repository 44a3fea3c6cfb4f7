/*
 * Realistic inputs for the benchmarks, produced by the same generators the tests use, then sent
 * through JSON text once so the objects have the shapes `JSON.parse` gives a poller (no shared
 * strings, dictionary-mode objects where V8 would pick them).
 */
import { generateCorpus, type CorpusDocument } from '../../dev/closer_corpus/generator';
import { corpusIndexName } from '../../dev/closer_corpus/seed';
import { generateTenant } from '../../dev/lumos_simulator/generate_tenant';

export const DAY_MS = 86_400_000;

/** Lumos activity-log items as one `/activity_logs` page holds them. */
export function lumosItems(count: number, seed = 7): unknown[] {
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const items = generateTenant({ count, seed, start: end - 30 * DAY_MS, end });
  return JSON.parse(JSON.stringify(items)) as unknown[];
}

/** Closer search hits as a PIT search returns them (`_index`, `_id`, `_source`, `sort`). */
export function closerHits(count: number, seed = 7, prefix = 'closer-bench'): unknown[] {
  const docs: CorpusDocument[] = generateCorpus({
    count,
    start: Date.now() - 30 * DAY_MS,
    spanMs: 29 * DAY_MS,
    seed,
  });
  const hits = docs.map((doc, n) => ({
    _index: corpusIndexName(prefix, doc),
    _id: doc.id,
    _score: null,
    _source: doc.source,
    sort: [doc.timestamp, n],
  }));
  return JSON.parse(JSON.stringify(hits)) as unknown[];
}
