/*
 * ECS `event.category` from Lumos's UPPER_SNAKE_CASE `event_type`, only where the type makes it
 * clear (docs/lumos.md has the table). The result is cached per event type: a tenant has a few
 * dozen types, so the token scan runs a few dozen times, not once per event.
 */

export type EcsCategory = 'authentication' | 'iam' | 'configuration';

/** Notifications Lumos sends (Slack, email) are about an access request, not a change to it. */
const NOTIFICATION = new Set([
  'SEND',
  'SENT',
  'NOTIFICATION',
  'NOTIFY',
  'SLACK',
  'EMAIL',
  'REMINDER',
]);
const AUTHENTICATION = new Set([
  'LOGIN',
  'LOGOUT',
  'SIGNIN',
  'SIGNOUT',
  'SSO',
  'MFA',
  'AUTHENTICATION',
]);
const IAM = new Set([
  'ACCESS',
  'ACCOUNT',
  'ACCOUNTS',
  'ROLE',
  'ROLES',
  'GROUP',
  'GROUPS',
  'PERMISSION',
  'PERMISSIONS',
  'ENTITLEMENT',
  'ENTITLEMENTS',
  'PROVISIONING',
  'DEPROVISIONING',
  'USER',
  'USERS',
]);
const CONFIGURATION = new Set([
  'POLICY',
  'POLICIES',
  'SETTING',
  'SETTINGS',
  'CONFIGURATION',
  'CONFIG',
  'INTEGRATION',
  'WORKFLOW',
  'TOKEN',
  'APPROVER',
  'APPROVERS',
]);

export function categorize(eventType: string): EcsCategory | undefined {
  const tokens = eventType.toUpperCase().split('_');
  if (tokens.some((t) => NOTIFICATION.has(t))) return undefined;
  if (tokens.some((t) => AUTHENTICATION.has(t))) return 'authentication';
  // SOD_POLICY_DELETED is configuration although a policy is about access: check it first.
  if (tokens.some((t) => CONFIGURATION.has(t))) return 'configuration';
  if (tokens.some((t) => IAM.has(t))) return 'iam';
  return undefined;
}

// A Map (and Sets above), never a plain object: event types are remote text, and "constructor"
// or "__proto__" must be looked up as data, not found on Object.prototype.
const cache = new Map<string, EcsCategory | undefined>();
const MAX_CACHED = 10_000;
/** Real event types are short names; longer text is categorized but never kept. */
const MAX_CACHED_LENGTH = 128;

/** `categorize`, memoized per event type. */
export function eventCategory(eventType: string): EcsCategory | undefined {
  if (cache.has(eventType)) return cache.get(eventType);
  const category = categorize(eventType);
  // Event types are a small closed set; the bounds only guard against a misbehaving API (10,000
  // distinct megabyte-long types would otherwise pin gigabytes).
  if (cache.size < MAX_CACHED && eventType.length <= MAX_CACHED_LENGTH) {
    cache.set(eventType, category);
  }
  return category;
}
