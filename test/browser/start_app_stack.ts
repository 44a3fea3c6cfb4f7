import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../dev/browser_host/bundles';
import { testEsConnection } from '../../dev/es/test_es';
import type { LumosSimulator } from '../../dev/lumos_simulator/lumos_simulator';
import { CLOSER_PREFIX, CLOSER_READER, startDemoStack } from '../../dev/stack/demo_stack';

/*
 * The stack the browser tests drive: the real one `npm start` runs (dev/stack/demo_stack.ts) —
 * the jest run's Elasticsearch, the Lumos API simulator, a seeded Closer index, and the Kibana
 * host running the BUILT plugin with the browser host mounted in front of its routes — minus the
 * example connectors: the tests create theirs through the UI.
 */

export interface AppStack {
  /** Base URL of the host, e.g. http://127.0.0.1:5601 */
  url: string;
  /** HTTP Basic credentials the host asks for. */
  httpCredentials: { username: string; password: string };
  /** What the sources accept. */
  lumos: { token: string; baseUrl: string };
  closer: { url: string; username: string; password: string; index: string };
  /** The running simulator (tests stop it to see a connector fail). */
  simulator: LumosSimulator;
  close(): Promise<void>;
}

export async function startAppStack(options: { pluginRootDir?: string } = {}): Promise<AppStack> {
  const es = testEsConnection();
  const stack = await startDemoStack({
    es,
    hostPort: 0,
    createConnectors: false,
    trickle: true,
    // Our own saved-objects and task indices: the cluster is shared with other suites.
    indexPrefix: `.kibana_host_browser_${Date.now().toString(36)}`,
    taskPollIntervalMs: 500,
    pluginRootDir: options.pluginRootDir,
  });
  return {
    url: stack.url,
    httpCredentials: { username: es.username, password: es.password },
    lumos: { token: stack.lumos.token, baseUrl: stack.lumos.url },
    closer: {
      url: es.url,
      username: CLOSER_READER.username,
      password: CLOSER_READER.password,
      index: `${CLOSER_PREFIX}-*`,
    },
    simulator: stack.lumos,
    close: () => stack.stop(),
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
