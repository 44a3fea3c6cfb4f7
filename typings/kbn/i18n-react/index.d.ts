/*
 * Local declarations for `@kbn/i18n-react` (Kibana 9.4.3) — subset only.
 * Mirrors src/platform/packages/shared/kbn-i18n-react/index.tsx, which re-exports react-intl's
 * `FormattedMessage` and adds `I18nProvider` (src/provider.tsx). A browser bundle gets it from
 * Kibana's shared deps (`__kbnSharedDeps__.KbnI18nReact`). Kibana renders every app inside
 * `I18nProvider` (core's rendering service), so plugins only use the components.
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */
import type { ReactNode } from 'react';
import type { PrimitiveType } from '@kbn/i18n';

// react-intl's FormattedMessage props (MessageDescriptor + values), as re-exported.
export interface FormattedMessageProps {
  id: string;
  defaultMessage: string;
  description?: string;
  /** Values may be React nodes: `{link}` in the message renders the element. */
  values?: Record<string, PrimitiveType | ReactNode>;
}
export declare function FormattedMessage(props: FormattedMessageProps): JSX.Element;

// src/provider.tsx
export declare function I18nProvider(props: { children?: ReactNode }): JSX.Element;
