/*
 * Helpers for tests that talk to a running host: HTTP calls as a given user (Basic or ApiKey) with
 * the headers Kibana's browser client sends (`kbn-xsrf`, `x-elastic-internal-origin`), and ES
 * users/roles granting Kibana feature privileges on the default space.
 */
import type { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { KIBANA_APPLICATION } from './security/privileges';
import type { LogRecord, LogSink } from './logging/logger';

export type Credentials = { username: string; password: string } | { apiKey: string } | undefined;

export interface CallOptions {
  method?: string;
  body?: unknown;
  as?: Credentials;
  /** Default true: send `kbn-xsrf`. */
  xsrf?: boolean;
  /** Default true: send `x-elastic-internal-origin`. */
  internal?: boolean;
  headers?: Record<string, string>;
}

export interface CallResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export function authorizationHeader(as: Credentials): string | undefined {
  if (!as) return undefined;
  if ('apiKey' in as) return `ApiKey ${as.apiKey}`;
  return `Basic ${Buffer.from(`${as.username}:${as.password}`).toString('base64')}`;
}

export async function callHost<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  options: CallOptions = {}
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  const authorization = authorizationHeader(options.as);
  if (authorization) headers.authorization = authorization;
  if (options.xsrf !== false) headers['kbn-xsrf'] = 'kibana-host-test';
  if (options.internal !== false) headers['x-elastic-internal-origin'] = 'Kibana';
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** A native user whose only role grants the given Kibana privileges (e.g. `feature_x.read`). */
export async function createKibanaUser(
  admin: Client,
  kibanaPrivileges: string[],
  prefix = 'khuser'
): Promise<{ username: string; password: string }> {
  const suffix = randomBytes(4).toString('hex');
  const username = `${prefix}_${suffix}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await admin.security.putRole({
    name: username,
    applications: kibanaPrivileges.length
      ? [
          {
            application: KIBANA_APPLICATION,
            privileges: kibanaPrivileges,
            resources: ['space:default'],
          },
        ]
      : [],
  });
  await admin.security.putUser({ username, password, roles: [username], refresh: 'wait_for' });
  return { username, password };
}

/** Collects log records; `text()` is every line as JSON, for "never logged" assertions. */
export function captureLogs(): { sink: LogSink; records: LogRecord[]; text: () => string } {
  const records: LogRecord[] = [];
  return {
    sink: (record) => records.push(record),
    records,
    text: () => records.map((r) => JSON.stringify(r)).join('\n'),
  };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 200, what = 'condition' } = {}
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
