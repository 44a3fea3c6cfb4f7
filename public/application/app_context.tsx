import React, { createContext, useCallback, useContext, useMemo } from 'react';
import type { CoreStart, ScopedHistory } from '@kbn/core/public';
import type { AuditSourcesApi } from '../services/api_client';
import { asError, errorMessage } from '../services/http_error';
import type { AuditSourcesStartDeps } from '../types';

export interface AppServices {
  core: CoreStart;
  deps: AuditSourcesStartDeps;
  api: AuditSourcesApi;
  history: ScopedHistory;
  /** How often open pages refresh connector health. */
  pollIntervalMs: number;
}

const AppServicesContext = createContext<AppServices | undefined>(undefined);

export function AppServicesProvider({
  services,
  children,
}: {
  services: AppServices;
  children: React.ReactNode;
}) {
  return <AppServicesContext.Provider value={services}>{children}</AppServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (!services) throw new Error('useServices() must be used inside <AppServicesProvider>');
  return services;
}

export interface Notify {
  /** A danger toast whose text is the server's message. */
  error(error: unknown, title: string): void;
  success(title: string, text?: string): void;
}

export function useNotify(): Notify {
  const { toasts } = useServices().core.notifications;
  const error = useCallback(
    (error: unknown, title: string) => {
      toasts.addError(asError(error), { title, toastMessage: errorMessage(error) });
    },
    [toasts]
  );
  const success = useCallback(
    (title: string, text?: string) => {
      toasts.addSuccess(text === undefined ? title : { title, text });
    },
    [toasts]
  );
  return useMemo(() => ({ error, success }), [error, success]);
}

/** `/events?kind=x` as a location: { pathname: '/events', search: '?kind=x' }. */
export function splitPath(path: string): { pathname: string; search: string } {
  const at = path.indexOf('?');
  return at < 0
    ? { pathname: path, search: '' }
    : { pathname: path.slice(0, at), search: path.slice(at) };
}

/** href + onClick for an in-app link, so middle-click opens a tab and a click stays in the SPA. */
export function useAppLink(path: string): {
  href: string;
  onClick: (event: React.MouseEvent) => void;
} {
  const { history } = useServices();
  return useMemo(
    () => ({
      // Query apart from the path: createHref would otherwise keep `?` inside the pathname.
      href: history.createHref(splitPath(path)),
      onClick: (event: React.MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        history.push(path);
      },
    }),
    [history, path]
  );
}
