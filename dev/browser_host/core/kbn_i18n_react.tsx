/*
 * `@kbn/i18n-react` for the host page and the component tests: react-intl's FormattedMessage, and
 * an I18nProvider over react-intl's IntlProvider with no translations loaded
 * (src/platform/packages/shared/kbn-i18n-react/index.tsx, src/provider.tsx).
 */
import React, { type ReactNode } from 'react';
import { FormattedMessage, IntlProvider } from 'react-intl';

export { FormattedMessage };

export function I18nProvider({ children }: { children?: ReactNode }) {
  return (
    <IntlProvider locale="en" defaultLocale="en" messages={{}} onError={() => undefined}>
      {children}
    </IntlProvider>
  );
}
