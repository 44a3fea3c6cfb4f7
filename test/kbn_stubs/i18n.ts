/*
 * `@kbn/i18n` for unit tests: the browser host's, re-exported. It is Kibana's formatter in small on
 * @formatjs/intl, and component tests assert the ICU-formatted default messages it produces.
 */
export * from '../../dev/browser_host/core/kbn_i18n';
