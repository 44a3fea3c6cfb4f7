/*
 * What Kibana already ships, and therefore what our build must not ship again.
 *
 * Browser: Kibana loads `kbn-ui-shared-deps-src.js` before any plugin bundle and exposes those
 * libraries on `window.__kbnSharedDeps__`. Its optimizer replaces imports of them with reads of
 * that global (webpack `externals`). The table below is the intersection of two 2025–26
 * snapshots of src/platform/packages/private/kbn-ui-shared-deps-src/src/definitions.js; entries
 * that differ between them (`@tanstack/react-query` vs `@kbn/react-query`, `@kbn/esql-ast` vs
 * `@kbn/esql-language`, and a few newer `@kbn/*` contexts) are left out so that an import of them
 * fails the build instead of silently pointing at a global 9.4 may not define.
 *
 * Server: Kibana's own node_modules is on the resolution path of an installed plugin
 * (<kibana>/plugins/<id>), so `@kbn/*` and the libraries listed in KIBANA_PROVIDED_PACKAGES are
 * available at run time and a second copy in our node_modules would at best waste space and at
 * worst break identity checks (React, rxjs Observables, the Elasticsearch client's errors).
 */

const REACT_USE_SUBSETS = [
  'useAsync',
  'useAsyncFn',
  'useDebounce',
  'useDeepCompareEffect',
  'useEffectOnce',
  'useEvent',
  'useLatest',
  'useList',
  'useLocalStorage',
  'useMount',
  'useMountedState',
  'usePrevious',
  'useSessionStorage',
  'useTimeoutFn',
  'useToggle',
  'useUnmount',
  'useUpdateEffect',
];

