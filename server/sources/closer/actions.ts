/*
 * Every `event.action` Closer documents (support.closer.app, "Elasticsearch security logs"), with
 * the ECS categorization we index and a readable summary for `message`. Closer itself sends
 * `configuration` + `[change, user]` style pairs that ECS rejects (`user` is not an expected type
 * of `configuration`); the raw values stay in `closer.security.category/type`.
 *
 * Rules applied (judgement calls written down in docs/closer.md):
 * - settings of the organisation, widget, bot and integrations → configuration +
 *   creation/change/deletion from the action's suffix;
 * - changes to an agent (a user account) → configuration + iam with `user` added;
 * - role changes → iam + [change, user, admin]; invitations → iam + [creation, user];
 * - logins → authentication + session, [start]; logout → [end];
 * - customer OAuth authorization → authentication, [info].
 */
import { ownValue } from '../../lib/bounded_json';
import type { Categorization } from './ecs_categories';

export interface ActionInfo extends Categorization {
  /** Sentence used as `message`. */
  summary: string;
}

type Verb = 'creation' | 'change' | 'deletion';

const CONFIG = ['configuration'];
const AGENT = ['configuration', 'iam'];
const LOGIN = ['authentication', 'session'];

function config(summary: string, verb: Verb): ActionInfo {
  return { category: CONFIG, type: [verb], summary };
}
function agent(summary: string, verb: Verb | 'info'): ActionInfo {
  return { category: AGENT, type: [verb, 'user'], summary };
}

export const CLOSER_ACTIONS: Readonly<Record<string, ActionInfo>> = {
  org_config_change: config('Organization configuration changed', 'change'),
  free_org_creation: config('Organization created on the free plan', 'creation'),
  stripe_org_creation: config('Organization created on a paid plan', 'creation'),
  widget_logo_creation: config('Widget header logo uploaded', 'creation'),
  widget_logo_deletion: config('Widget header logo deleted', 'deletion'),
  widget_background_creation: config('Widget header background image uploaded', 'creation'),
  widget_background_deletion: config('Widget header background image deleted', 'deletion'),
  agent_profile_change: agent('Agent profile changed', 'change'),
  agent_deactivation: { category: ['iam'], type: ['change', 'user'], summary: 'Agent deactivated' },
  agent_restore: { category: ['iam'], type: ['change', 'user'], summary: 'Agent restored' },
  agent_login: {
    category: LOGIN,
    type: ['start'],
    summary: 'Agent logged in with email and password',
  },
  agent_login_with_magic_link: {
    category: LOGIN,
    type: ['start'],
    summary: 'Agent logged in with a magic link',
  },
  agent_logout: { category: LOGIN, type: ['end'], summary: 'Agent logged out' },
  agent_password_change: {
    category: ['iam'],
    type: ['change', 'user'],
    summary: 'Agent changed their password in settings',
  },
  agent_password_change_with_token: {
    category: ['iam'],
    type: ['change', 'user'],
    summary: 'Agent password changed with a reset token',
  },
  agent_password_reset: {
    category: ['iam'],
    type: ['info', 'user'],
    summary: 'Agent password reset requested',
  },
  agent_skills_change: agent("Agent's skills changed", 'change'),
  agent_preferences_change: agent('Agent notification and inbox preferences changed', 'change'),
  agent_limit_change: agent("Agent's assigned conversations limit changed", 'change'),
  agent_role_change: {
    category: ['iam'],
    type: ['change', 'user', 'admin'],
    summary: "Agent's role changed",
  },
  agent_invitation: {
    category: ['iam'],
    type: ['creation', 'user'],
    summary: 'Agent invited to the organization',
  },
  agent_invitation_acceptation: {
    category: ['iam'],
    type: ['creation', 'user'],
    summary: 'Invitation to the organization accepted',
  },
  agent_avatar_creation: agent('Agent avatar uploaded', 'creation'),
  agent_avatar_deletion: agent('Agent avatar deleted', 'deletion'),
  unavailability_reason_creation: config('Unavailability reason created', 'creation'),
  unavailability_reason_change: config('Unavailability reason changed', 'change'),
  unavailability_reason_deletion: config('Unavailability reason deleted', 'deletion'),
  bot_type_change: config('Bot type changed', 'change'),
  lekta_config_creation: config('Lekta bot integration configured', 'creation'),
  lekta_config_change: config('Lekta bot integration configuration changed', 'change'),
  event_action_config_creation: config('Bot event action created', 'creation'),
  event_action_config_change: config('Bot event action changed', 'change'),
  event_action_config_deletion: config('Bot event action deleted', 'deletion'),
  ai_suggestions_config_change: config('AI suggestions configuration changed', 'change'),
  ai_suggestions_intent_creation: config('AI suggestions intent created', 'creation'),
  ai_suggestions_intent_change: config('AI suggestions intent changed', 'change'),
  ai_suggestions_intent_deletion: config('AI suggestions intent deleted', 'deletion'),
  ai_suggestions_dataset_creation: config('AI suggestions NLU dataset created', 'creation'),
  ai_suggestions_dataset_change: config('AI suggestions NLU dataset changed', 'change'),
  ai_suggestions_dataset_deletion: config('AI suggestions NLU dataset deleted', 'deletion'),
  widget_form_config_creation: config('Widget form created', 'creation'),
  widget_form_config_change: config('Widget form changed', 'change'),
  widget_form_config_deletion: config('Widget form deleted', 'deletion'),
  oauth_authorization: {
    category: ['authentication'],
    type: ['info'],
    summary: 'Customer authorized with OAuth',
  },
  oauth_config_creation: config('OAuth configuration created', 'creation'),
  oauth_config_change: config('OAuth configuration changed', 'change'),
  oauth_config_deletion: config('OAuth configuration deleted', 'deletion'),
  proactive_messages_config_creation: config('Proactive message created', 'creation'),
  proactive_messages_config_change: config('Proactive message changed', 'change'),
  proactive_messages_config_deletion: config('Proactive message deleted', 'deletion'),
  profanities_config_creation: config('Profanity filter created', 'creation'),
  profanities_config_change: config('Profanity filter changed', 'change'),
  tag_mapping_config_creation: config('Tag mapping created', 'creation'),
  tag_mapping_config_change: config('Tag mapping changed', 'change'),
  tag_mapping_config_deletion: config('Tag mapping deleted', 'deletion'),
  org_topic_creation: config('Organization topic created', 'creation'),
  org_topic_change: config('Organization topic changed', 'change'),
  org_topic_deletion: config('Organization topic deleted', 'deletion'),
};

/** Own entries only: `constructor` or `__proto__` from a remote record is simply unknown. */
export function lookupAction(action: string): ActionInfo | undefined {
  return ownValue(CLOSER_ACTIONS, action);
}
