#!/usr/bin/env node
/*
 * Checks the system prerequisites of `npm test` / `npm start` before anything else runs, so a
 * newcomer gets one list of what is missing with the exact command to install it, instead of a
 * failure deep inside the Elasticsearch harness or the browser tests ten minutes in.
 *
 *   node scripts/check_prereqs.js test    # everything npm test needs (includes Chromium)
 *   node scripts/check_prereqs.js start   # what npm start needs
 *
 * Plain Node (no tsx): it must run before dependencies are known to work.
 */
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const purpose = process.argv[2] === 'start' ? 'start' : 'test';
const APT = 'apt-get update && apt-get install -y';

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function javaMajor(home) {
  try {
    const match = /^JAVA_VERSION="(\d+)/m.exec(readFileSync(join(home, 'release'), 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Mirrors pickJavaHome in dev/es/distribution.ts: ES 9.x needs Java 21+. */
function hasJdk() {
  if (process.env.ES_JAVA_HOME) return existsSync(process.env.ES_JAVA_HOME);
  const jvm = '/usr/lib/jvm';
  if (!existsSync(jvm)) return false;
  return readdirSync(jvm).some((name) => (javaMajor(join(jvm, name)) ?? 0) >= 21);
}

function esVersion() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).kibana.elasticsearchVersion;
}

/** Maven and unzip are only needed until the Elasticsearch zip has been fetched and unpacked. */
function esUnpacked() {
  return existsSync(join(root, '.es-cache', `elasticsearch-${esVersion()}`, 'bin'));
}

function hasFont(family) {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' })
      .toLowerCase()
      .includes(family);
  } catch {
    return false;
  }
}

const missing = [];
const [nodeMajor] = process.versions.node.split('.').map(Number);
if (nodeMajor < 20)
  missing.push({
    what: `Node 20+ (this is ${process.version})`,
    fix: 'install Node.js 20 or later',
  });
if (!hasJdk()) {
  missing.push({
    what: 'a JDK 21+ under /usr/lib/jvm (Elasticsearch 9 needs it)',
    fix: 'install a JDK 21+ (Debian 12 ships only 17: e.g. Temurin 21+) into /usr/lib/jvm, or set ES_JAVA_HOME',
  });
}
if (!esUnpacked()) {
  if (!onPath('mvn')) missing.push({ what: 'Maven (fetches Elasticsearch)', fix: `${APT} maven` });
  if (!onPath('unzip')) missing.push({ what: 'unzip', fix: `${APT} unzip` });
}
if (process.getuid && process.getuid() === 0 && !onPath('unshare')) {
  missing.push({
    what: 'unshare (Elasticsearch refuses to run as root)',
    fix: `${APT} util-linux`,
  });
}
if (purpose === 'test') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    missing.push({ what: `Chromium at ${chromium} (browser tests)`, fix: `${APT} chromium` });
  }
  if (!hasFont('inter')) {
    missing.push({
      what: "the Inter font (EUI's theme, browser tests)",
      fix: `${APT} fonts-inter`,
    });
  }
}

if (missing.length > 0) {
  console.error(`npm ${purpose} needs:`);
  for (const { what, fix } of missing) console.error(`  - ${what}\n      ${fix}`);
  process.exit(1);
}
