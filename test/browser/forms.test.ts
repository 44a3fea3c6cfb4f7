import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { uniqueNamespace } from '../../dev/es/test_es';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { fieldError, fill, subj } from './connectors.helpers';
import { screenshot, startAppStack, type AppStack } from './start_app_stack';

/*
 * The setup form never traps the user (issue 13, item 4), in Chromium on the real stack: a
 * failed save is reported once, in the flyout, in the form's words, with no toast over the
 * footer; Test with a problem in a closed "Advanced settings" section opens it and focuses the
 * field.
 */

let stack: AppStack;
let browser: LaunchedBrowser;
let page: Page;
const pageErrors: string[] = [];
const namespace = uniqueNamespace('forms');
const NAME = 'Lumos forms test';

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

async function createLumosConnector(): Promise<void> {
  await page.goto(`${stack.url}/app/auditSources`);
  const button = page
    .locator(`${subj('createFirstConnectorButton')}, ${subj('createConnectorButton')}`)
    .first();
  await button.click();
  await page.locator(subj('sourceCard-lumos')).locator('button, a').first().click();
  await fill(page, 'name', NAME);
  await fill(page, 'secrets.apiToken', stack.lumos.token);
  await fill(page, 'settings.baseUrl', stack.lumos.baseUrl);
  await fill(page, 'namespace', namespace);
  await page.locator(subj('saveConnectorButton')).click();
  await page.locator(subj('connectorFlyout')).waitFor({ state: 'detached', timeout: 30_000 });
}

describe('Connector form (real stack)', () => {
  it('reports a refused save once, in the flyout, by field label, without a toast', async () => {
    await createLumosConnector();
    await page
      .locator(`[data-test-subj="connectorRow-${NAME}"]`)
      .locator(subj('editAction'))
      .click();
    await page.locator(subj('secretsCallout')).waitFor();
    // Moving the connector to another destination needs the token again (a server-only rule).
    await fill(page, 'settings.baseUrl', 'http://127.0.0.1:9/lumos');
    await page.locator(subj('saveConnectorButton')).click();

    const callout = page.locator(subj('saveErrorCallout'));
    await callout.waitFor({ timeout: 30_000 });
    const expected =
      'Re-enter it, because Base URL changed — a stored secret is only used for the destination it was entered for';
    await expect(callout.locator(subj('saveError-secrets.apiToken')).textContent()).resolves.toBe(
      `API token: ${expected}`
    );
    expect(await fieldError(page, 'secrets.apiToken')).toBe(expected);
    // Once in the callout, once next to the field; no API paths; no toast.
    const flyoutText = (await page.locator(subj('connectorFlyout')).textContent()) ?? '';
    expect(flyoutText.split('Re-enter it').length - 1).toBe(2);
    expect(flyoutText).not.toContain('secrets.apiToken');
    expect(flyoutText).not.toContain('settings.baseUrl');
    await expect(page.locator(subj('errorToast')).count()).resolves.toBe(0);
    await expect(page.locator('.euiToast').count()).resolves.toBe(0);
    await screenshot(page, 'form-error');
    await mkdir(path.join(__dirname, '..', '..', 'docs', 'screenshots'), { recursive: true });
    await copyFile(
      path.join(__dirname, '..', '..', 'test-results', 'screenshots', 'form-error.png'),
      path.join(__dirname, '..', '..', 'docs', 'screenshots', 'form-error.png')
    );
    expect(pageErrors).toEqual([]);
  });

  it('Test connection jumps to the first invalid field, inside a closed section', async () => {
    // Still in the edit flyout: re-enter the token, then break a field under Advanced settings.
    await fill(page, 'secrets.apiToken', stack.lumos.token);
    await page.locator(subj('advancedSettings')).locator('button').first().click();
    await fill(
      page,
      'settings.caCertificate',
      '-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----'
    );
    const toggle = page.locator(subj('advancedSettings')).locator('button').first();
    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await page.locator(subj('testConnectionButton')).click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');

    await expect(page.locator(subj('testBlockedReason')).textContent()).resolves.toBe(
      'Fix the highlighted field first: CA certificate.'
    );
    const certificate = page.locator(subj('field-settings.caCertificate'));
    await certificate.waitFor({ state: 'visible' });
    await expect(
      certificate.evaluate((element) => element === document.activeElement)
    ).resolves.toBe(true);
    await expect(certificate.isVisible()).resolves.toBe(true);
    // Scrolled into view once the section has finished opening (a second scroll, after its
    // animation): wait for it rather than measure mid-animation.
    await page.waitForFunction(
      (selector) => {
        const rect = document.querySelector(selector)?.getBoundingClientRect();
        return rect !== undefined && rect.top >= 0 && rect.bottom <= window.innerHeight;
      },
      subj('field-settings.caCertificate'),
      { timeout: 10_000 }
    );
    expect(await fieldError(page, 'settings.caCertificate')).toContain('must be base64');
    await screenshot(page, 'form-jump-to-invalid');
    expect(pageErrors).toEqual([]);
  });
});
