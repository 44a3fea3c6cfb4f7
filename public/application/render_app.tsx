import React from 'react';
// react-dom/client (createRoot) is not a Kibana shared dep; Kibana's own mount-utils shim exposes
// this legacy pair, so the app runs in React 17 mode like other plugins mounted through it.
// eslint-disable-next-line react/no-deprecated
import { render, unmountComponentAtNode } from 'react-dom';
import type { AppMountParameters, AppUnmount, CoreStart } from '@kbn/core/public';
import { AuditSourcesApi } from '../services/api_client';
import type { AuditSourcesStartDeps } from '../types';
import { App } from './app';
import type { AppServices } from './app_context';

export const DEFAULT_POLL_INTERVAL_MS = 5_000;

/**
 * Mounts the app into the element Kibana gives. `react-dom`'s render/unmountComponentAtNode, as
 * Kibana's mount-utils shim exposes them: `react-dom/client` is not a shared dependency.
 * core.rendering.addContext supplies EuiProvider, theme and i18n, as KibanaRenderContextProvider did.
 */
export function renderApp(
  coreStart: CoreStart,
  depsStart: AuditSourcesStartDeps,
  params: AppMountParameters
): AppUnmount {
  const services: AppServices = {
    core: coreStart,
    deps: depsStart,
    api: new AuditSourcesApi(coreStart.http),
    history: params.history,
    pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
  };
  render(coreStart.rendering.addContext(<App services={services} />), params.element);
  return () => {
    unmountComponentAtNode(params.element);
    coreStart.chrome.docTitle.reset();
  };
}
