import { createHash } from 'node:crypto';

/*
 * A deterministic Lumos tenant: N activity-log items shaped like the real API's (naive
 * `event_began_at`, 128-hex `event_hash`, free-form actor/targets/metadata, a system actor
 * without email). Same seed, same tenant: tests, the benchmark and `npm start` share it.
 */

export interface TenantOptions {
  count: number;
  seed?: number;
  /** Epoch ms of the oldest event (default: 30 days before `end`). */
  start?: number;
  /** Epoch ms just after the newest event (default: now, whole minute). */
  end?: number;
  /** Share of events whose time carries microseconds ("...T16:09:14.123456"). Default 0.1. */
  fractionRatio?: number;
  /** First sequence number, so later batches get fresh hashes. Default 0. */
  firstSequence?: number;
}

export type ActivityLogItem = Record<string, unknown>;

/** mulberry32: tiny, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 128 hex characters, like the real API's (a 512-bit hash). */
export function eventHash(seed: number, sequence: number): string {
  return createHash('sha512').update(`lumos-sim|${seed}|${sequence}`).digest('hex');
}

/** Lumos's format: naive UTC, seconds, optionally microseconds. */
export function naiveUtc(ms: number, micros?: number): string {
  const base = new Date(ms).toISOString().slice(0, 19);
  return micros === undefined ? base : `${base}.${String(micros).padStart(6, '0')}`;
}

const PEOPLE = [
  ['Wile E.', 'Coyote'],
  ['Road', 'Runner'],
  ['Bugs', 'Bunny'],
  ['Daffy', 'Duck'],
  ['Porky', 'Pig'],
  ['Elmer', 'Fudd'],
  ['Tweety', 'Bird'],
  ['Marvin', 'Martian'],
  ['Lola', 'Bunny'],
  ['Pepé', 'Le Pew'],
  ['Foghorn', 'Leghorn'],
  ['Speedy', 'Gonzales'],
];

const APPS = ['Salesforce', 'GitHub', 'Okta', 'Slack', 'Zoom', 'Workday', 'AWS', 'Snowflake'];

interface EventKind {
  type: string;
  friendly: string;
  target: 'app' | 'policy' | 'user' | 'none';
  system?: boolean;
  failureRate?: number;
}

const KINDS: EventKind[] = [
  { type: 'USER_LOGIN', friendly: 'A user logged in', target: 'app', failureRate: 0.05 },
  { type: 'APP_ACCESS_GRANTED', friendly: 'A user was granted access to an app', target: 'app' },
  { type: 'APP_ACCESS_REVOKED', friendly: "A user's access to an app was revoked", target: 'app' },
  { type: 'ACCESS_REQUEST_CREATED', friendly: 'A user requested access to an app', target: 'app' },
  { type: 'ACCESS_REQUEST_APPROVED', friendly: 'An access request was approved', target: 'app' },
  { type: 'ACCESS_REQUEST_DENIED', friendly: 'An access request was denied', target: 'app' },
  {
    type: 'SOD_POLICY_CREATED',
    friendly: 'A user created a SOD Policy',
    target: 'policy',
    failureRate: 0.1,
  },
  { type: 'SOD_POLICY_DELETED', friendly: 'A user deleted a SOD Policy', target: 'policy' },
  { type: 'USER_DEACTIVATED', friendly: 'A user was deactivated', target: 'user', system: true },
  {
    type: 'SEND_REQUEST_APPROVAL_FOR_ACCESS_REQUEST_SLACK',
    friendly:
      'Lumos attempted to send a Slack notification to this approver requesting approval for an access request',
    target: 'none',
    system: true,
    failureRate: 0.2,
  },
];

function person(index: number): ActivityLogItem {
  const [given, family] = PEOPLE[index % PEOPLE.length];
  const local = `${given}.${family}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  return {
    actor_type: 'Lumos user',
    email: `${local}@example.com`,
    family_name: family,
    given_name: given,
  };
}

function targets(kind: EventKind, random: () => number): ActivityLogItem[] {
  const app = APPS[Math.floor(random() * APPS.length)];
  switch (kind.target) {
    case 'app':
      // The richer shape seen in PR #9276's real example, part of the time.
      return random() < 0.3
        ? [
            {
              access_length: 'Unlimited',
              app: {
                app_id: String(1000 + APPS.indexOf(app)),
                instance_id: '',
                user_friendly_label: app,
              },
              business_justification: random() < 0.5 ? 'Needed for the quarter close' : '',
              name: app,
              target_type: 'Application',
            },
          ]
        : [{ name: app, target_type: 'Application' }];
    case 'policy':
      return [
        { name: random() < 0.5 ? 'Untitled Rule' : 'Finance SOD', target_type: 'SOD Policy' },
      ];
    case 'user':
      return [
        { name: PEOPLE[Math.floor(random() * PEOPLE.length)].join(' '), target_type: 'User' },
      ];
    default:
      return [];
  }
}

/**
 * One item at `ms` (whole seconds) drawn from `random`. Shared by the in-memory tenant and the
 * lazy one; the order of the draws is part of what makes a tenant reproducible.
 */
export function tenantItem(
  random: () => number,
  ms: number,
  hash: string,
  fractionRatio: number
): ActivityLogItem {
  const kind = KINDS[Math.floor(random() * KINDS.length)];
  const failed = random() < (kind.failureRate ?? 0.02);
  const micros = random() < fractionRatio ? Math.floor(random() * 1_000_000) : undefined;
  const seconds = Math.floor(ms / 1000) * 1000;
  return {
    actor: kind.system ? { actor_type: 'Lumos' } : person(Math.floor(random() * PEOPLE.length)),
    event_began_at: naiveUtc(seconds, micros),
    event_hash: hash,
    event_metadata:
      random() < 0.2 ? { request_id: `req-${Math.floor(random() * 1e6)}`, duration_days: 30 } : {},
    event_type: kind.type,
    event_type_user_friendly: kind.friendly,
    outcome: failed ? 'Failed' : 'Succeeded',
    targets: targets(kind, random),
  };
}

/** Items in time order (the simulator sorts them as configured). */
export function generateTenant(options: TenantOptions): ActivityLogItem[] {
  const seed = options.seed ?? 1;
  const random = seededRandom(seed * 7919 + (options.firstSequence ?? 0));
  const end = options.end ?? Math.floor(Date.now() / 60_000) * 60_000;
  const start = options.start ?? end - 30 * 86_400_000;
  const span = Math.max(1, end - start);
  const fractionRatio = options.fractionRatio ?? 0.1;
  const times = Array.from({ length: options.count }, () => start + Math.floor(random() * span));
  times.sort((a, b) => a - b);
  return times.map((ms, i) =>
    tenantItem(random, ms, eventHash(seed, (options.firstSequence ?? 0) + i), fractionRatio)
  );
}
