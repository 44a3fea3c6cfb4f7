import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { ConnectorView } from '../../common/connectors/view';
import { uniqueNamespace } from '../../dev/es/test_es';
import { callHost } from '../../dev/kibana_host/test_helpers';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * Failures you can act on (issue 13, item 2), in Chromium on the real stack: a Closer connector
 * over the seeded corpus, whose malformed records become pipeline_error documents, is Degraded
 * with a sentence that says how many records failed and why, and a link to exactly those
 * documents on the events page.
 */

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
let connector: ConnectorView;
const namespace = uniqueNamespace('uifail');

beforeAll(async () => {
  stack = await startAppStack();
  const created = await callHost<ConnectorView>(stack.url, '/internal/audit_sources/connectors', {
    as: stack.httpCredentials,
    method: 'POST',
    body: {
      kind: 'closer',
      name: 'Closer with bad records',
      enabled: true,
      interval: '1h',
      namespace,
      settings: {
        url: stack.closer.url,
        authType: 'basic',
        username: stack.closer.username,
        index: stack.closer.index,
        initialWindow: '30d',
      },
      secrets: { password: stack.closer.password },
    },
  });
  expect(created.status).toBe(200);
  connector = created.body;
  await waitFor(
    async () =>
      (
        await callHost<ConnectorView>(
          stack.url,
          `/internal/audit_sources/connectors/${connector.id}`,
          { as: stack.httpCredentials }
        )
      ).body.health.status,
    (status) => status === 'degraded',
    'the Closer connector to be degraded by its malformed records',
    120_000
  );
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** Where the detail page's failed-records link led (the first test follows it). */
let linkedUrl = '';

describe('failed records (Chromium)', () => {
  it('says on the detail page how many records failed and why, and links to them', async () => {
    await page.goto(`${stack.url}/app/auditSources/connectors/${connector.id}`);
    const sentence = page.locator(subj('failedRecordsSentence'));
    await sentence.waitFor();
    const text = (await sentence.textContent()) ?? '';
    expect(text).toMatch(/\d+ records? could not be mapped/);
    expect(text).toMatch(/pipeline errors: .+/);
    await screenshot(page, 'failed-records');

    await page.locator(subj('failedRecordsCallout')).locator(subj('failedRecordsLink')).click();
    await page.waitForURL(/\/app\/auditSources\/events\?/);
    linkedUrl = page.url();
    const url = new URL(linkedUrl);
    expect(url.searchParams.get('kind')).toBe('pipeline_error');
    expect(url.searchParams.get('source')).toBe('closer');
    expect(url.searchParams.get('namespace')).toBe(namespace);
  });

  it('shows exactly the failed records on the events page it links to', async () => {
    const health = (
      await callHost<ConnectorView>(
        stack.url,
        `/internal/audit_sources/connectors/${connector.id}`,
        {
          as: stack.httpCredentials,
        }
      )
    ).body.health;
    // The URL the link opened, loaded afresh. Two CI runs showed an unfiltered first page here,
    // once after the in-app navigation and once after reloading page.url(); the cause was not
    // found (see the stops' closing notes). Say so in the log if the page moved meanwhile.
    if (page.url() !== linkedUrl)
      console.warn(`events page moved from ${linkedUrl} to ${page.url()}`);
    await page.goto(linkedUrl);
    const rows = page.locator(subj('eventRow'));
    await waitFor(
      () => rows.count(),
      (count) => count === health.totals.pipelineErrors,
      'one row per failed record'
    );
    // Every row is one of the failed records, marked as such.
    await expect(page.locator(subj('eventPipelineError')).count()).resolves.toBe(
      health.totals.pipelineErrors
    );
  });
});
