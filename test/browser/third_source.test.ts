import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { uniqueNamespace } from '../../dev/es/test_es';
import { startFeed, type Feed } from '../plugin/ndjson_feed';
import { createThirdSourceTree, type ThirdSourceTree } from '../plugin/third_source_tree';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { fill, subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The test-only NDJSON source (test/fixtures/ndjson_source/) in the app, built from a copy of the
 * tree with only its folders and registry entries added (test/plugin/third_source.test.ts proves
 * that): its card in the source picker, its form, its connector in the list, and its events on
 * the events page under its own source filter.
 */

const TOKEN = `ndjson-ui-${Date.now().toString(36)}`;
const stamp = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
const LINES = [
  { id: 'u1', '@timestamp': stamp(30), action: 'login', user: 'ada' },
  { id: 'u2', '@timestamp': stamp(20), action: 'logout', user: 'ada' },
].map((event) => JSON.stringify(event));

let tree: ThirdSourceTree;
let feed: Feed;
let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const namespace = uniqueNamespace('ui3');

beforeAll(async () => {
  tree = await createThirdSourceTree();
  feed = await startFeed(TOKEN, () => LINES);
  stack = await startAppStack({ pluginRootDir: tree.rootDir });
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await feed?.close();
  await tree?.remove();
});

describe('a third source in the app', () => {
  it('is offered in the source picker, set up with its own form and listed healthy', async () => {
    await page.goto(`${stack.url}/app/auditSources`);
    const create = page
      .locator(`${subj('createFirstConnectorButton')}, ${subj('createConnectorButton')}`)
      .first();
    await create.click();
    const card = page.locator(subj('sourceCard-ndjson'));
    await card.waitFor();
    expect(await card.textContent()).toContain('NDJSON feed');
    await card.locator('button, a').first().click();
    await fill(page, 'name', 'Test feed');
    await fill(page, 'namespace', namespace);
    await fill(page, 'settings.url', feed.url);
    await fill(page, 'secrets.token', TOKEN);
    await page.locator(subj('testConnectionButton')).click();
    await page.locator(subj('testConnectionSuccess')).waitFor({ timeout: 30_000 });
    await screenshot(page, 'third-source-form');
    await page.locator(subj('saveConnectorButton')).click();
    await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached' });
    await page
      .locator('[data-test-subj="connectorRow-Test feed"]')
      .locator(subj('healthBadge-healthy'))
      .waitFor({ timeout: 90_000 });
  });

  it('shows its events under its own source filter', async () => {
    const params = new URLSearchParams({ namespace, from: 'now-2h', to: 'now', source: 'ndjson' });
    await page.goto(`${stack.url}/app/auditSources/events?${params.toString()}`);
    await page.locator(subj('eventsTable')).waitFor();
    const option = page.locator(subj('eventsSourceFilter')).locator('option[value="ndjson"]');
    expect(await option.textContent()).toBe('NDJSON feed');
    await waitFor(
      () => page.locator(subj('eventRow')).count(),
      (count) => count === 2,
      'the two feed events'
    );
    // Its documents open like any source's (the document route accepts its data stream).
    await page.locator(subj('eventOpenDocument')).first().click();
    const flyout = page.locator(subj('eventFlyout'));
    await flyout.waitFor();
    await flyout.getByText('ndjson.events').first().waitFor();
    await screenshot(page, 'third-source-events');
  });
});
