/*
 * Seeding large Closer corpora quickly: generated and bulk-indexed in chunks (never the whole
 * corpus in memory), refresh off while indexing, one refresh at the end.
 */
import { generateCorpus, type CorpusDocument } from '../../dev/closer_corpus/generator';
import { corpusIndexName, seedCorpus } from '../../dev/closer_corpus/seed';
import type { BenchEs } from './es';

const CHUNK = 50_000;
const DAY = 86_400_000;

export interface SeededCloser {
  prefix: string;
  count: number;
  start: number;
  spanMs: number;
}

/** Chunk k of a corpus: its own seed and id prefix, its own slice of time, so ids never repeat. */
export function corpusChunk(corpus: SeededCloser, k: number): CorpusDocument[] {
  const chunks = Math.ceil(corpus.count / CHUNK);
  const count = Math.min(CHUNK, corpus.count - k * CHUNK);
  const slice = corpus.spanMs / chunks;
  return generateCorpus({
    count,
    start: corpus.start + k * slice,
    spanMs: slice,
    seed: 1000 + k,
    idPrefix: `k${k}-`,
  });
}

export function* closerHitsOf(corpus: SeededCloser): Generator<unknown> {
  for (let k = 0; k * CHUNK < corpus.count; k++) {
    for (const doc of corpusChunk(corpus, k)) {
      yield JSON.parse(
        JSON.stringify({
          _index: corpusIndexName(corpus.prefix, doc),
          _id: doc.id,
          _source: doc.source,
        })
      );
    }
  }
}

async function setRefresh(es: BenchEs, prefix: string, value: string): Promise<void> {
  await es.client.indices.putSettings({
    index: `${prefix}-*`,
    settings: { index: { refresh_interval: value } },
  });
}

export async function seedCloser(es: BenchEs, count: number, name: string): Promise<SeededCloser> {
  const corpus: SeededCloser = {
    prefix: `${name}-${Date.now().toString(36)}`,
    count,
    start: Date.now() - 30 * DAY,
    spanMs: 29 * DAY,
  };
  const target = { url: es.url, username: es.username, password: es.password };
  for (let k = 0; k * CHUNK < count; k++) {
    const docs = corpusChunk(corpus, k);
    await seedCorpus(target, corpus.prefix, docs, { refresh: false, batchSize: 2000 });
    if (k === 0) await setRefresh(es, corpus.prefix, '-1');
  }
  // Back to the default, so documents added later (freshness) become searchable as usual.
  await setRefresh(es, corpus.prefix, '1s');
  await es.client.indices.refresh({ index: `${corpus.prefix}-*` });
  return corpus;
}
