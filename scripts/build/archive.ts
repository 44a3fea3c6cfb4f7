/*
 * The installable zip.
 *
 * `bin/kibana-plugin install` (src/cli/plugin/install/zip.ts) scans the entries for
 * /(kibana[\\/][^\\/]+)[\\/]kibana.json/i, reads `id` and `kibanaVersion` from the first match,
 * then extracts every entry under that `kibana/<dir>/` prefix into plugins/<id>. The layout is
 * therefore `kibana/<id>/...`, the same as plugin-helpers' create_archive.ts produces.
 *
 * Unlike plugin-helpers (archiver over a directory, current timestamps), entries are written in a
 * fixed order with a fixed timestamp, so the same inputs give a byte-identical zip.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { ZipFile } from 'yazl';

import { compareCodeUnits } from './compare';

/** The pattern kibana-plugin uses to find plugin manifests inside an archive. */
export const INSTALLER_MANIFEST_PATTERN = /(kibana[\\/][^\\/]+)[\\/]kibana.json/i;

/** 2000-01-01 local time: any fixed date works; DOS timestamps cannot go below 1980. */
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

/** Files below `dir`, relative with `/` separators, sorted by code unit (locale-independent). */
export async function listFilesRecursive(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...(await listFilesRecursive(dir, relative)));
    } else if (entry.isFile()) {
      files.push(relative);
    }
  }
  return files.sort(compareCodeUnits);
}

/**
 * Entry order: the manifest first (the installer takes the first match), then everything else.
 * Fails if any other path would also look like a plugin manifest to the installer.
 */
export function orderArchiveEntries(files: readonly string[], manifestPath: string): string[] {
  if (!files.includes(manifestPath)) {
    throw new Error(`The archive must contain ${manifestPath}`);
  }
  const impostors = files.filter(
    (file) => file !== manifestPath && INSTALLER_MANIFEST_PATTERN.test(file)
  );
  if (impostors.length > 0) {
    throw new Error(
      `bin/kibana-plugin would mistake these for plugin manifests: ${impostors.join(', ')}`
    );
  }
  return [manifestPath, ...files.filter((file) => file !== manifestPath)];
}

export interface CreateArchiveOptions {
  /** Directory that contains the top-level `kibana/` folder. */
  stagingRoot: string;
  pluginId: string;
  zipPath: string;
}

export interface ArchiveResult {
  zipPath: string;
  size: number;
  entries: string[];
}

export async function createArchive(options: CreateArchiveOptions): Promise<ArchiveResult> {
  const { stagingRoot, pluginId, zipPath } = options;
  const prefix = `kibana/${pluginId}`;
  const files = (await listFilesRecursive(path.join(stagingRoot, prefix))).map(
    (file) => `${prefix}/${file}`
  );
  const entries = orderArchiveEntries(files, `${prefix}/kibana.json`);

  const zip = new ZipFile();
  for (const entry of entries) {
    const realPath = path.join(stagingRoot, entry);
    const { mode } = await fs.stat(realPath);
    // The installer recreates files with `externalFileAttributes >>> 16`; keep only the exec bit.
    const fileMode = mode & 0o111 ? 0o100755 : 0o100644;
    zip.addFile(realPath, entry, { mtime: FIXED_MTIME, mode: fileMode, compress: true });
  }

  await fs.mkdir(path.dirname(zipPath), { recursive: true });
  const written = pipeline(zip.outputStream, createWriteStream(zipPath));
  zip.end();
  await written;

  const { size } = await fs.stat(zipPath);
  return { zipPath, size, entries };
}
