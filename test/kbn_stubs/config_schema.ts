/*
 * `@kbn/config-schema` for unit tests: the host's implementation, re-exported. Unit tests validate
 * kibana.yml settings, saved-object and task-state schemas through it (defaults, coercion, unknown
 * keys, custom validators, Kibana's messages), which is most of that module; a second copy would
 * only drift from the one the integration tests run.
 */
export * from '../../dev/kibana_host/runtime/config_schema';
