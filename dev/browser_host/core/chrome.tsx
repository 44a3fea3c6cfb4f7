import React, { useEffect, useRef, useState } from 'react';
import type { Observable } from 'rxjs';
import {
  EuiAvatar,
  EuiButtonIcon,
  EuiCollapsibleNavGroup,
  EuiFlexGroup,
  EuiFlexItem,
  EuiGlobalToastList,
  EuiHeader,
  EuiHeaderBreadcrumbs,
  EuiHeaderLogo,
  EuiHeaderSection,
  EuiHeaderSectionItem,
  EuiHeaderSectionItemButton,
  EuiIcon,
  EuiListGroup,
  EuiText,
  useEuiTheme,
} from '@elastic/eui';
import type { App, ChromeBreadcrumb, IToasts, Toast } from '@kbn/core/public';
import { groupByCategory } from './application';

function useObservable<T>(observable: Observable<T>, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    const subscription = observable.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [observable]);
  return value;
}

function toEuiToast(toast: Toast) {
  const render = (value: Toast['title']) =>
    typeof value === 'function' ? <MountPointHost mount={value} /> : value;
  return {
    id: toast.id,
    title: render(toast.title),
    text: toast.text === undefined ? undefined : <p>{render(toast.text)}</p>,
    color: toast.color,
    iconType: toast.iconType,
    toastLifeTimeMs: toast.toastLifeTimeMs,
    'data-test-subj': toast['data-test-subj'] ?? `toast-${toast.color ?? 'default'}`,
  };
}

function MountPointHost({ mount }: { mount: (element: HTMLElement) => () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => (ref.current ? mount(ref.current) : undefined), [mount]);
  return <div ref={ref} />;
}

/**
 * Kibana's classic chrome, reduced: the header bar (Elastic logo, breadcrumbs, user), a
 * collapsible side nav listing the registered apps by category, the app area and the toasts.
 */
export function Chrome({
  apps$,
  currentAppId$,
  breadcrumbs$,
  toasts,
  getUrlForApp,
  navigate,
  onAppContainer,
  userName,
}: {
  apps$: Observable<App[]>;
  currentAppId$: Observable<string | undefined>;
  breadcrumbs$: Observable<ChromeBreadcrumb[]>;
  toasts: IToasts;
  getUrlForApp: (appId: string) => string;
  navigate: (appId: string) => void;
  onAppContainer: (element: HTMLElement) => void;
  userName: string;
}) {
  const { euiTheme } = useEuiTheme();
  const apps = useObservable(apps$, []);
  const currentAppId = useObservable(currentAppId$, undefined);
  const breadcrumbs = useObservable(breadcrumbs$, []);
  const toastList = useObservable(toasts.get$(), []);
  const [navOpen, setNavOpen] = useState(true);
  const containerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (containerRef.current) onAppContainer(containerRef.current);
  }, [onAppContainer]);

  const groups = groupByCategory(
    apps.filter((app) => !app.visibleIn || app.visibleIn.includes('sideNav'))
  );

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <EuiHeader position="static" data-test-subj="kibanaHeaderTop">
        <EuiHeaderSection>
          <EuiHeaderSectionItem>
            <EuiHeaderLogo
              iconType="logoElastic"
              href={getUrlForApp('auditSources')}
              aria-label="Elastic home"
            >
              Elastic
            </EuiHeaderLogo>
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
        <EuiHeaderSection side="right">
          <EuiHeaderSectionItem>
            <EuiHeaderSectionItemButton aria-label="Help">
              <EuiIcon type="help" />
            </EuiHeaderSectionItemButton>
          </EuiHeaderSectionItem>
          <EuiHeaderSectionItem>
            <EuiHeaderSectionItemButton aria-label={`Account: ${userName}`}>
              <EuiAvatar name={userName} size="s" />
            </EuiHeaderSectionItemButton>
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
      </EuiHeader>
      <EuiHeader position="static" data-test-subj="kibanaHeaderBreadcrumbs">
        <EuiHeaderSection grow>
          <EuiHeaderSectionItem>
            <EuiHeaderSectionItemButton
              aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
              onClick={() => setNavOpen((open) => !open)}
              data-test-subj="toggleNavButton"
            >
              <EuiIcon type={navOpen ? 'menuLeft' : 'menu'} />
            </EuiHeaderSectionItemButton>
          </EuiHeaderSectionItem>
          <EuiHeaderSectionItem>
            <EuiHeaderBreadcrumbs
              breadcrumbs={breadcrumbs.map((crumb) => ({
                text: crumb.text as string,
                href: crumb.href,
                onClick: crumb.onClick,
                'data-test-subj': crumb['data-test-subj'] ?? 'breadcrumb',
              }))}
              data-test-subj="breadcrumbs"
            />
          </EuiHeaderSectionItem>
        </EuiHeaderSection>
      </EuiHeader>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        {navOpen ? (
          <nav
            aria-label="Kibana navigation"
            data-test-subj="collapsibleNav"
            style={{
              width: 248,
              flexShrink: 0,
              borderRight: euiTheme.border.thin,
              background: euiTheme.colors.backgroundBasePlain,
              paddingTop: euiTheme.size.s,
            }}
          >
            {groups.map((group) => (
              <EuiCollapsibleNavGroup
                key={group.category?.id ?? 'other'}
                title={group.category?.label ?? 'Other'}
                iconType={group.category?.euiIconType}
                isCollapsible
                initialIsOpen
                data-test-subj={`navGroup-${group.category?.id ?? 'other'}`}
              >
                <EuiListGroup
                  size="s"
                  color="text"
                  maxWidth="none"
                  gutterSize="none"
                  listItems={group.apps.map((app) => ({
                    label: app.title,
                    href: getUrlForApp(app.id),
                    isActive: app.id === currentAppId,
                    'data-test-subj': `navLink-${app.id}`,
                    onClick: (event: React.MouseEvent) => {
                      event.preventDefault();
                      navigate(app.id);
                    },
                  }))}
                />
              </EuiCollapsibleNavGroup>
            ))}
            <EuiFlexGroup style={{ padding: euiTheme.size.m }}>
              <EuiFlexItem>
                <EuiText size="xs" color="subdued">
                  Kibana-like test host
                </EuiText>
              </EuiFlexItem>
              <EuiFlexItem grow={false}>
                <EuiButtonIcon
                  iconType="menuLeft"
                  aria-label="Collapse navigation"
                  onClick={() => setNavOpen(false)}
                />
              </EuiFlexItem>
            </EuiFlexGroup>
          </nav>
        ) : null}
        <main
          ref={containerRef}
          data-test-subj="kibanaAppContainer"
          style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
        />
      </div>
      <EuiGlobalToastList
        toasts={toastList.map(toEuiToast)}
        dismissToast={(toast) => toasts.remove(String(toast.id))}
        toastLifeTimeMs={8000}
      />
    </div>
  );
}
