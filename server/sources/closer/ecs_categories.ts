/*
 * ECS categorization values the mapper needs at run time to repair Closer's own category/type
 * pairs for actions it does not know. Source: elastic/ecs `schemas/event.yml` allowed_values
 * (as rendered in docs/reference/ecs-allowed-values-event-category.md, unchanged through the
 * 9.x line). The test helper test/fixtures/closer/ecs_validator.ts keeps an independent copy so the
 * tests do not just check this table against itself.
 */
import { ownValue } from '../../lib/bounded_json';

export const ECS_EVENT_KINDS = new Set([
  'alert',
  'asset',
  'enrichment',
  'event',
  'metric',
  'state',
  'pipeline_error',
  'signal',
]);

export const ECS_EVENT_OUTCOMES = new Set(['failure', 'success', 'unknown']);

/** event.category → the event.type values ECS expects with it (`expected_event_types`). */
export const ECS_EXPECTED_TYPES: Readonly<Record<string, readonly string[]>> = {
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

/** The types ECS expects with `category`; own entries only, so `constructor` has none. */
function expectedTypes(category: string): readonly string[] | undefined {
  return ownValue(ECS_EXPECTED_TYPES, category);
}

export interface Categorization {
  category: string[];
  type: string[];
}

/**
 * Closer's category/type for an action we have no table entry for, made valid: unknown
 * categories dropped (configuration if none is left), types kept only when one of the
 * categories expects them (elastic-package's union rule), `info` when nothing is left.
 */
export function repairCategorization(
  categories: readonly string[],
  types: readonly string[]
): Categorization {
  // Sets, not indexOf: the lists are remote and their length is the caller's to bound.
  const category = [...new Set(categories.filter((c) => expectedTypes(c) !== undefined))];
  if (category.length === 0) category.push('configuration');
  const allowed = new Set(category.flatMap((c) => expectedTypes(c) ?? []));
  const type = [...new Set(types.filter((v) => allowed.has(v)))];
  if (type.length === 0) type.push(allowed.has('info') ? 'info' : [...allowed][0]);
  return { category, type };
}
