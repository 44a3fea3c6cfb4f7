import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { EventsResponse } from '../../common/api/routes';
import type { ConnectorView } from '../../common/connectors/view';
import { uniqueNamespace } from '../../dev/es/test_es';
import { callHost } from '../../dev/kibana_host/test_helpers';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { subj, waitFor } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The events page as a user drives it, in Chromium, on the real stack: a Lumos and a Closer
 * connector (created through the API, as spaces.test.ts does) write into this run's namespace;
 * the page then searches them with Lucene field:value text, typed filters, the kind filter and
 * the document flyout, and keeps its state in the URL across a reload.
 */

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];
const namespace = uniqueNamespace('ev');
/** Records of the seeded Closer index that cannot be mapped (its corpus has 4). */
const CLOSER_PIPELINE_ERRORS = 4;
const FROM = 'now-5y';
/** A fixed end: the simulator trickles new events, and two searches must see the same ones. */
let to = '';
let lumosUser = '';

async function createConnector(body: Record<string, unknown>): Promise<ConnectorView> {
  const response = await callHost<ConnectorView>(stack.url, '/internal/audit_sources/connectors', {
    as: stack.httpCredentials,
    method: 'POST',
    body: { enabled: true, interval: '1h', namespace, ...body },
  });
  expect(response.status).toBe(200);
  return response.body;
}

/** The events route's answer; undefined while it is not 200 (a new data stream's shards start). */
async function searchApi(query: Record<string, string>): Promise<EventsResponse | undefined> {
  const params = new URLSearchParams({ namespace, from: FROM, ...query });
  const response = await callHost<EventsResponse>(
    stack.url,
    `/internal/audit_sources/events?${params.toString()}`,
    { as: stack.httpCredentials }
  );
  return response.status === 200 ? response.body : undefined;
}

async function openEvents(state: Record<string, string>): Promise<void> {
  const params = new URLSearchParams({ namespace, from: FROM, to, ...state });
  await page.goto(`${stack.url}/app/auditSources/events?${params.toString()}`);
  await page.locator(subj('eventsTable')).waitFor();
}

/** The number in "1,234 events", once the page shows one. */
async function shownTotal(): Promise<number> {
  const total = page.locator(subj('eventsTotal'));
  await total.waitFor();
  const text = (await total.textContent()) ?? '';
  return Number(text.replace(/ in .*$/, '').replace(/[^0-9]/g, ''));
}

/** Waits for the table to answer a search whose request matches `wanted` (after typing). */
function searchAnswered(wanted: (params: URLSearchParams) => boolean) {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname.endsWith('/internal/audit_sources/events') && wanted(url.searchParams);
  });
}

