import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { fieldError, fill, subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The app as a user drives it, in Chromium, against startAppStack() (see there: a stub stack
 * until the real host can mount the browser host). Screenshots land in test-results/screenshots/.
 */

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startAppStack();
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openApp(path = ''): Promise<void> {
  await page.goto(`${stack.url}/app/auditSources${path}`);
  await page.locator(subj('auditSourcesTab-connectors')).waitFor();
}

async function rowOf(name: string) {
  return page.locator(`[data-test-subj="connectorRow-${name}"]`);
}

async function openCreateFlyout(kind: 'lumos' | 'closer'): Promise<void> {
  const empty = page.locator(subj('createFirstConnectorButton'));
  if (await empty.isVisible()) await empty.click();
  else await page.locator(subj('createConnectorButton')).click();
  await page.locator(subj('connectorFlyout')).waitFor();
  await page
    .locator(subj(`sourceCard-${kind}`))
    .locator('button, a')
    .first()
    .click();
  await page.locator(subj('field-name')).waitFor();
}

async function testAndPreview(prefix: string): Promise<void> {
  await page.locator(subj('testConnectionButton')).click();
  await page.locator(subj('testConnectionSuccess')).waitFor({ timeout: 30_000 });
  await page.locator(subj('previewButton')).click();
  await page.locator(subj('previewResults')).waitFor({ timeout: 30_000 });
  expect(await page.locator(subj('previewDocument')).count()).toBeGreaterThan(0);
  // The first document is open: its ECS JSON is on screen.
  await expect(
    page.locator(subj('previewResults')).locator('code').first().textContent()
  ).resolves.toContain('"@timestamp"');
  await page.locator(subj('testConnectionSuccess')).scrollIntoViewIfNeeded();
  await screenshot(page, `${prefix}-04a-test-connection`);
  await page.locator(subj('previewDocument')).first().scrollIntoViewIfNeeded();
  await screenshot(page, `${prefix}-04b-preview`);
}

async function saveAndWaitHealthy(name: string, prefix: string): Promise<void> {
  const save = page.locator(subj('saveConnectorButton'));
  await expect(save.isEnabled()).resolves.toBe(true);
  await save.click();
  await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached' });
  const row = await rowOf(name);
  await row.waitFor();
  await row.locator(subj('healthBadge-healthy')).waitFor({ timeout: 90_000 });
  await waitFor(
    async () =>
      Number(((await row.locator(subj('eventsIngested')).textContent()) ?? '0').replace(/,/g, '')),
    (n) => n > 0,
    `events ingested by ${name}`
  );
  await screenshot(page, `${prefix}-05-list-healthy`);
}

async function checkDetailAndEvents(name: string, source: 'lumos' | 'closer', prefix: string) {
  const row = await rowOf(name);
  await row.locator(subj('connectorLink')).click();
  await page.locator(subj('connectorDetail')).waitFor();
  await expect(page.locator(subj('connectorDetailName')).textContent()).resolves.toBe(name);
  await page.locator(subj('recentRunsTable')).locator('tbody tr').first().waitFor();
  // Settings show which secrets are set, never their values.
  await expect(page.locator(subj('connectorSettings')).textContent()).resolves.not.toContain(
    source === 'lumos' ? stack.lumos.token : stack.closer.password
  );
  await screenshot(page, `${prefix}-06-detail`);

  await page.locator(subj('auditSourcesTab-events')).click();
  await page.locator(subj('eventsSourceFilter')).selectOption(source);
  await page.locator(subj('eventRow')).first().waitFor({ timeout: 30_000 });
  const sources = await page.locator(subj('eventRow')).locator('td:nth-child(2)').allTextContents();
  expect(sources.length).toBeGreaterThan(0);
  expect(sources.every((text) => text.toLowerCase().includes(source))).toBe(true);
  await screenshot(page, `${prefix}-07-events`);
}

async function openSavedSearch(viewId: string, prefix: string): Promise<void> {
  await page.locator(subj('auditSourcesTab-saved_views')).click();
  const create = page.locator(subj('createSavedViewsButton'));
  await create.waitFor();
  if (await create.isEnabled()) {
    await create.click();
    await page
      .locator(subj(`savedViewRow-${viewId}`))
      .locator(subj('viewSaved'))
      .waitFor({ timeout: 30_000 });
  }
  await screenshot(page, `${prefix}-08-saved-views`);
  await page.locator(subj(`openInDiscover-${viewId}`)).click();
  await page.locator(subj('discoverStandIn')).waitFor();
  await page.locator(subj('discoverRow')).first().waitFor({ timeout: 30_000 });
  await screenshot(page, `${prefix}-09-discover`);
}

describe('Audit Sources in the browser', () => {
  it('creates a Lumos connector through the form and sees its events', async () => {
    await openApp();
    await page.locator(subj('connectorsEmptyPrompt')).waitFor();
    await screenshot(page, 'lumos-01-empty-state');

    await page.locator(subj('createFirstConnectorButton')).click();
    await page.locator(subj('sourceCard-lumos')).waitFor();
    await screenshot(page, 'lumos-02-source-picker');
    await page.locator(subj('sourceCard-lumos')).locator('button, a').first().click();

    await fill(page, 'name', 'Lumos production');
    await fill(page, 'secrets.apiToken', 'not-a-token');
    await fill(page, 'interval', '10 seconds');
    expect(await fieldError(page, 'secrets.apiToken')).toBe('Lumos API tokens start with lsk_');
    expect(await fieldError(page, 'interval')).toContain('Interval must be');
    await expect(page.locator(subj('saveConnectorButton')).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'lumos-03-validation-errors');

    await fill(page, 'secrets.apiToken', stack.lumos.token);
    await fill(page, 'interval', '5m');
    await fill(page, 'settings.baseUrl', stack.lumos.baseUrl);
    await fill(page, 'settings.initialWindow', '30d');
    await testAndPreview('lumos');
    await saveAndWaitHealthy('Lumos production', 'lumos');
    await checkDetailAndEvents('Lumos production', 'lumos', 'lumos');
    await openSavedSearch('audit-sources-lumos-failed-actions', 'lumos');
    await expect(page.locator(subj('discoverQuery')).inputValue()).resolves.toBe(
      'event.outcome:"failure"'
    );
    expect(pageErrors).toEqual([]);
  });

  it('creates a Closer connector through the form and sees its events', async () => {
    await openApp();
    await openCreateFlyout('closer');
    await fill(page, 'name', 'Closer SOC');
    await fill(page, 'settings.url', 'closer es 9200');
    expect(await fieldError(page, 'settings.url')).toBe(
      'Must be a URL such as https://example.com'
    );
    await fill(page, 'settings.username', stack.closer.username);
    await fill(page, 'secrets.password', '');
    expect(await fieldError(page, 'secrets.password')).toBe(
      'Password is required for basic authentication'
    );
    await screenshot(page, 'closer-03-validation-errors');

    await fill(page, 'settings.url', stack.closer.url);
    await fill(page, 'secrets.password', stack.closer.password);
    await fill(page, 'settings.index', stack.closer.index);
    await fill(page, 'settings.initialWindow', '7d');
    await testAndPreview('closer');
    await saveAndWaitHealthy('Closer SOC', 'closer');

    // Edit: secrets are write-only and kept unless re-entered.
    await (await rowOf('Closer SOC')).locator(subj('editAction')).click();
    await page.locator(subj('secretsCallout')).waitFor();
    await expect(page.locator(subj('secretState-secrets.password')).textContent()).resolves.toBe(
      'Set'
    );
    await expect(page.locator(subj('field-secrets.password')).inputValue()).resolves.toBe('');
    await expect(page.locator(subj('saveConnectorButton')).isDisabled()).resolves.toBe(true);
    await screenshot(page, 'closer-05b-edit-secrets');
    await page.locator(subj('cancelButton')).click();
    await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached' });

    await checkDetailAndEvents('Closer SOC', 'closer', 'closer');
    await openSavedSearch('audit-sources-closer-logins', 'closer');
    await expect(page.locator(subj('discoverQuery')).inputValue()).resolves.toBe(
      'event.category:"authentication"'
    );
    expect(pageErrors).toEqual([]);
  });
});
