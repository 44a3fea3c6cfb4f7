import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Kept outside the checkout's tracked files; survives between runs on the same machine. */
export const ES_CACHE_DIR = process.env.AUDIT_SOURCES_ES_CACHE ?? join(REPO_ROOT, '.es-cache');

const ARTIFACT_GROUP = 'org.elasticsearch.distribution.integ-test-zip';

export function pinnedElasticsearchVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    kibana: { elasticsearchVersion: string };
  };
  return process.env.AUDIT_SOURCES_ES_VERSION ?? pkg.kibana.elasticsearchVersion;
}

function mavenZipPath(version: string): string {
  const repo = process.env.AUDIT_SOURCES_M2_REPO ?? join(homedir(), '.m2', 'repository');
  return join(
    repo,
    ...ARTIFACT_GROUP.split('.'),
    'elasticsearch',
    version,
    `elasticsearch-${version}.zip`
  );
}

/**
 * Returns ES_HOME of the integ-test distribution, fetching it from Maven Central on first use.
 * The zip has no bundled JDK and only transport-netty4, apm, x-pack-core and x-pack-security.
 */
export async function ensureDistribution(version = pinnedElasticsearchVersion()): Promise<string> {
  const home = join(ES_CACHE_DIR, `elasticsearch-${version}`);
  if (existsSync(join(home, 'bin', 'elasticsearch'))) return home;

  const zip = mavenZipPath(version);
  if (!existsSync(zip)) {
    // Plugin version pinned: a bare `dependency:get` on Maven 3.8 resolves the ancient 2.8.
    await execFileAsync(
      'mvn',
      [
        '-B',
        '-q',
        'org.apache.maven.plugins:maven-dependency-plugin:3.6.1:get',
        `-Dartifact=${ARTIFACT_GROUP}:elasticsearch:${version}:zip`,
        '-Dtransitive=false',
      ],
      { maxBuffer: 16 * 1024 * 1024 }
    ).catch((error: Error & { stdout?: string }) => {
      throw new Error(
        `Could not fetch Elasticsearch ${version} from Maven Central: ${error.message}\n${error.stdout ?? ''}`
      );
    });
  }

  // Unpack beside the final place and rename, so a concurrent or interrupted run never sees half a tree.
  await mkdir(ES_CACHE_DIR, { recursive: true });
  const staging = await mkdtemp(join(ES_CACHE_DIR, '.unpack-'));
  try {
    await execFileAsync('unzip', ['-q', zip, '-d', staging]);
    const [top] = readdirSync(staging);
    await rename(join(staging, top), home).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(join(home, 'bin', 'elasticsearch'))) throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return home;
}

function javaMajor(javaHome: string): number | undefined {
  try {
    const release = readFileSync(join(javaHome, 'release'), 'utf8');
    const match = /^JAVA_VERSION="(\d+)/m.exec(release);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** ES 9.x needs Java 21+, 8.x Java 17+; ES ignores JAVA_HOME, so ES_JAVA_HOME is always set. */
export function pickJavaHome(esVersion: string): string {
  if (process.env.ES_JAVA_HOME) return process.env.ES_JAVA_HOME;
  const minimum = Number(esVersion.split('.')[0]) >= 9 ? 21 : 17;
  const root = '/usr/lib/jvm';
  const candidates = existsSync(root)
    ? readdirSync(root)
        .map((name) => join(root, name))
        .map((path) => ({ path, major: javaMajor(path) }))
        .filter((c): c is { path: string; major: number } => c.major !== undefined)
        .filter((c) => c.major >= minimum)
        .sort((a, b) => b.major - a.major)
    : [];
  if (candidates.length === 0) {
    throw new Error(
      `Elasticsearch ${esVersion} needs Java ${minimum}+; none found under ${root}. Set ES_JAVA_HOME.`
    );
  }
  return candidates[0].path;
}
