/*
 * `@kbn/i18n` for the host page and the component tests: Kibana's own implementation in small
 * (src/platform/packages/shared/kbn-i18n/src/core/i18n.ts), on the same library (@formatjs/intl).
 * No translations are loaded, so every message is its ICU `defaultMessage`, formatted with the
 * values; a malformed default message throws, as Kibana's does.
 */
import { createIntl, createIntlCache } from '@formatjs/intl';
import type { TranslateArguments } from '@kbn/i18n';

const intl = createIntl(
  { locale: 'en', defaultLocale: 'en', messages: {}, onError: () => undefined },
  createIntlCache()
);

function translate(
  id: string,
  { values = {}, description, defaultMessage, ignoreTag }: TranslateArguments
) {
  if (!id || typeof id !== 'string') {
    throw new Error('[I18n] An `id` must be a non-empty string to translate a message.');
  }
  try {
    if (!defaultMessage) throw new Error('Missing `defaultMessage`.');
    return intl.formatMessage({ id, defaultMessage, description }, values, {
      ignoreTag,
      shouldParseSkeletons: true,
    });
  } catch (error) {
    throw new Error(`[I18n] Error formatting the default message for: "${id}".\n${error}`);
  }
}

export const i18n = { translate, getLocale: () => intl.locale };
