import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { uniqueNamespace } from '../../dev/es/test_es';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { fieldError, fill, subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The app as a user drives it, in Chromium, against the real stack (startAppStack: ES, Lumos
 * simulator, seeded Closer index, the Kibana host running the built plugin and its browser app).
 * Every connector writes to this run's own namespace: the cluster is shared. Screenshots land in
 * test-results/screenshots/.
 */

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];
const namespace = uniqueNamespace('ui');

beforeAll(async () => {
  stack = await startAppStack();
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function openApp(path = ''): Promise<void> {
  await page.goto(`${stack.url}/app/auditSources${path}`);
  await page.locator(subj('auditSourcesTab-connectors')).waitFor();
}

const rowOf = (name: string) => page.locator(`[data-test-subj="connectorRow-${name}"]`);

async function openCreateFlyout(kind: 'lumos' | 'closer'): Promise<void> {
  // The empty state or the list, whichever the first load shows.
  const button = page
    .locator(`${subj('createFirstConnectorButton')}, ${subj('createConnectorButton')}`)
    .first();
  await button.waitFor();
  await button.click();
  await page.locator(subj('connectorFlyout')).waitFor();
  await page
    .locator(subj(`sourceCard-${kind}`))
    .locator('button, a')
    .first()
    .click();
  await page.locator(subj('field-name')).waitFor();
}

/** Closes the flyout like a user (its close button), discarding changes when asked. */
async function closeFlyout(): Promise<void> {
  await page.locator(subj('euiFlyoutCloseButton')).click();
  const confirm = page
    .locator(subj('discardChangesModal'))
    .locator(subj('confirmModalConfirmButton'));
  await confirm.waitFor({ timeout: 2_000 }).catch(() => undefined);
  if (await confirm.isVisible()) await confirm.click();
  await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached' });
}

/** Fills a field that may sit in the closed "Advanced settings" accordion. */
async function fillAnywhere(path: string, value: string): Promise<void> {
  const field = page.locator(subj(`field-${path}`)).first();
  if (!(await field.isVisible())) {
    await page.locator(subj('advancedSettings')).locator('button').first().click();
    await field.waitFor();
  }
  await fill(page, path, value);
}

async function testAndPreview(prefix: string): Promise<void> {
  await page.locator(subj('testConnectionButton')).click();
  await page.locator(subj('testConnectionSuccess')).waitFor({ timeout: 30_000 });
  await page.locator(subj('previewButton')).click();
  await page.locator(subj('previewResults')).waitFor({ timeout: 30_000 });
  expect(await page.locator(subj('previewDocument')).count()).toBeGreaterThan(0);
  // The first document is open: real ECS JSON from the source, mapped by the server.
  const json =
    (await page.locator(subj('previewResults')).locator('code').first().textContent()) ?? '';
  expect(json).toContain('"@timestamp"');
  expect(json).toMatch(/"module": "(lumos|closer)"/);
  await page.locator(subj('testConnectionSuccess')).scrollIntoViewIfNeeded();
  await screenshot(page, `${prefix}-04a-test-connection`);
  await page.locator(subj('previewDocument')).first().scrollIntoViewIfNeeded();
  await screenshot(page, `${prefix}-04b-preview`);
}

/**
 * Saves, then watches the list like a user: the first run (the backfill) ends healthy, or
 * degraded when the source holds malformed records (the seeded Closer index does, as
 * pipeline_error documents); a run that writes nothing new leaves it degraded.
 */
async function saveAndWaitHealthy(name: string, prefix: string): Promise<void> {
  const save = page.locator(subj('saveConnectorButton'));
  await expect(save.isEnabled()).resolves.toBe(true);
  await save.click();
  await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached' });
  const row = rowOf(name);
  await row.waitFor();
  await screenshot(page, `${prefix}-05a-list-pending`);
  await row
    .locator(`${subj('healthBadge-healthy')}, ${subj('healthBadge-degraded')}`)
    .waitFor({ timeout: 90_000 });
  if (await row.locator(subj('healthBadge-degraded')).isVisible()) {
    // Degraded stays until a run writes new events without a pipeline error (docs/app.md,
    // "Health"): a Run now that only re-reads the same records must not hide the failures.
    // The stack trickles new events (3 every 15 s, readable 5 s after their stamp), so the second
    // run may find some: then it clears Degraded, and only a run without new events keeps it.
    await row.locator(subj('runNowAction')).click();
    const runs = () =>
      page.evaluate(async (connectorName) => {
        const response = await fetch('/internal/audit_sources/connectors', {
          headers: { 'x-elastic-internal-origin': 'Kibana' },
        });
        const body = (await response.json()) as {
          connectors: Array<{
            name: string;
            health: { recentRuns: Array<{ written: number; pipelineErrors: number }> };
          }>;
        };
        return body.connectors.find((c) => c.name === connectorName)?.health.recentRuns;
      }, name);
    const recent = await waitFor(
      runs,
      (list) => (list?.length ?? 0) >= 2,
      `a second run of ${name}`
    );
    const second = recent![0];
    await page.reload();
    // The rule (server/connectors/health.ts nextFailedRecords): only new events without a
    // pipeline error clear the warning.
    const cleared = second.pipelineErrors === 0 && second.written > 0;
    await row.locator(subj(cleared ? 'healthBadge-healthy' : 'healthBadge-degraded')).waitFor();
  }
  await waitFor(
    async () =>
      Number(((await row.locator(subj('eventsIngested')).textContent()) ?? '0').replace(/,/g, '')),
    (n) => n > 0,
    `events ingested by ${name}`
  );
  await screenshot(page, `${prefix}-05-list-healthy`);
}

async function checkDetailAndEvents(name: string, source: 'lumos' | 'closer', prefix: string) {
  await rowOf(name).locator(subj('connectorLink')).click();
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
  // Apply the namespace and wait for the filtered search itself: on a loaded machine the page
  // may still be settling from the tab switch and the source change when the text goes in.
  const filtered = (url: string) =>
    url.includes('/internal/audit_sources/events') &&
    url.includes(`source=${source}`) &&
    url.includes(`namespace=${namespace}`);
  for (let attempt = 0; ; attempt++) {
    const namespaceField = page.locator(subj('eventsNamespaceFilter'));
    await namespaceField.fill(namespace);
    const response = page.waitForResponse((r) => filtered(r.url()), { timeout: 10_000 });
    await namespaceField.press('Enter');
    try {
      await response;
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
  const dataStream =
    source === 'lumos'
      ? `logs-lumos.activity_logs-${namespace}`
      : `logs-closer.security-${namespace}`;
  const streams = await waitFor(
    async () => page.locator(subj('eventDataStream')).allTextContents(),
    (texts) => texts.length > 0 && texts.every((text) => text === dataStream),
    `events of ${dataStream}`,
    30_000
  );
  expect(streams.length).toBeGreaterThan(0);
  const total = (await page.locator(subj('eventsTotal')).textContent()) ?? '';
  expect(Number(total.replace(/[^0-9]/g, ''))).toBeGreaterThan(0);
  await screenshot(page, `${prefix}-07-events`);
}

async function openSavedSearch(viewId: string, prefix: string): Promise<void> {
  await page.locator(subj('auditSourcesTab-saved_views')).click();
  const create = page.locator(subj('createSavedViewsButton'));
  await create.waitFor();
  // Loaded: the row says whether the saved search exists.
  await page
    .locator(subj(`savedViewRow-${viewId}`))
    .locator(`${subj('viewSaved')}, ${subj('viewMissing')}`)
    .waitFor();
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
  await page.locator(subj('discoverDataView')).waitFor({ timeout: 30_000 });
  await page
    .locator(`${subj('discoverRow')}, ${subj('discoverError')}`)
    .first()
    .waitFor({ timeout: 30_000 });
  const error = page.locator(subj('discoverError'));
  if (await error.isVisible()) throw new Error(`Discover: ${await error.textContent()}`);
}

describe('Audit Sources in the browser (real stack)', () => {
  it('creates a Lumos connector through the form and sees its events and saved searches', async () => {
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
    await fill(page, 'namespace', namespace);
    await fill(page, 'settings.baseUrl', stack.lumos.baseUrl);
    await fillAnywhere('settings.initialWindow', '30d');
    await testAndPreview('lumos');
    await saveAndWaitHealthy('Lumos production', 'lumos');
    await checkDetailAndEvents('Lumos production', 'lumos', 'lumos');

    await openSavedSearch('audit-sources-lumos-all-activity', 'lumos');
    await expect(page.locator(subj('discoverQuery')).inputValue()).resolves.toBe('');
    await page.locator(subj('discoverRow')).first().waitFor({ timeout: 30_000 });
    await expect(page.locator(subj('discoverDataView')).textContent()).resolves.toBe(
      'Audit Sources: Lumos activity logs'
    );
    await screenshot(page, 'lumos-09-discover');
    expect(pageErrors).toEqual([]);
  });

  it('creates a Closer connector through the form and sees its events and saved searches', async () => {
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
    await fill(page, 'namespace', namespace);
    await fillAnywhere('settings.initialWindow', '7d');
    await testAndPreview('closer');
    await saveAndWaitHealthy('Closer SOC', 'closer');

    // Edit: secrets are write-only and kept unless re-entered.
    await rowOf('Closer SOC').locator(subj('editAction')).click();
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
    await page.locator(subj('discoverRow')).first().waitFor({ timeout: 30_000 });
    const actions = await page
      .locator(subj('discoverRow'))
      .locator('td:nth-child(2)')
      .allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    await screenshot(page, 'closer-09-discover');
    expect(pageErrors).toEqual([]);
  });

  it('shows what the server answers when things go wrong', async () => {
    // A token of the right format that the source refuses: the verdict carries Lumos' answer.
    await openApp();
    await openCreateFlyout('lumos');
    await fill(page, 'name', 'Lumos wrong token');
    await fill(page, 'secrets.apiToken', 'lsk_wrong_token_0123456789');
    await fill(page, 'namespace', namespace);
    await fill(page, 'settings.baseUrl', stack.lumos.baseUrl);
    await page.locator(subj('testConnectionButton')).click();
    const verdict = page.locator(subj('testConnectionFailure'));
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/401|token/i);
    await screenshot(page, 'errors-01-test-connection-refused');
    await closeFlyout();

    // A rule only the server knows: moving a connector to another source needs the token again.
    await rowOf('Lumos production').locator(subj('editAction')).click();
    await page.locator(subj('secretsCallout')).waitFor();
    await fill(page, 'settings.baseUrl', 'http://127.0.0.1:9/lumos');
    await page.locator(subj('saveConnectorButton')).click();
    expect(await fieldError(page, 'secrets.apiToken')).toContain(
      'Re-enter it, because Base URL changed'
    );
    await screenshot(page, 'errors-02-server-field-error');
    await closeFlyout();

    // The source goes away: the next run fails and the list and detail page say why.
    await stack.simulator.stop();
    const row = rowOf('Lumos production');
    await row.locator(subj('runNowAction')).click();
    await row.locator(subj('healthBadge-failing')).waitFor({ timeout: 60_000 });
    await row.locator(subj('healthBadgeAnchor')).hover();
    const tooltip = page.locator('[role="tooltip"]');
    await tooltip.waitFor();
    const tip = (await tooltip.textContent()) ?? '';
    expect(tip).toMatch(/ECONNREFUSED|connect|fetch failed|unreachable/i);
    await screenshot(page, 'errors-03-list-failing-tooltip');
    await row.locator(subj('connectorLink')).click();
    const callout = page.locator(subj('lastErrorCallout'));
    await callout.waitFor();
    expect(await callout.textContent()).toMatch(/ECONNREFUSED|connect|fetch failed|unreachable/i);
    await screenshot(page, 'errors-04-detail-last-error');
    expect(pageErrors).toEqual([]);
  });
});
