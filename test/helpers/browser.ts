/**
 * Pages in real headless Chromium (Debian's, through playwright-core): without it the tests skip
 * with a notice, with CI=true they fail. A watched page records what must not happen: console
 * errors, uncaught exceptions, Content-Security-Policy violations, and every request it makes.
 */
import type { Page } from 'playwright-core';
import { hasChromium } from '../../tools/bench/chromium.js';
import { requireOrSkip } from './shared.js';

export { launchChromium } from '../../tools/bench/chromium.js';

export function requireChromium(what: string): boolean {
  return requireOrSkip(`Chromium (/usr/bin/chromium) for ${what}`, hasChromium());
}

export interface PageWatch {
  /** Console errors, page errors and CSP violations. */
  readonly errors: string[];
  /** Every request's URL, in order. */
  readonly requests: string[];
}

export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { errors: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.errors.push(`page: ${error.message}`));
  page.on('request', (request) => watch.requests.push(request.url()));
  await page.exposeFunction('__redlineCspViolation', (text: string) => watch.errors.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __redlineCspViolation(text: string): void }).__redlineCspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return watch;
}
