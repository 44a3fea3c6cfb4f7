/*
 * Helpers for tests that talk to a running host: HTTP calls as a given user (Basic or ApiKey) with
 * the headers Kibana's browser client sends (`kbn-xsrf`, `x-elastic-internal-origin`), in a space
 * (`/s/<id>` prefix, spaces_url_parser.ts addSpaceIdToPath), and ES users/roles granting Kibana
 * feature privileges at given spaces (`space:<id>` application resources).
 */
import type { Client } from '@elastic/elasticsearch';
import { randomBytes } from 'node:crypto';
import { addSpaceIdToPath } from './http/spaces_url';
import { KIBANA_APPLICATION, spaceResource } from './security/privileges';
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
  /** Call within this space: `/s/<space>` is prefixed unless it is `default` (or absent). */
  space?: string;
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

/** `path` in space `spaceId`: `/s/<id><path>`, or `path` itself for the default space. */
export function spacePath(spaceId: string | undefined, path: string): string {
  return addSpaceIdToPath('', spaceId, path);
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
  const response = await fetch(`${baseUrl}${spacePath(options.space, path)}`, {
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

export interface KibanaUserOptions {
  /**
   * Spaces the privileges are granted at (role application resources `space:<id>`); default
   * ['default']. `'*'` is every space (resource `*`, as Kibana stores `spaces: ['*']`).
   */
  spaces?: string[];
}

/**
 * A native user whose only role grants the given Kibana privileges (e.g. `feature_x.read`) at the
 * given spaces (default: the default space), as Kibana's role API stores a space-scoped Kibana
 * privilege (elasticsearch_role.ts: `resources: ['space:<id>', …]`).
 */
export async function createKibanaUser(
  admin: Client,
  kibanaPrivileges: string[],
  prefix = 'khuser',
  options: KibanaUserOptions = {}
): Promise<{ username: string; password: string }> {
  const spaces = options.spaces ?? ['default'];
  if (kibanaPrivileges.length && !spaces.length) {
    throw new Error('createKibanaUser: privileges need at least one space');
  }
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
            resources: spaces.map((space) => (space === '*' ? '*' : spaceResource(space))),
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
