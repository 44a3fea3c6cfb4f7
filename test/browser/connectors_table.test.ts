import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ConnectorView } from '../../common/connectors/view';
import { REPO_ROOT } from '../../dev/browser_host/bundles';
import { uniqueNamespace } from '../../dev/es/test_es';
import { callHost } from '../../dev/kibana_host/test_helpers';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The connectors table at scale, in Chromium against the real stack: 27 connectors created
 * through the API, then searched, paged, and three of them disabled in one bulk action behind a
 * confirmation. The screenshot `connectors-table` is the table with all of them on one page.
 */

const LONG = 'Newcomer onboarding tenant with a long descriptive name';
/** Enabled, so there is something to disable in bulk. */
const BULK = ['Bulk target 1', 'Bulk target 2', 'Bulk target 3'];

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const namespace = uniqueNamespace('uitable');

async function createConnector(name: string, enabled: boolean, kind: 'lumos' | 'closer') {
  const body =
    kind === 'lumos'
      ? {
          kind,
          name,
          enabled,
          interval: '1h',
          namespace,
          settings: { baseUrl: stack.lumos.baseUrl, initialWindow: '1d' },
          secrets: { apiToken: stack.lumos.token },
        }
      : {
          kind,
          name,
          enabled,
          interval: '1h',
          namespace: `${namespace}_soc`,
          settings: {
            url: stack.closer.url,
            authType: 'basic',
            username: stack.closer.username,
            index: stack.closer.index,
            initialWindow: '1d',
          },
          secrets: { password: stack.closer.password },
        };
  const response = await callHost<ConnectorView>(stack.url, '/internal/audit_sources/connectors', {
    as: stack.httpCredentials,
    method: 'POST',
    body,
  });
  expect(response.status).toBe(200);
  return response.body;
}

const names = async () =>
  (await page.locator(subj('connectorLink')).allTextContents()).map((name) => name.trim());

async function search(text: string) {
  await page.locator(subj('connectorsSearch')).fill(text);
}

beforeAll(async () => {
  stack = await startAppStack();
  await createConnector(`${LONG} (EU)`, false, 'lumos');
  await createConnector(`${LONG} (US)`, false, 'lumos');
  for (const name of BULK) await createConnector(name, true, 'lumos');
  for (let i = 1; i <= 22; i++) {
    const kind = i % 3 === 0 ? 'closer' : 'lumos';
    await createConnector(`Tenant ${String(i).padStart(2, '0')}`, false, kind);
  }
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the connectors table with 27 connectors (Chromium)', () => {
  it('pages 10 at a time, and shows all on one page of 50', async () => {
    await page.goto(`${stack.url}/app/auditSources`);
    await page.locator(subj('connectorLink')).first().waitFor();
    expect(await names()).toHaveLength(10);
    await page.locator(subj('pagination-button-2')).click();
    await waitFor(names, (shown) => shown[0] === 'Tenant 16', 'page 3');
    expect(await names()).toHaveLength(7);
    await page.locator(subj('tablePaginationPopoverButton')).click();
    await page.locator(subj('tablePagination-50-rows')).click();
    await waitFor(names, (shown) => shown.length === 27, 'all 27 rows');
    // Full names, never cut: the two look-alikes are told apart.
    expect(await names()).toEqual(expect.arrayContaining([`${LONG} (EU)`, `${LONG} (US)`]));
    await page.setViewportSize({ width: 1280, height: 2000 });
    const file = await screenshot(page, 'connectors-table');
    await page.setViewportSize({ width: 1280, height: 800 });
    const docs = path.join(REPO_ROOT, 'docs', 'screenshots');
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, path.join(docs, 'connectors-table.png'));
  }, 120_000);

  it('searches by name, source and namespace', async () => {
    await search('newcomer');
    await waitFor(names, (shown) => shown.length === 2, 'two newcomers');
    expect(await names()).toEqual([`${LONG} (EU)`, `${LONG} (US)`]);
    await search('closer');
    await waitFor(names, (shown) => shown.length === 7, 'the Closer connectors');
    expect((await names()).every((name) => name.startsWith('Tenant'))).toBe(true);
    await search(`${namespace}_soc`);
    await waitFor(names, (shown) => shown.length === 7, 'the connectors of the Closer namespace');
    await search('');
  }, 60_000);

  it('disables three connectors in one bulk action, after a confirmation', async () => {
    await search('bulk target');
    await waitFor(names, (shown) => shown.length === 3, 'the bulk targets');
    await page.locator(subj('checkboxSelectAll')).click();
    await page.locator(subj('bulkDisableButton')).click();
    const modal = page.locator(subj('bulkConfirmModal'));
    await modal.waitFor();
    expect(await modal.textContent()).toContain('Disable 3 connectors?');
    for (const name of BULK) expect(await modal.textContent()).toContain(name);
    await screenshot(page, 'connectors-table-bulk-confirm');
    await modal.locator(subj('confirmModalConfirmButton')).click();
    // The modal stays, loading, until every connector has answered.
    await modal.waitFor({ state: 'hidden', timeout: 60_000 });
    await page
      .locator(subj('euiToastHeader'))
      .filter({ hasText: 'Disabled 3 connectors' })
      .waitFor();
    expect(await page.locator(subj('enabledSwitchPending')).count()).toBe(0);
    await waitFor(
      () =>
        page
          .locator(subj('enabledSwitch'))
          .evaluateAll((switches) => switches.map((s) => s.getAttribute('aria-checked'))),
      (states) => states.length === 3 && states.every((state) => state === 'false'),
      'three switches off'
    );
    const list = await callHost<{ connectors: ConnectorView[] }>(
      stack.url,
      '/internal/audit_sources/connectors',
      { as: stack.httpCredentials }
    );
    const bulk = list.body.connectors.filter((c) => BULK.includes(c.name));
    expect(bulk.map((c) => c.enabled)).toEqual([false, false, false]);
  }, 60_000);
});
