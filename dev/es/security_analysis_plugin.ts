import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PLUGIN_NAME = 'audit-sources-test-analysis';
const SOURCE = join(
  __dirname,
  'analysis_plugin/src/org/auditsources/estest/SecurityIndexAnalysisPlugin.java'
);

/**
 * Compiles and installs our test-only analysis plugin into ES_HOME (see the Java source for
 * why). Rebuilt only when the source or the Elasticsearch version changes.
 */
export function ensureSecurityAnalysisPlugin(
  home: string,
  version: string,
  javaHome: string
): void {
  const source = readFileSync(SOURCE);
  const fingerprint = createHash('sha256').update(source).update(version).digest('hex');
  const pluginDir = join(home, 'plugins', PLUGIN_NAME);
  const stamp = join(pluginDir, '.fingerprint');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return;

  const work = mkdtempSync(join(tmpdir(), 'audit-sources-es-plugin-'));
  try {
    const classes = join(work, 'classes');
    execFileSync(join(javaHome, 'bin', 'javac'), [
      '--release',
      '21',
      '-nowarn',
      '-cp',
      `${join(home, 'lib')}/*`,
      '-d',
      classes,
      SOURCE,
    ]);
    rmSync(pluginDir, { recursive: true, force: true });
    mkdirSync(pluginDir, { recursive: true });
    execFileSync(join(javaHome, 'bin', 'jar'), [
      'cf',
      join(pluginDir, `${PLUGIN_NAME}.jar`),
      '-C',
      classes,
      '.',
    ]);
    writeFileSync(
      join(pluginDir, 'plugin-descriptor.properties'),
      [
        'description=Test-only: analysis components the security index needs (not for production)',
        'version=1.0.0',
        `name=${PLUGIN_NAME}`,
        'classname=org.auditsources.estest.SecurityIndexAnalysisPlugin',
        'java.version=21',
        `elasticsearch.version=${version}`,
        '',
      ].join('\n')
    );
    writeFileSync(stamp, fingerprint);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
