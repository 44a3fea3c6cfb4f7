import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './distribution';
import { startEs, type RunningEs } from './es_server';

declare global {
  var __AUDIT_SOURCES_ES__: RunningEs | undefined;
}

/**
 * One node per jest run (not per test): starting takes ~15 s. Set AUDIT_SOURCES_ES_URL (and
 * _USER/_PASSWORD) to reuse a node you started with `npm run es`.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.AUDIT_SOURCES_ES_URL) return;
  const es = await startEs();
  globalThis.__AUDIT_SOURCES_ES__ = es;
  // Workers are forked after global setup, so they inherit these.
  process.env.AUDIT_SOURCES_ES_URL = es.url;
  process.env.AUDIT_SOURCES_ES_USER = es.username;
  process.env.AUDIT_SOURCES_ES_PASSWORD = es.password;
  const dir = join(REPO_ROOT, '.tmp');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'es-connection.json'), JSON.stringify({ url: es.url, pid: es.pid }));
}