beforeAll(async () => {
  stack = await startAppStack();
  await createConnector({
    kind: 'lumos',
    name: 'Lumos (events test)',
    settings: { baseUrl: stack.lumos.baseUrl, initialWindow: '30d' },
    secrets: { apiToken: stack.lumos.token },
  });
  await createConnector({
    kind: 'closer',
    name: 'Closer (events test)',
    settings: {
      url: stack.closer.url,
      authType: 'basic',
      username: stack.closer.username,
      index: stack.closer.index,
      initialWindow: '30d',
    },
    secrets: { password: stack.closer.password },
  });
  // Both backfills written: the Lumos events and the Closer pipeline errors are searchable.
  await waitFor(
    () => searchApi({ source: 'closer', kind: 'pipeline_error' }),
    (result) => (result?.total ?? 0) >= CLOSER_PIPELINE_ERRORS,
    'the Closer pipeline errors',
    150_000
  );
  const lumos = await waitFor(
    () => searchApi({ source: 'lumos', perPage: '100' }),
    (result) => !!result?.events.some((event) => event.user?.includes('@')),
    'Lumos events with a user',
    150_000
  );
  lumosUser = lumos?.events.find((event) => event.user?.includes('@'))?.user ?? '';
  // After the backfills: later trickled events fall outside every search of this test.
  to = new Date().toISOString();
  browser = await launchChromium({ httpCredentials: stack.httpCredentials });
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the events page (Chromium, real stack)', () => {
  it('finds with field:value search what the User filter finds', async () => {
    await openEvents({ source: 'lumos' });
    // Typed in another case and not confirmed with Enter: applied once typing pauses.
    const byFilter = searchAnswered((params) => params.get('user') === lumosUser.toUpperCase());
    await page.locator(subj('eventsUserFilter')).fill(lumosUser.toUpperCase());
    await byFilter;
    await waitFor(
      async () => page.locator(subj('eventUser')).allTextContents(),
      (users) => users.length > 0 && users.every((user) => user === lumosUser),
      `rows of ${lumosUser}`
    );
    const filtered = await shownTotal();
    expect(filtered).toBeGreaterThan(0);
    await screenshot(page, 'events-user-filter');

    const cleared = searchAnswered((params) => !params.has('user'));
    await page.locator(subj('eventsUserFilter')).fill('');
    await cleared;
    const bySearch = searchAnswered((params) => params.get('query') === `user.email:${lumosUser}`);
    await page.locator(subj('eventsQuery')).fill(`user.email:${lumosUser}`);
    await bySearch;
    await waitFor(shownTotal, (total) => total === filtered, 'the same total from the search');
    expect(await page.locator(subj('eventUser')).allTextContents()).toEqual(
      expect.arrayContaining([lumosUser])
    );
  });

  it('shows a Lucene syntax error under the search bar', async () => {
    await openEvents({ source: 'lumos' });
    await shownTotal();
    const failed = searchAnswered((params) => params.get('query') === 'user.email:(alice');
    await page.locator(subj('eventsQuery')).fill('user.email:(alice');
    expect((await failed).status()).toBe(400);
    const error = page.locator(subj('eventsQueryRow')).locator('.euiFormErrorText');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/^Cannot parse 'user\.email:\(alice'/);
    // No stale rows, no "0 events", no toast.
    expect(await page.locator(subj('eventRow')).count()).toBe(0);
    expect(await page.locator(subj('eventsTotal')).count()).toBe(0);
    expect(await page.locator('.euiToast').count()).toBe(0);
    await screenshot(page, 'events-syntax-error');
  });

  it('finds the pipeline errors with the kind filter and keeps the filters on reload', async () => {
    await openEvents({});
    await shownTotal();
    const kind = searchAnswered((params) => params.get('kind') === 'pipeline_error');
    await page.locator(subj('eventsKindFilter')).selectOption('pipeline_error');
    await kind;
    await waitFor(shownTotal, (total) => total === CLOSER_PIPELINE_ERRORS, 'the 4 pipeline errors');
    expect(await page.locator(subj('eventPipelineError')).count()).toBe(CLOSER_PIPELINE_ERRORS);
    const messages = await page.locator(subj('eventErrorMessage')).allTextContents();
    expect(messages).toHaveLength(CLOSER_PIPELINE_ERRORS);
    for (const message of messages) expect(message.length).toBeGreaterThan(0);
    expect(page.url()).toContain('kind=pipeline_error');

    // The same search after a reload: kind, namespace and time range come from the URL.
    await page.reload();
    await page.locator(subj('eventsTable')).waitFor();
    expect(await page.locator(subj('eventsKindFilter')).inputValue()).toBe('pipeline_error');
    expect(await page.locator(subj('eventsNamespaceFilter')).inputValue()).toBe(namespace);
    await waitFor(
      shownTotal,
      (total) => total === CLOSER_PIPELINE_ERRORS,
      'the same 4 after reload'
    );

    // The same records by Lucene text.
    await openEvents({ query: 'event.kind:pipeline_error' });
    await waitFor(shownTotal, (total) => total === CLOSER_PIPELINE_ERRORS, '4 by Lucene text');
  });

  it('shows the full document of a row in a flyout', async () => {
    await openEvents({ source: 'lumos', user: lumosUser });
    await page.locator(subj('eventRow')).first().waitFor();
    await page.locator(subj('eventOpenDocument')).first().click();
    const flyout = page.locator(subj('eventFlyout'));
    await flyout.waitFor();
    const email = flyout.locator(subj('eventField-user.email'));
    await email.waitFor();
    expect(await email.textContent()).toContain(lumosUser);
    await flyout.locator(subj('eventField-event.original')).waitFor();
    await screenshot(page, 'events-flyout');

    await flyout.locator(subj('eventFlyoutTab-json')).click();
    const json = JSON.parse((await flyout.locator('pre code').first().textContent()) ?? '{}');
    expect(json).toMatchObject({
      user: { email: lumosUser },
      data_stream: { dataset: 'lumos.activity_logs', namespace },
    });
    await page.keyboard.press('Escape');
    await flyout.waitFor({ state: 'detached' });

    // A pipeline error's document says why it could not be mapped.
    await openEvents({ kind: 'pipeline_error' });
    await page.locator(subj('eventRow')).first().click();
    await flyout.locator(subj('eventField-error.message')).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
