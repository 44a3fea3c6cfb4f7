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

const cache = new Map<string, EcsCategory | undefined>();
const MAX_CACHED = 10_000;

/** `categorize`, memoized per event type. */
export function eventCategory(eventType: string): EcsCategory | undefined {
  if (cache.has(eventType)) return cache.get(eventType);
  const category = categorize(eventType);
  // Event types are a small closed set; the bound only guards against a misbehaving API.
  if (cache.size < MAX_CACHED) cache.set(eventType, category);
  return category;
}