/** Import specifier -> global expression, as in definitions.js `externals`. */
export const SHARED_DEP_EXTERNALS: Readonly<Record<string, string>> = {
  // stateful deps
  '@kbn/ui-theme': '__kbnSharedDeps__.KbnUiTheme',
  '@kbn/i18n': '__kbnSharedDeps__.KbnI18n',
  '@kbn/i18n-react': '__kbnSharedDeps__.KbnI18nReact',
  '@emotion/cache': '__kbnSharedDeps__.EmotionCache',
  '@emotion/react': '__kbnSharedDeps__.EmotionReact',
  jquery: '__kbnSharedDeps__.Jquery',
  moment: '__kbnSharedDeps__.Moment',
  'moment-timezone': '__kbnSharedDeps__.MomentTimezone',
  react: '__kbnSharedDeps__.React',
  'react-dom': '__kbnSharedDeps__.ReactDom',
  'react-dom/server': '__kbnSharedDeps__.ReactDomServer',
  'react-router': '__kbnSharedDeps__.ReactRouter',
  'react-router-dom': '__kbnSharedDeps__.ReactRouterDom',
  'react-router-dom-v5-compat': '__kbnSharedDeps__.ReactRouterDomV5Compat',
  'react-use': '__kbnSharedDeps__.ReactUse',
  'styled-components': '__kbnSharedDeps__.StyledComponents',
  'fp-ts/Option': '__kbnSharedDeps__.FpTs.option',
  'fp-ts/pipeable': '__kbnSharedDeps__.FpTs.pipeable',
  'fp-ts/TaskEither': '__kbnSharedDeps__.FpTs.taskEither',
  'fp-ts/Either': '__kbnSharedDeps__.FpTs.either',
  'fp-ts/function': '__kbnSharedDeps__.FpTs.function',
  'fp-ts/Task': '__kbnSharedDeps__.FpTs.task',
  'fp-ts/Set': '__kbnSharedDeps__.FpTs.set',
  'fp-ts/Ord': '__kbnSharedDeps__.FpTs.ord',
  'fp-ts/Array': '__kbnSharedDeps__.FpTs.array',
  'io-ts': '__kbnSharedDeps__.IoTs',
  'io-ts/lib/Reporter': '__kbnSharedDeps__.IoTsReporter',
  'io-ts/lib/PathReporter': '__kbnSharedDeps__.IoTsPathReporter',
  'io-ts/lib/ThrowReporter': '__kbnSharedDeps__.IoTsThrowReporter',
  '@reduxjs/toolkit': '__kbnSharedDeps__.ReduxjsToolkit',
  'react-redux': '__kbnSharedDeps__.ReactRedux',
  redux: '__kbnSharedDeps__.Redux',
  immer: '__kbnSharedDeps__.Immer',
  reselect: '__kbnSharedDeps__.Reselect',
  'fastest-levenshtein': '__kbnSharedDeps__.FastestLevenshtein',
  'chroma-js': '__kbnSharedDeps__.ChromaJs',
  ...Object.fromEntries(
    REACT_USE_SUBSETS.map((name) => [`react-use/lib/${name}`, `__kbnSharedDeps__.ReactUse.${name}`])
  ),
  // big deps which are locked to a single version
  rxjs: '__kbnSharedDeps__.Rxjs',
  numeral: '__kbnSharedDeps__.ElasticNumeral',
  '@elastic/numeral': '__kbnSharedDeps__.ElasticNumeral',
  '@elastic/charts': '__kbnSharedDeps__.ElasticCharts',
  '@kbn/datemath': '__kbnSharedDeps__.KbnDatemath',
  '@elastic/eui': '__kbnSharedDeps__.ElasticEui',
  '@elastic/eui/lib/components/provider/nested':
    '__kbnSharedDeps__.ElasticEuiLibComponentsUseIsNestedEuiProvider',
  '@elastic/eui/lib/services/theme/warning': '__kbnSharedDeps__.ElasticEuiLibServicesThemeWarning',
  '@elastic/eui-theme-borealis': '__kbnSharedDeps__.ElasticEuiThemeBorealis',
  '@hello-pangea/dnd': '__kbnSharedDeps__.HelloPangeaDnd',
  lodash: '__kbnSharedDeps__.Lodash',
  'lodash/fp': '__kbnSharedDeps__.LodashFp',
  // runtime deps which don't need to be copied across all bundles
  tslib: '__kbnSharedDeps__.TsLib',
  uuid: '__kbnSharedDeps__.Uuid',
  '@kbn/analytics': '__kbnSharedDeps__.KbnAnalytics',
  '@kbn/crypto-browser': '__kbnSharedDeps__.KbnCryptoBrowser',
  '@kbn/es-query': '__kbnSharedDeps__.KbnEsQuery',
  '@kbn/search-errors': '__kbnSharedDeps__.KbnSearchErrors',
  '@kbn/std': '__kbnSharedDeps__.KbnStd',
  '@kbn/safer-lodash-set': '__kbnSharedDeps__.SaferLodashSet',
  '@kbn/shared-ux-error-boundary': '__kbnSharedDeps__.KbnSharedUxErrorBoundary',
  '@kbn/rison': '__kbnSharedDeps__.KbnRison',
  history: '__kbnSharedDeps__.History',
  classnames: '__kbnSharedDeps__.Classnames',
  '@tanstack/react-query-devtools': '__kbnSharedDeps__.ReactQueryDevtools',
  '@kbn/code-editor': '__kbnSharedDeps__.KbnCodeEditor',
  '@kbn/ebt-tools': '__kbnSharedDeps__.KbnEbtTools',
  '@elastic/apm-rum-core': '__kbnSharedDeps__.ElasticApmRumCore',
  '@kbn/react-kibana-context-common': '__kbnSharedDeps__.KbnReactKibanaContextCommon',
  '@kbn/react-kibana-context-root': '__kbnSharedDeps__.KbnReactKibanaContextRoot',
  '@kbn/react-kibana-context-render': '__kbnSharedDeps__.KbnReactKibanaContextRender',
  '@kbn/react-kibana-context-theme': '__kbnSharedDeps__.KbnReactKibanaContextTheme',
  '@kbn/shared-ux-router': '__kbnSharedDeps__.KbnSharedUxRouter',
  '@kbn/react-kibana-mount': '__kbnSharedDeps__.KbnReactKibanaMount',
};

/**
 * Packages Kibana provides to plugins at run time (browser through `__kbnSharedDeps__`, server
 * through its node_modules). They belong in devDependencies (for types and tests) and must never
 * be listed in package.json `dependencies`, because those get copied into the archive.
 */
export const KIBANA_PROVIDED_PACKAGES: readonly string[] = [
  '@elastic/apm-rum-core',
  '@elastic/charts',
  '@elastic/elasticsearch',
  '@elastic/eui',
  '@elastic/eui-theme-borealis',
  '@elastic/numeral',
  '@emotion/cache',
  '@emotion/css',
  '@emotion/react',
  '@emotion/styled',
  '@hello-pangea/dnd',
  '@reduxjs/toolkit',
  '@tanstack/react-query',
  'classnames',
  'history',
  'jquery',
  'lodash',
  'moment',
  'moment-timezone',
  'react',
  'react-dom',
  'react-redux',
  'react-router',
  'react-router-dom',
  'react-router-dom-v5-compat',
  'react-use',
  'redux',
  'rxjs',
  'styled-components',
];

/** `@kbn/*` packages only exist inside Kibana; anything matching this is Kibana-provided too. */
const KIBANA_SCOPE = '@kbn/';

export function isKibanaProvidedPackage(name: string): boolean {
  return name.startsWith(KIBANA_SCOPE) || KIBANA_PROVIDED_PACKAGES.includes(name);
}

/** `react-dom/server` -> `react-dom`, `@scope/pkg/sub` -> `@scope/pkg`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
