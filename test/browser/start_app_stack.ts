import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../browser_host/bundles';
import { startDevServer } from '../browser_host/dev_server';
import { FAKE_CLOSER_PASSWORD, FAKE_CLOSER_USER, FAKE_LUMOS_TOKEN } from '../browser_host/fake_api';

/*
 * The stack the browser tests drive. STUB for now: the browser host's dev server with the
 * in-memory fake API (test/browser_host/fake_api.ts). When test/kibana_host can mount the
 * browser host (createBrowserHost(...).handle) in front of the real plugin routes, this starts
 * that instead (ES + Lumos simulator + seeded Closer + host + plugin) and returns the real
 * credentials; the tests only use what this returns.
 */

export interface AppStack {
  /** Base URL of the host, e.g. http://127.0.0.1:5601 */
  url: string;
  /** HTTP Basic credentials of the host, when it asks for them. */
  httpCredentials?: { username: string; password: string };
  /** What the sources accept. */
  lumos: { token: string; baseUrl: string };
  closer: { url: string; username: string; password: string; index: string };
  /** Stub only: true while the API is the in-memory fake. */
  isFake: boolean;
  close(): Promise<void>;
}

export async function startAppStack(): Promise<AppStack> {
  const dev = await startDevServer({ fake: { runEveryMs: 1500, eventsPerRun: 20 } });
  return {
    url: dev.url,
    lumos: { token: FAKE_LUMOS_TOKEN, baseUrl: 'http://127.0.0.1:1/lumos-simulator' },
    closer: {
      url: 'https://closer-es.example.com:9200',
      username: FAKE_CLOSER_USER,
      password: FAKE_CLOSER_PASSWORD,
      index: 'closer-security-*',
    },
    isFake: true,
    close: () => dev.close(),
  };
}

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // Let EUI's transitions settle (flyouts, toasts, tooltips).
  await page.waitForTimeout(400);
  await page.screenshot({ path: file });
  return file;
}
