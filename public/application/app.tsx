import React, { useEffect } from 'react';
import { Route, Router, Switch } from 'react-router-dom';
import { EuiPageTemplate } from '@elastic/eui';
import { i18n } from '@kbn/i18n';
import type { ChromeBreadcrumb } from '@kbn/core/public';
import { PLUGIN_NAME } from '../../common/constants';
import { ConnectorDetailPage } from '../connectors/connector_detail_page';
import { ConnectorsPage } from '../connectors/connectors_page';
import { EventsPage } from '../events/events_page';
import { SavedViewsPage } from '../saved_views/saved_views_page';
import { AppServicesProvider, useServices, type AppServices } from './app_context';
import { AppErrorBoundary } from './error_boundary';

export const TABS = [
  { id: 'connectors', path: '/' },
  { id: 'events', path: '/events' },
  { id: 'saved_views', path: '/saved_views' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

function tabLabel(id: TabId): string {
  switch (id) {
    case 'connectors':
      return i18n.translate('auditSources.app.tabConnectors', { defaultMessage: 'Connectors' });
    case 'events':
      return i18n.translate('auditSources.app.tabEvents', { defaultMessage: 'Events' });
    case 'saved_views':
      return i18n.translate('auditSources.app.tabSavedViews', { defaultMessage: 'Saved views' });
  }
}

/**
 * Sets Kibana's breadcrumbs (the app root first, linking back to the connectors list) and the
 * document title (the last crumb, then the app name).
 */
export function useBreadcrumbs(trail: Array<{ text: string; path?: string }>): void {
  const { core, history } = useServices();
  const key = JSON.stringify(trail);
  useEffect(() => {
    const crumbs = [{ text: PLUGIN_NAME, path: '/' }, ...trail];
    const breadcrumbs: ChromeBreadcrumb[] = crumbs.map((crumb, index) => {
      const isLast = index === crumbs.length - 1;
      if (isLast || crumb.path === undefined) return { text: crumb.text };
      const path = crumb.path;
      return {
        text: crumb.text,
        href: history.createHref({ pathname: path }),
        onClick: (event) => {
          event.preventDefault();
          history.push(path);
        },
      };
    });
    core.chrome.setBreadcrumbs(breadcrumbs);
    core.chrome.docTitle.change(
      [...crumbs]
        .reverse()
        .map((crumb) => crumb.text)
        .filter((text, index, all) => all.indexOf(text) === index)
    );
    // `key` stands for `trail`, which callers build inline.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [core, history, key]);
}

/**
 * The shared page frame: header with the app title and the three tabs. The description shows
 * once, on the connectors list (the app's landing page); the other pages keep a compact header.
 */
export function AppPage({
  selectedTab,
  rightSideItems,
  children,
}: {
  selectedTab: TabId;
  rightSideItems?: React.ReactNode[];
  children: React.ReactNode;
}) {
  const { history } = useServices();
  const landing = selectedTab === 'connectors' && history.location.pathname === '/';
  return (
    <EuiPageTemplate restrictWidth={false} panelled offset={0} grow>
      <EuiPageTemplate.Header
        pageTitle={PLUGIN_NAME}
        iconType="logstashInput"
        description={
          landing
            ? i18n.translate('auditSources.app.description', {
                defaultMessage:
                  'Pull Lumos activity logs and Closer security logs into Elasticsearch as ECS events.',
              })
            : undefined
        }
        paddingSize={landing ? 'l' : 's'}
        rightSideItems={rightSideItems}
        bottomBorder
        data-test-subj="auditSourcesHeader"
        tabs={TABS.map((tab) => ({
          label: tabLabel(tab.id),
          isSelected: tab.id === selectedTab,
          'data-test-subj': `auditSourcesTab-${tab.id}`,
          href: history.createHref({ pathname: tab.path }),
          onClick: (event: React.MouseEvent) => {
            event.preventDefault();
            history.push(tab.path);
          },
        }))}
      />
      {children}
    </EuiPageTemplate>
  );
}

export function App({ services }: { services: AppServices }) {
  return (
    <AppErrorBoundary>
      <AppServicesProvider services={services}>
        <Router history={services.history}>
          <Switch>
            <Route path="/connectors/:id" component={ConnectorDetailPage} />
            <Route path="/events" component={EventsPage} />
            <Route path="/saved_views" component={SavedViewsPage} />
            <Route path="/" component={ConnectorsPage} />
          </Switch>
        </Router>
      </AppServicesProvider>
    </AppErrorBoundary>
  );
}
