export const PLUGIN_ID = 'auditSources';
export const PLUGIN_NAME = 'Audit Sources';
