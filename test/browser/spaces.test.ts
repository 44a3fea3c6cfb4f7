import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ConnectorView } from '../../common/connectors/view';
import { testEsConnection, uniqueNamespace } from '../../dev/es/test_es';
import { createSpace } from '../../dev/kibana_host/spaces/spaces_client';
import { callHost } from '../../dev/kibana_host/test_helpers';
import { startDemoStack } from '../../dev/stack/demo_stack';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { subj } from './connectors.helpers';
import { screenshot } from './start_app_stack';

/*
 * The app in two spaces, in Chromium: under /s/<space>/app/auditSources the page lists only that
 * space's connector, suggests the space id as the namespace of a new one, searches only that
 * space's data streams, and creates its own saved views; the default space is untouched.
 */

const SPACE = 'team-ui';
let stack: Awaited<ReturnType<typeof startDemoStack>>;
let browser: LaunchedBrowser;
let page: Page;
const namespaceDefault = uniqueNamespace('uisd');
const namespaceSpace = uniqueNamespace('uiss');
const es = testEsConnection();
const as = { username: es.username, password: es.password };

async function createConnector(name: string, namespace: string, space?: string) {
  const response = await callHost<ConnectorView>(stack.url, '/internal/audit_sources/connectors', {
    as,
    method: 'POST',
    space,
    body: {
      kind: 'lumos',
      name,
      enabled: true,
      interval: '1h',
      namespace,
      settings: { baseUrl: stack.lumos.url, initialWindow: '7d' },
      secrets: { apiToken: stack.lumos.token },
    },
  });
  expect(response.status).toBe(200);
  return response.body;
}

const connectorNames = async () =>
  (await page.locator(subj('connectorLink')).allTextContents()).map((name) => name.trim());

beforeAll(async () => {
  stack = await startDemoStack({
    es,
    hostPort: 0,
    createConnectors: false,
    trickle: false,
    indexPrefix: `.kibana_host_uispaces_${Date.now().toString(36)}`,
    taskPollIntervalMs: 500,
  });
  await createSpace(stack.url, as, { id: SPACE, name: 'Team UI' });
  await createConnector('Default team Lumos', namespaceDefault);
  await createConnector('Space team Lumos', namespaceSpace, SPACE);
  browser = await launchChromium({ httpCredentials: as });
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the app in two spaces (Chromium)', () => {
  it('lists only the connectors of the space in the URL', async () => {
    await page.goto(`${stack.url}/s/${SPACE}/app/auditSources`);
    await page.locator(subj('connectorLink')).first().waitFor();
    expect(await connectorNames()).toEqual(['Space team Lumos']);
    await screenshot(page, 'spaces-connectors');

    await page.goto(`${stack.url}/app/auditSources`);
    await page.locator(subj('connectorLink')).first().waitFor();
    expect(await connectorNames()).toEqual(['Default team Lumos']);
  });

  it('suggests the space id as the namespace of a new connector', async () => {
    await page.goto(`${stack.url}/s/${SPACE}/app/auditSources`);
    await page.locator(subj('createConnectorButton')).click();
    await page.locator(subj('sourceCard-lumos')).locator('button, a').first().click();
    await expect(page.locator(subj('field-namespace')).first().inputValue()).resolves.toBe(
      'team_ui'
    );
    await page.keyboard.press('Escape');
  });

  it("searches the space's data streams only, unless asked for all", async () => {
    await page.goto(`${stack.url}/s/${SPACE}/app/auditSources/events`);
    const streams = page.locator(subj('eventsDataStreams'));
    await streams.waitFor();
    await expect(streams.textContent()).resolves.toContain(
      `logs-lumos.activity_logs-${namespaceSpace}`
    );
    await expect(streams.textContent()).resolves.not.toContain(namespaceDefault);
    await page.locator(subj('eventsScopeFilter')).selectOption('all');
    await streams.waitFor({ state: 'detached' });
  });

  it('creates the saved views in the space, under ids of that space', async () => {
    await page.goto(`${stack.url}/s/${SPACE}/app/auditSources/saved_views`);
    await page.locator(subj('createSavedViewsButton')).click();
    await page
      .locator(subj(`savedViewRow-audit-sources-lumos-all-activity-${SPACE}`))
      .locator(subj('viewSaved'))
      .waitFor();
    await screenshot(page, 'spaces-saved-views');
    const inDefault = await callHost<{ views: Array<{ exists: boolean }> }>(
      stack.url,
      '/internal/audit_sources/saved_views',
      { as }
    );
    expect(inDefault.body.views.some((view) => view.exists)).toBe(false);
  });
});
