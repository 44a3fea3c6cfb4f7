/*
 * A deterministic corpus of Closer security logs in Closer's exact `_source` format (dotted keys
 * under `message`, `@timestamp` with a `+0000` offset), for integration tests, `npm start` and
 * the benchmark. Same seed, same documents.
 *
 * Besides ordinary events it contains what a pull must survive: bursts of documents sharing one
 * millisecond (so a page boundary falls inside them), both body spellings (`http.request.body`
 * and `http.request.body.content`, which cannot coexist in one dynamically mapped index, hence
 * two indices), odd source addresses, secrets in bodies and URLs, huge upload bodies, and
 * malformed records a dynamic mapping still accepts but our decoder must turn into
 * pipeline_error documents.
 */
import { CLOSER_ACTIONS } from '../../server/sources/closer/actions';

export type BodySpelling = 'content' | 'plain';
export type MalformedKind =
  'no_message' | 'empty_message' | 'kind_number' | 'action_number' | 'roles_number';

export interface CorpusDocument {
  /** Which index of the pair it belongs in: bodies spelled `.body.content` or `.body`. */
  spelling: BodySpelling;
  id: string;
  /** Epoch ms of `@timestamp`. */
  timestamp: number;
  source: Record<string, unknown>;
  malformed?: MalformedKind;
}

export interface CorpusOptions {
  count: number;
  /** Epoch ms of the first document. */
  start: number;
  /** Documents are spread over [start, start + spanMs). */
  spanMs: number;
  seed?: number;
  /** About one in this many documents is malformed (0: none). */
  malformedEvery?: number;
  /** About one in this many documents starts a burst sharing its millisecond. */
  burstEvery?: number;
  /** Upload bodies of this many characters (logo / background). */
  uploadChars?: number;
  idPrefix?: string;
}

/** mulberry32: tiny, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Closer's format: `2021-05-05T09:27:12.529+0000`. */
export function closerTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

const ACTIONS = Object.keys(CLOSER_ACTIONS);
const ROLES = [['ADMIN'], ['AGENT'], ['ADMIN', 'AGENT'], ['OWNER']];
const METHODS: Record<string, string> = { creation: 'POST', change: 'PUT', deletion: 'DELETE' };

function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function sourceIp(random: () => number, n: number): string {
  const octets = () =>
    `${1 + Math.floor(random() * 223)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
  switch (n % 10) {
    case 1:
      return `client.example.net/${octets()}`;
    case 2:
      return `/2001:db8::${(n % 65535).toString(16)}`;
    case 3:
      return `/${octets()}:${1024 + (n % 50000)}`;
    case 4:
      return `/[fe80::${(n % 65535).toString(16)}%eth0]:443`;
    case 5:
      return n % 20 === 5 ? 'unknown' : `/${octets()}`;
    default:
      return `/${octets()}`;
  }
}

function requestBody(
  action: string,
  random: () => number,
  uploadChars: number,
  n: number
): string | undefined {
  if (action === 'agent_login')
    return JSON.stringify({ email: `agent${n}@example.com`, password: `pw-${n}-secret` });
  if (action.startsWith('agent_password_change')) {
    return JSON.stringify({ oldPassword: `old-${n}`, newPassword: `new-${n}`, token: `tok-${n}` });
  }
  if (action === 'oauth_config_creation' || action === 'oauth_config_change') {
    return JSON.stringify({
      clientId: `client-${n}`,
      clientSecret: `s3cr3t-${n}`,
      scopes: ['openid'],
    });
  }
  if (action === 'lekta_config_creation')
    return `url=https%3A%2F%2Flekta.example&apiKey=key-${n}&name=bot`;
  if (action.endsWith('_deletion') || action === 'agent_logout') return undefined;
  if (/logo_creation|background_creation|avatar_creation/.test(action)) {
    // Only every fifth upload is huge, so the corpus stays small enough to seed quickly.
    const size = n % 5 === 0 ? uploadChars : 256;
    return `data:image/png;base64,${'iVBORw0KGgo'.repeat(Math.ceil(size / 11)).slice(0, size)}`;
  }
  if (action === 'agent_skills_change')
    return JSON.stringify({ skills: ['skill', `skill-${n % 7}`] });
  return JSON.stringify({ name: `value-${Math.floor(random() * 1000)}`, enabled: random() < 0.5 });
}

function urlFor(action: string, userId: string, n: number): string {
  const host = n % 13 === 0 ? 'spinner.stage.closer.app:8443' : 'spinner.stage.closer.app';
  if (action === 'agent_login_with_magic_link')
    return `https://${host}/api/session/magic-link?token=ml-${n}-secret&redirect=%2Finbox`;
  if (action.startsWith('agent_'))
    return `https://${host}/api/users/agents/${userId}/${action.slice(6).replace(/_/g, '-')}`;
  return `https://${host}/api/orgs/current/${action.replace(/_(creation|change|deletion)$/, '').replace(/_/g, '-')}`;
}

