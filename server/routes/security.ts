import type { RouteSecurity } from '@kbn/core/server';
import { API_PRIVILEGES } from '../../common/api/routes';

/** Reads: `auditSources` read or all. */
export const READ_SECURITY: RouteSecurity = {
  authz: { requiredPrivileges: [API_PRIVILEGES.read] },
};

/** Changes and anything that reaches a source or runs a task: `auditSources` all. */
export const WRITE_SECURITY: RouteSecurity = {
  authz: { requiredPrivileges: [API_PRIVILEGES.write] },
};
