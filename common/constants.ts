export const PLUGIN_ID = 'auditSources';
export const PLUGIN_NAME = 'Audit Sources';
export const CONFIG_PATH = 'audit_sources';

/** The Kibana release whose APIs `typings/kbn` mirrors and whose Elasticsearch the tests run. */
export const PINNED_KIBANA_VERSION = '9.4.3';
