/**
 * Keys remembered within a cycle to skip rewriting what it read twice. Only neighbouring
 * checkpoints' pages overlap, so two generations are enough; beyond them Elasticsearch's 409
 * does the same job. Bounded so a backfill of millions of records keeps a flat memory profile:
 * 200k remembered 128-hex hashes held ~40 MB.
 */
export const DEFAULT_REMEMBERED_GENERATION = 5_000;

export interface RememberedKeys {
  has(key: string): boolean;
  add(key: string): void;
  /** Called when a checkpoint is reached; starts a new generation once this one is big enough. */
  rotate(): void;
}

/** Two generations of keys: the current one and the one before. */
export function rememberedKeys(generation = DEFAULT_REMEMBERED_GENERATION): RememberedKeys {
  let current = new Set<string>();
  let previous = new Set<string>();
  return {
    has: (key) => current.has(key) || previous.has(key),
    add: (key) => {
      current.add(key);
    },
    rotate: () => {
      if (current.size < generation) return;
      previous = current;
      current = new Set();
    },
  };
}
