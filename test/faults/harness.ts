/*
 * Shared by the fault scenarios: run poll cycles until one catches up (as Task Manager would,
 * interval after interval, whatever the earlier cycles died of), then compare the destination
 * with the source exactly and print one summary line per scenario.
 */
import type { Client } from '@elastic/elasticsearch';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PollStats } from '../../server/sources/poll_types';

/** `npm run soak` sets this: the same scenarios with more events and more interruptions. */
export const SOAK = process.env.AUDIT_SOURCES_SOAK === '1';
export const scale = (quick: number, soak: number): number => (SOAK ? soak : quick);

const SUMMARY_FILE = join(__dirname, '..', '..', '.tmp', 'fault-summary.txt');

export interface Comparison {
  source: number;
  indexed: number;
  missing: number;
  duplicate: number;
  /** Documents whose id the source does not have. */
  unexpected: number;
}

/** `ids` as found in the destination (repeats = duplicates) against the source's set. */
export function compare(ids: readonly string[], expected: ReadonlySet<string>): Comparison {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  let missing = 0;
  for (const id of expected) if (!seen.has(id)) missing++;
  let duplicate = 0;
  let unexpected = 0;
  for (const [id, n] of seen) {
    duplicate += n - 1;
    if (!expected.has(id)) unexpected++;
  }
  return { source: expected.size, indexed: ids.length, missing, duplicate, unexpected };
}

export function expectExact(comparison: Comparison): void {
  expect({
    missing: comparison.missing,
    duplicate: comparison.duplicate,
    unexpected: comparison.unexpected,
    indexed: comparison.indexed,
  }).toEqual({ missing: 0, duplicate: 0, unexpected: 0, indexed: comparison.source });
}

export function report(
  name: string,
  comparison: Comparison,
  retries: number,
  ms: number,
  extra = ''
): void {
  const line = `fault ${name}: ${comparison.source} source, ${comparison.indexed} indexed, ${comparison.missing} missing, ${comparison.duplicate} duplicate, ${retries} retries, ${(ms / 1000).toFixed(1)}s${extra ? ` (${extra})` : ''}`;
  console.log(line);
  try {
    mkdirSync(join(SUMMARY_FILE, '..'), { recursive: true });
    appendFileSync(
      SUMMARY_FILE,
      `${new Date().toISOString()} ${SOAK ? 'soak' : 'quick'} ${line}\n`
    );
  } catch {
    // The summary file is a convenience; the console line is the record.
  }
}

/** Every `field` value (or `_id`) in `index`, paged with search_after; repeats kept. */
export async function allIds(es: Client, index: string, field?: string): Promise<string[]> {
  await es.indices.refresh({ index, ignore_unavailable: true, allow_no_indices: true });
  const ids: string[] = [];
  let after: Array<string | number> | undefined;
  for (;;) {
    const response = await es.search<Record<string, unknown>>({
      index,
      size: 5000,
      sort: ['_doc'],
      search_after: after,
      _source: field ? [field] : false,
      ignore_unavailable: true,
      allow_no_indices: true,
    });
    const hits = response.hits.hits;
    for (const hit of hits) {
      if (!field) ids.push(hit._id!);
      else {
        let value: unknown = hit._source;
        for (const key of field.split('.')) value = (value as Record<string, unknown>)?.[key];
        ids.push(String(value));
      }
    }
    if (hits.length < 5000) return ids;
    after = hits[hits.length - 1].sort as Array<string | number>;
  }
}

export interface CycleOutcome {
  caughtUp: boolean;
  stats: PollStats;
}

export interface LoopResult {
  cycles: number;
  aborts: number;
  /** Cycles that failed for another reason (and were simply run again). */
  failures: string[];
  /** Retries summed over the cycles that finished. */
  retries: number;
}

/**
 * Runs `cycle` until it reports caughtUp. `abortAfterMs(i)` may return a delay after which the
 * i-th cycle is aborted (random interruptions); failed cycles are retried after `pauseMs`.
 */
export async function untilCaughtUp(
  cycle: (signal: AbortSignal) => Promise<CycleOutcome>,
  options: { maxCycles: number; abortAfterMs?: (i: number) => number | undefined; pauseMs?: number }
): Promise<LoopResult> {
  const result: LoopResult = { cycles: 0, aborts: 0, failures: [], retries: 0 };
  for (let i = 0; i < options.maxCycles; i++) {
    result.cycles++;
    const controller = new AbortController();
    const delay = options.abortAfterMs?.(i);
    const timer = delay === undefined ? undefined : setTimeout(() => controller.abort(), delay);
    try {
      const outcome = await cycle(controller.signal);
      result.retries += outcome.stats.retries;
      if (outcome.caughtUp) return result;
    } catch (error) {
      if (controller.signal.aborted) result.aborts++;
      else {
        result.failures.push((error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 200));
      }
    } finally {
      clearTimeout(timer);
    }
  }
  throw new Error(
    `Not caught up after ${options.maxCycles} cycles (${result.aborts} aborted; failures: ${result.failures.slice(-3).join(' | ')})`
  );
}
