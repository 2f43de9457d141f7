// Headless Chromium for tests of the HTML pages, driven by playwright-core with Debian's
// `chromium` package (no browser download: .ci/run installs the package when missing).
// Without Chromium the browser tests are skipped, unless HEARTH_REQUIRE_BROWSER=1 (CI) makes
// that a failure.
import { existsSync } from "node:fs";
import { after, before } from "node:test";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Skip reason for node:test, or undefined when the browser tests can run. */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  if (process.env.HEARTH_REQUIRE_BROWSER === "1") {
    throw new Error(`HEARTH_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM_PATH}`);
  }
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The flags Chromium needs as root in a sandbox without network beyond loopback.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** One browser for the enclosing suite: `const browser = useBrowser();` then `browser()`. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  before(async () => {
    if (browserSkipReason() === undefined) browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error("browser not started");
    return browser;
  };
}
