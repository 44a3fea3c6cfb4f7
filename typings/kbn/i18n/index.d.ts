/*
 * Local declarations for `@kbn/i18n` (Kibana 9.4.3) — subset only.
 * Mirrors src/platform/packages/shared/kbn-i18n/index.ts (`i18n`) and src/core/i18n.ts
 * (`translate`, `TranslateArguments`, `getLocale`). A browser bundle gets it from Kibana's shared
 * deps (`__kbnSharedDeps__.KbnI18n`, scripts/build/shared_deps.ts).
 * Rule: mirror, cite, don't invent. See typings/kbn/README.md and docs/kibana-apis.md.
 */

// src/core/types.ts: PrimitiveType (from intl-messageformat). FormatXMLElementFn values omitted.
export type PrimitiveType = string | number | boolean | null | undefined | Date;

// src/core/i18n.ts (TranslateArguments; `formatters` omitted)
export interface TranslateArguments {
  /** Used unless a translation for the id is loaded: ICU message syntax. */
  defaultMessage: string;
  description?: string;
  values?: Record<string, PrimitiveType>;
  ignoreTag?: boolean;
}

// index.ts (`i18n`; getTranslation, formatList, init, load, handleIntlError, getIsInitialized
// omitted)
export declare const i18n: {
  translate(id: string, options: TranslateArguments): string;
  getLocale(): string;
};
