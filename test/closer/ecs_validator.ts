/*
 * Validates ECS categorization the way elastic-package does (internal/fields/validate.go,
 * ensureExpectedEventType: every event.type must be expected by at least one event.category).
 *
 * The allowed values are copied from elastic/ecs `schemas/event.yml` (allowed_values /
 * expected_event_types), as rendered in `docs/reference/ecs-allowed-values-event-{kind,category,
 * type,outcome}.md` (read at commit 6da98b7f of the ecs repository, ECS 9.x line; identical to
 * tag v9.4.0 according to the research note). Kept separate from the mapper's own table
 * (server/sources/closer/ecs_categories.ts) so tests do not check that table against itself.
 */

export const KINDS = [
  'alert',
  'asset',
  'enrichment',
  'event',
  'metric',
  'state',
  'pipeline_error',
  'signal',
];
export const OUTCOMES = ['failure', 'success', 'unknown'];
export const TYPES = [
  'access',
  'admin',
  'allowed',
  'change',
  'connection',
  'creation',
  'deletion',
  'denied',
  'device',
  'end',
  'error',
  'group',
  'indicator',
  'info',
  'installation',
  'protocol',
  'start',
  'user',
];
export const EXPECTED_EVENT_TYPES: Record<string, string[]> = {
  api: [
    'access',
    'admin',
    'allowed',
    'change',
    'creation',
    'deletion',
    'denied',
    'end',
    'info',
    'start',
    'user',
  ],
  authentication: ['start', 'end', 'info'],
  configuration: ['access', 'change', 'creation', 'deletion', 'info'],
  database: ['access', 'change', 'info', 'error'],
  driver: ['change', 'end', 'info', 'start'],
  email: ['info'],
  file: ['access', 'change', 'creation', 'deletion', 'info'],
  host: ['access', 'change', 'end', 'info', 'start'],
  iam: ['admin', 'change', 'creation', 'deletion', 'group', 'info', 'user'],
  intrusion_detection: ['allowed', 'denied', 'info'],
  library: ['start'],
  malware: ['info'],
  network: ['access', 'allowed', 'connection', 'denied', 'end', 'info', 'protocol', 'start'],
  package: ['access', 'change', 'deletion', 'info', 'installation', 'start'],
  process: ['access', 'change', 'end', 'info', 'start'],
  registry: ['access', 'change', 'creation', 'deletion'],
  session: ['start', 'end', 'info'],
  threat: ['indicator'],
  vulnerability: ['info'],
  web: ['access', 'error', 'info'],
};

export interface Categorization {
  kind?: unknown;
  category?: unknown;
  type?: unknown;
  outcome?: unknown;
}

/** Problems found (empty when valid). */
export function ecsCategorizationProblems(event: Categorization): string[] {
  const problems: string[] = [];
  if (typeof event.kind !== 'string')
    problems.push(`event.kind must be one keyword, got ${JSON.stringify(event.kind)}`);
  else if (!KINDS.includes(event.kind)) problems.push(`event.kind "${event.kind}" is not allowed`);
  else if (event.kind === 'signal') problems.push('event.kind "signal" is reserved for Kibana');
  if (
    event.outcome !== undefined &&
    (typeof event.outcome !== 'string' || !OUTCOMES.includes(event.outcome))
  ) {
    problems.push(`event.outcome ${JSON.stringify(event.outcome)} is not allowed`);
  }
  const categories = Array.isArray(event.category) ? (event.category as unknown[]) : [];
  const types = Array.isArray(event.type) ? (event.type as unknown[]) : [];
  if (categories.length === 0) problems.push('event.category must be a non-empty array');
  if (types.length === 0) problems.push('event.type must be a non-empty array');
  const expected = new Set<string>();
  for (const c of categories) {
    if (typeof c !== 'string' || !(c in EXPECTED_EVENT_TYPES))
      problems.push(`event.category "${String(c)}" is not allowed`);
    else EXPECTED_EVENT_TYPES[c].forEach((t) => expected.add(t));
  }
  for (const t of types) {
    if (typeof t !== 'string' || !TYPES.includes(t))
      problems.push(`event.type "${String(t)}" is not allowed`);
    else if (!expected.has(t))
      problems.push(
        `event.type "${t}" is not expected with event.category ${JSON.stringify(categories)}`
      );
  }
  return problems;
}
