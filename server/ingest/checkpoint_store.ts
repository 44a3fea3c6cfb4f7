import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { formatDecodeErrors } from '../../common/decode';

/**
 * Where a source's cursor lives between runs: a saved object inside Kibana, a file for the
 * stand-alone `pull` command, memory in tests. `save` must be durable when it resolves: the
 * caller advances only after events before the checkpoint are written.
 */
export interface CheckpointStore<T> {
  load(): Promise<T | undefined>;
  save(checkpoint: T): Promise<void>;
}

export function memoryCheckpointStore<T>(initial?: T): CheckpointStore<T> & { saves: T[] } {
  let current = initial;
  const saves: T[] = [];
  return {
    saves,
    async load() {
      return current;
    },
    async save(checkpoint) {
      current = checkpoint;
      saves.push(checkpoint);
    },
  };
}

/** Atomic (write then rename) so a kill mid-save leaves the previous checkpoint intact. */
export function fileCheckpointStore<T>(
  path: string,
  codec: t.Type<T, unknown>
): CheckpointStore<T> {
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      const decoded = codec.decode(JSON.parse(text));
      if (isLeft(decoded)) {
        throw new Error(`Checkpoint file ${path} is invalid: ${formatDecodeErrors(decoded.left)}`);
      }
      return decoded.right;
    },
    async save(checkpoint) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(codec.encode(checkpoint)));
      await rename(temporary, path);
    },
  };
}
