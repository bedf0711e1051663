import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { AuthResponse } from '@fractafrag/contracts';
import { api, ARTIFACTS_DIR, BASE_URL, eventually } from './stack.ts';

/** Browser helpers shared by the editor and desires journeys (frontend-*.e2e.test.ts). */

export const PASSWORD = 'correct horse battery';
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

/** Real Chromium with WebGL on SwiftShader, as the live canvases need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
    ],
  });
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

export async function registerByApi(username: string): Promise<AuthResponse> {
  const reg = await api<AuthResponse>('POST', '/api/v1/auth/register', {
    body: { username, email: `${username}@example.com`, password: PASSWORD },
  });
  if (reg.status !== 201) throw new Error(`register ${username}: ${reg.status} ${JSON.stringify(reg.body)}`);
  return reg.body;
}

/** Signs up through the register page; the page then sends the browser on to `next`. */
export async function registerInBrowser(page: Page, username: string, next: string): Promise<void> {
  await page.goto(`${BASE_URL}/register?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${BASE_URL}${next}`);
}

/** Logs in through the login page; the page then sends the browser on to `next`. */
export async function logInInBrowser(page: Page, username: string, next: string): Promise<void> {
  await page.goto(`${BASE_URL}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${BASE_URL}${next}`);
}

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(30_000);
  return context;
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage });
}

/** Fails when the page scrolls sideways (content wider than a phone screen). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Moves within the single-page app without reloading it, as a click on a link does: the session
 * stays in memory, so no refresh call is spent (the API allows 20 auth calls per 15 minutes).
 */
export async function goTo(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL(`${BASE_URL}${path}`);
}

/**
 * Waits until the page has restored its session (the account menu shows the user). Leaving a page
 * while its refresh call is in flight would lose the rotated refresh cookie, and the next refresh
 * would then present a used token, which revokes the session.
 */
export async function waitSignedIn(page: Page, username: string): Promise<void> {
  await page.locator('header').getByText(username).first().waitFor();
}

/** Waits for every image on the page to finish loading (thumbnails), for honest screenshots. */
export async function waitImages(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('main img')).every((img) => (img as HTMLImageElement).complete),
  );
}

/** Waits until the element's text matches (the page updates after the action that changes it). */
export async function waitText(locator: Locator, text: string | RegExp): Promise<void> {
  const pattern =
    typeof text === 'string' ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) : text;
  await locator.filter({ hasText: pattern }).first().waitFor();
}

/** Polls `read` until it returns `expected` (compared as JSON), for lists that change after a click. */
export async function settlesTo<T>(what: string, read: () => Promise<T>, expected: T): Promise<T> {
  return eventually(
    what,
    async () => {
      const value = await read();
      return JSON.stringify(value) === JSON.stringify(expected) ? value : undefined;
    },
    15_000,
  );
}
