/* `@kbn/i18n-react` for unit tests: the browser host's (react-intl's provider), re-exported. */
export * from '../../dev/browser_host/core/kbn_i18n_react';