function validSource(
  n: number,
  timestamp: number,
  random: () => number,
  spelling: BodySpelling,
  uploadChars: number
): Record<string, unknown> {
  const action = ACTIONS[Math.floor(random() * ACTIONS.length)];
  const info = CLOSER_ACTIONS[action];
  const verb = info.type.find((v) => v in METHODS) ?? 'change';
  const failed = random() < 0.08;
  const status = failed ? [400, 401, 403, 404, 409, 500][n % 6] : verb === 'creation' ? 201 : 204;
  const userId = uuid(random);
  const message: Record<string, unknown> = {
    'event.kind': ['event'],
    // Closer's own (not ECS-valid) categorization, as in their example event.
    'event.category': ['configuration'],
    'event.type': action.startsWith('agent_') ? [verb, 'user'] : [verb],
    'event.action': action,
    'event.outcome': failed ? 'failure' : 'success',
    'http.request.method': action.includes('login') ? 'POST' : METHODS[verb],
    'http.response.status_code': status,
    'source.ip': sourceIp(random, n),
    'url.full': urlFor(action, userId, n),
    'ecs.version': '1.9',
  };
  if (!action.startsWith('agent_login') && action !== 'oauth_authorization') {
    message['user.id'] = userId;
    message['user.roles'] = ROLES[n % ROLES.length];
  }
  const body = requestBody(action, random, uploadChars, n);
  if (body !== undefined)
    message[spelling === 'content' ? 'http.request.body.content' : 'http.request.body'] = body;
  if (failed) {
    const response = JSON.stringify({ error: 'Request failed', code: status });
    message[spelling === 'content' ? 'http.response.body.content' : 'http.response.body'] =
      response;
  }
  // Epoch-millis @timestamp is also accepted by a `date` mapping; a few records use it.
  return { '@timestamp': n % 97 === 0 ? timestamp : closerTimestamp(timestamp), message };
}

function malformedSource(
  kind: MalformedKind,
  timestamp: number,
  n: number
): Record<string, unknown> {
  const ts = closerTimestamp(timestamp);
  switch (kind) {
    case 'no_message':
      return { '@timestamp': ts };
    case 'empty_message':
      return { '@timestamp': ts, message: {} };
    case 'kind_number':
      return {
        '@timestamp': ts,
        message: { 'event.kind': 7, 'event.action': 'org_config_change' },
      };
    case 'action_number':
      return { '@timestamp': ts, message: { 'event.action': 12345, 'source.ip': '/10.0.0.1' } };
    case 'roles_number':
      return {
        '@timestamp': ts,
        message: { 'event.action': 'agent_role_change', 'user.roles': n },
      };
  }
}

const MALFORMED: MalformedKind[] = [
  'no_message',
  'empty_message',
  'kind_number',
  'action_number',
  'roles_number',
];

export function generateCorpus(options: CorpusOptions): CorpusDocument[] {
  const random = prng(options.seed ?? 1);
  const malformedEvery = options.malformedEvery ?? 150;
  const burstEvery = options.burstEvery ?? 40;
  const uploadChars = options.uploadChars ?? 100_000;
  const prefix = options.idPrefix ?? 'c';
  const docs: CorpusDocument[] = [];
  const step = options.spanMs / Math.max(1, options.count);
  let burstLeft = 0;
  let timestamp = options.start;
  for (let n = 0; n < options.count; n++) {
    if (burstLeft > 0) {
      burstLeft--;
    } else {
      timestamp = Math.floor(options.start + n * step + random() * step);
      if (burstEvery > 0 && random() < 1 / burstEvery) burstLeft = 3 + Math.floor(random() * 25);
    }
    const spelling: BodySpelling = n % 4 === 3 ? 'plain' : 'content';
    const id = `${prefix}${n.toString(36).padStart(5, '0')}`;
    if (malformedEvery > 0 && n % malformedEvery === malformedEvery - 1) {
      const kind = MALFORMED[Math.floor(n / malformedEvery) % MALFORMED.length];
      docs.push({
        spelling,
        id,
        timestamp,
        source: malformedSource(kind, timestamp, n),
        malformed: kind,
      });
    } else {
      docs.push({
        spelling,
        id,
        timestamp,
        source: validSource(n, timestamp, random, spelling, uploadChars),
      });
    }
  }
  return docs;
}
