import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Client } from '@elastic/elasticsearch';
import type { Page } from 'playwright-core';
import { createTestEsClient, testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { startGrantRefusingProxy, type GrantRefusingProxy } from '../faults/grant_refusing_proxy';
import { startDemoStack } from '../../dev/stack/demo_stack';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { fill, subj, waitFor } from './connectors.helpers';
import { screenshot } from './start_app_stack';

/*
 * A rejected API-key grant does not log the user out, in Chromium against the real stack. Kibana's
 * browser logs out on any 401 from an API call (x-pack/platform/plugins/shared/security/public/
 * session/unauthorized_response_http_interceptor.ts), and so does the browser host
 * (dev/browser_host/core/unauthorized_interceptor.ts). The host reaches Elasticsearch through
 * test/faults/grant_refusing_proxy.ts, which spoils only the grant, so the real cluster answers
 * it 401. Saving a connector must show the grant's refusal in the flyout and leave the user on
 * the app; the control at the end proves the logout behaviour is live: a real 401 from an API
 * call (the user disabled in Elasticsearch) does navigate to the logout page.
 */

const USER = { username: `grant_refused_${Date.now().toString(36)}`, password: 'grant-refused-pw' };

let proxy: GrantRefusingProxy;
let admin: Client;
let stack: Awaited<ReturnType<typeof startDemoStack>>;
let browser: LaunchedBrowser;
let page: Page;
const namespace = uniqueNamespace('uigrant');

beforeAll(async () => {
  const es = testEsConnection();
  admin = createTestEsClient(es);
  // Its own user: the control at the end disables it.
  await admin.security.putUser({
    username: USER.username,
    password: USER.password,
    roles: ['superuser'],
    refresh: 'wait_for',
  });
  proxy = await startGrantRefusingProxy(es.url);
  stack = await startDemoStack({
    es: { ...es, url: proxy.url },
    hostPort: 0,
    createConnectors: false,
    indexPrefix: `.kibana_host_uigrant_${Date.now().toString(36)}`,
    taskPollIntervalMs: 500,
  });
  browser = await launchChromium({ httpCredentials: USER });
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await proxy?.stop();
  await admin?.security.deleteUser({ username: USER.username }).catch(() => undefined);
  await admin?.close();
});

describe('a rejected API-key grant in the browser', () => {
  it('shows a readable error in the flyout and the user stays logged in', async () => {
    await page.goto(`${stack.url}/app/auditSources`);
    await page.locator(subj('createFirstConnectorButton')).click();
    await page.locator(subj('sourceCard-lumos')).locator('button, a').first().click();
    await page.locator(subj('field-name')).waitFor();
    await fill(page, 'name', 'Refused grant');
    await fill(page, 'secrets.apiToken', stack.lumos.token);
    await fill(page, 'namespace', namespace);
    await fill(page, 'settings.baseUrl', stack.lumos.url);

    proxy.refuse = 'service-credentials';
    await page.locator(subj('saveConnectorButton')).click();
    const callout = page.locator(subj('saveErrorCallout'));
    await callout.waitFor({ timeout: 30_000 });
    expect(proxy.refusedGrantStatuses).toEqual([401]);
    expect(await callout.textContent()).toContain(
      "Elasticsearch's API-key grant refused to create the connector's writer key"
    );
    await screenshot(page, 'grant-refused-01-save-error');

    // Still on the app, flyout open, nothing navigated to the logout page.
    expect(new URL(page.url()).pathname).toBe('/app/auditSources');
    await expect(page.locator(subj('connectorFlyout')).isVisible()).resolves.toBe(true);

    // With the grant allowed again, the same form saves: the session was never lost.
    proxy.refuse = undefined;
    // The error toast covers the save button: dismiss it as a user would.
    const toastClose = page
      .locator(subj('errorToast'))
      .locator('button[aria-label="Dismiss toast"]');
    while ((await toastClose.count()) > 0) {
      // A toast may time out while being clicked.
      await toastClose
        .first()
        .click({ timeout: 2_000 })
        .catch(() => undefined);
    }
    await page.locator(subj('saveConnectorButton')).click();
    await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('[data-test-subj="connectorRow-Refused grant"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/auditSources');
  });

  it('control: a real 401 from an API call does log out', async () => {
    await admin.security.disableUser({ username: USER.username });
    // The host caches authentications for 2 s (dev/kibana_host/security/authc.ts).
    await page.waitForTimeout(2_500);
    // Any API call now gets the host's 401; the list's own refresh may get there first, taking
    // the tab away mid-click, hence the catch.
    await page
      .locator(subj('auditSourcesTab-events'))
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    // Several calls may get their 401 at once (the events page loads its search and its value
    // suggestions together), and each starts the logout navigation, aborting the one before:
    // watch the URL rather than wait for one navigation's load event.
    await waitFor(
      async () => page.url(),
      (current) => /\/logout\?/.test(current),
      'the logout page',
      30_000
    );
    await page.waitForLoadState();
    const url = new URL(page.url());
    expect(url.searchParams.get('msg')).toBe('AUTHENTICATION_ERROR');
    expect(url.searchParams.get('next')).toMatch(/^\/app\/auditSources/);
  });
});
