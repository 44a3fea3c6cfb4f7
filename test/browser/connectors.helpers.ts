import { expect } from '@jest/globals';
import type { Page } from 'playwright-core';

export const subj = (name: string) => `[data-test-subj~="${name}"]`;

/** Types into the form field whose API path is `path` (e.g. secrets.apiToken). */
export async function fill(page: Page, path: string, value: string): Promise<void> {
  const field = page.locator(`${subj(`field-${path}`)}`).first();
  await field.fill(value);
  await field.blur();
}

export async function fieldError(page: Page, path: string): Promise<string> {
  const row = page.locator(subj(`row-${path}`));
  const error = row.locator('.euiFormErrorText');
  await error.first().waitFor({ state: 'visible', timeout: 10_000 });
  return (await error.first().textContent()) ?? '';
}

export async function expectNoFieldError(page: Page, path: string): Promise<void> {
  await expect(
    page
      .locator(subj(`row-${path}`))
      .locator('.euiFormErrorText')
      .count()
  ).resolves.toBe(0);
}

/** Waits until `read` returns something `accept` likes, polling like a user watching the page. */
export async function waitFor<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}
