import React from 'react';
import { createMemoryHistory, type MemoryHistory } from 'history';
import { EuiProvider } from '@elastic/eui';
import { I18nProvider } from '@kbn/i18n-react';
import type { CoreStart, ScopedHistory } from '@kbn/core/public';
import { configure, render, type RenderResult } from '@testing-library/react';
import { App } from '../application/app';
import { AppServicesProvider, type AppServices } from '../application/app_context';
import { Router } from 'react-router-dom';
import type { ConnectorHealth } from '../../common/connectors/health';
import type { ConnectorView } from '../../common/connectors/view';
import { AuditSourcesApi } from '../services/api_client';
import type { AuditSourcesStartDeps } from '../types';

// EUI and Kibana tests select by data-test-subj.
configure({ testIdAttribute: 'data-test-subj' });

/** core.http, toasts and chrome as jest mocks; `history` is a memory history. */
export function createMockCore() {
  const http = {
    get: jest.fn(),
    post: jest.fn(),
    put: jest.fn(),
    delete: jest.fn(),
    fetch: jest.fn(),
    head: jest.fn(),
    options: jest.fn(),
    patch: jest.fn(),
    basePath: {
      get: () => '',
      prepend: (p: string) => p,
      remove: (p: string) => p,
      serverBasePath: '',
      assetsHrefBase: '',
    },
  };
  const toasts = {
    get$: jest.fn(),
    add: jest.fn(),
    remove: jest.fn(),
    addInfo: jest.fn(),
    addSuccess: jest.fn(),
    addWarning: jest.fn(),
    addDanger: jest.fn(),
    addError: jest.fn(),
  };
  const chrome = {
    setBreadcrumbs: jest.fn(),
    getBreadcrumbs$: jest.fn(),
    docTitle: { change: jest.fn(), reset: jest.fn() },
  };
  const core = {
    http,
    notifications: { toasts },
    chrome,
    application: {
      capabilities: { navLinks: {}, management: {}, catalogue: {} },
      navigateToApp: jest.fn(),
      navigateToUrl: jest.fn(),
      getUrlForApp: jest.fn((id: string) => `/app/${id}`),
      isAppRegistered: jest.fn(() => true),
    },
    rendering: {
      addContext: (element: React.ReactNode) => <I18nProvider>{element}</I18nProvider>,
    },
  } as unknown as CoreStart;
  return { core, http, toasts, chrome };
}

export function renderApp(
  path: string,
  options: {
    deps?: AuditSourcesStartDeps;
    pollIntervalMs?: number;
    /** Set up the mocks before the first render (the page fetches on mount). */
    setup?: (mocks: ReturnType<typeof createMockCore>) => void;
  } = {}
): RenderResult & ReturnType<typeof createMockCore> & { history: MemoryHistory } {
  const mocks = createMockCore();
  options.setup?.(mocks);
  const history = createMemoryHistory({ initialEntries: [path] });
  const services: AppServices = {
    core: mocks.core,
    deps: options.deps ?? {},
    api: new AuditSourcesApi(mocks.core.http),
    history: history as unknown as ScopedHistory,
    pollIntervalMs: options.pollIntervalMs ?? 0,
  };
  const result = render(
    <EuiProvider colorMode="light">
      <I18nProvider>
        <App services={services} />
      </I18nProvider>
    </EuiProvider>
  );
  return { ...result, ...mocks, history };
}

/** Any element inside the app's providers (services, router), for testing one component. */
export function renderWithServices(
  element: React.ReactElement,
  setup?: (mocks: ReturnType<typeof createMockCore>) => void
): RenderResult & ReturnType<typeof createMockCore> {
  const mocks = createMockCore();
  setup?.(mocks);
  const history = createMemoryHistory();
  const services: AppServices = {
    core: mocks.core,
    deps: {},
    api: new AuditSourcesApi(mocks.core.http),
    history: history as unknown as ScopedHistory,
    pollIntervalMs: 0,
  };
  const result = render(
    <EuiProvider colorMode="light">
      <I18nProvider>
        <AppServicesProvider services={services}>
          <Router history={history}>{element}</Router>
        </AppServicesProvider>
      </I18nProvider>
    </EuiProvider>
  );
  return { ...result, ...mocks };
}

export function health(overrides: Partial<ConnectorHealth> = {}): ConnectorHealth {
  return {
    status: 'healthy',
    totals: { read: 10, written: 10, duplicates: 0, pipelineErrors: 0 },
    backfill: { complete: true },
    recentRuns: [],
    ...overrides,
  };
}

export function lumosConnector(overrides: Partial<ConnectorView> = {}): ConnectorView {
  return {
    id: 'c-lumos',
    kind: 'lumos',
    name: 'Lumos prod',
    enabled: true,
    interval: '5m',
    namespace: 'default',
    dataStream: 'logs-lumos.activity_logs-default',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    health: health(),
    settings: { baseUrl: 'https://api.lumos.com' },
    secrets: { apiToken: { isSet: true } },
    ...overrides,
  } as ConnectorView;
}

export function closerConnector(overrides: Partial<ConnectorView> = {}): ConnectorView {
  return {
    id: 'c-closer',
    kind: 'closer',
    name: 'Closer SOC',
    enabled: true,
    interval: '5m',
    namespace: 'default',
    dataStream: 'logs-closer.security-default',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    health: health(),
    settings: { url: 'https://closer.example.com:9200', authType: 'basic', username: 'reader' },
    secrets: { password: { isSet: true }, apiKey: { isSet: false } },
    ...overrides,
  } as ConnectorView;
}

/** An IHttpFetchError-shaped rejection. */
export function httpError(status: number, message: string, attributes?: Record<string, unknown>) {
  return Object.assign(new Error(message), {
    name: 'HttpFetchError',
    response: { status },
    body: { statusCode: status, message, ...(attributes ? { attributes } : {}) },
  });
}

/**
 * jsdom's getComputedStyle re-parses every EUI stylesheet on each call, and focus-lock (EUI
 * flyouts and modals) calls it for every focusable element: minutes per test. This one reads
 * inline styles only, enough for focus-lock's display/visibility checks. Call it at the top of a
 * test file; it restores the original after the file's tests.
 */
export function withInlineComputedStyle(): void {
  let original: typeof window.getComputedStyle;
  beforeAll(() => {
    original = window.getComputedStyle;
    window.getComputedStyle = ((element: Element) =>
      element instanceof HTMLElement ? element.style : original(element)) as typeof original;
  });
  afterAll(() => {
    window.getComputedStyle = original;
  });
}
