/*
 * Puts a generated corpus into an Elasticsearch the way Closer's cluster likely holds it: an
 * index per body spelling (`<prefix>-a` with `http.request.body.content`, `<prefix>-b` with
 * `http.request.body`), `@timestamp` mapped as date and `message` left to dynamic mapping. Plain
 * fetch, so `npm start` and the benchmark can use it against any cluster.
 */
import type { CorpusDocument } from './generator';

export interface SeedTarget {
  url: string;
  username?: string;
  password?: string;
  apiKey?: string;
}

export interface SeedOptions {
  /** Make the documents searchable before returning. */
  refresh?: boolean;
  /** Documents per bulk request. */
  batchSize?: number;
}

function headers(target: SeedTarget, contentType = 'application/json'): Record<string, string> {
  const h: Record<string, string> = { 'content-type': contentType, accept: 'application/json' };
  if (target.apiKey) h.authorization = `ApiKey ${target.apiKey}`;
  else if (target.username) {
    h.authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ''}`).toString('base64')}`;
  }
  return h;
}

export function corpusIndexName(prefix: string, doc: Pick<CorpusDocument, 'spelling'>): string {
  return `${prefix}-${doc.spelling === 'content' ? 'a' : 'b'}`;
}

/** The pattern covering both indices of a corpus. */
export function corpusIndexPattern(prefix: string): string {
  return `${prefix}-*`;
}

async function call(
  target: SeedTarget,
  method: string,
  path: string,
  body?: string,
  contentType?: string
): Promise<unknown> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: headers(target, contentType),
    body,
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${method} ${path} failed: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Creates both indices (idempotent: an existing index is left as is). */
export async function createCorpusIndices(target: SeedTarget, prefix: string): Promise<void> {
  for (const suffix of ['a', 'b']) {
    const response = await fetch(`${target.url}/${prefix}-${suffix}`, {
      method: 'PUT',
      headers: headers(target),
      body: JSON.stringify({
        // One shard keeps dynamic mapping deterministic (valid records map fields first);
        // sorting across shards is exercised anyway by the PIT `_shard_doc` tiebreak.
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: {
          properties: {
            '@timestamp': { type: 'date' },
            message: { type: 'object', dynamic: true },
          },
        },
      }),
    });
    if (!response.ok && response.status !== 400) {
      throw new Error(
        `Creating ${prefix}-${suffix} failed: ${response.status} ${await response.text()}`
      );
    }
  }
}

/**
 * Indexes documents (valid ones first, so the dynamic mapping is learnt from them) with their
 * corpus ids. Re-seeding the same document overwrites it; the id is what a pull keys on.
 */
export async function seedCorpus(
  target: SeedTarget,
  prefix: string,
  docs: readonly CorpusDocument[],
  options: SeedOptions = {}
): Promise<void> {
  await createCorpusIndices(target, prefix);
  const ordered = [...docs.filter((d) => !d.malformed), ...docs.filter((d) => d.malformed)];
  const batchSize = options.batchSize ?? 500;
  for (let i = 0; i < ordered.length; i += batchSize) {
    const lines: string[] = [];
    for (const doc of ordered.slice(i, i + batchSize)) {
      lines.push(
        JSON.stringify({ index: { _index: corpusIndexName(prefix, doc), _id: doc.id } }),
        JSON.stringify(doc.source)
      );
    }
    const result = (await call(
      target,
      'POST',
      '/_bulk',
      `${lines.join('\n')}\n`,
      'application/x-ndjson'
    )) as {
      errors: boolean;
      items: Array<Record<string, { status: number; error?: unknown }>>;
    };
    if (result.errors) {
      const failed = result.items
        .map((item) => Object.values(item)[0])
        .filter((item) => item.status >= 300);
      throw new Error(
        `Seeding failed for ${failed.length} documents, first: ${JSON.stringify(failed[0])}`
      );
    }
  }
  if (options.refresh !== false)
    await call(target, 'POST', `/${corpusIndexPattern(prefix)}/_refresh`);
}
