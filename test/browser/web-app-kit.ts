// Helpers for browser tests of the web app: sign in through the real sign-in page into the
// app, collect console errors (a CSP violation is one), save screenshots at phone and desktop
// widths to test-output/screenshots/ (ignored by git), and act as another user via the API.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { runDueJobs } from "../../src/jobs/worker.ts";
import type { FixtureName } from "../rig/fixtures.ts";
import { createToken, type Rig } from "../rig/index.ts";

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 860 };
const SCREENSHOTS = new URL("../../test-output/screenshots/", import.meta.url);

/** Console errors and uncaught exceptions of a page (expected 4xx may be filtered by the test). */
export function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()}: ${e.message}`));
  return problems;
}

/**
 * Signs `user` in through /auth/sign_in and waits for the app at `path`. `prepare` runs on the
 * new browser context first (routes, e.g. to intercept the streaming WebSocket).
 */
export async function openApp(
  browser: Browser,
  rig: Rig,
  user: FixtureName,
  path = "/home",
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const fixture = rig.fixtures[user] as { user?: { email: string; password: string } };
  assert.ok(fixture.user, `${user} is a local user`);
  const context = await browser.newContext({ viewport: DESKTOP });
  await prepare?.(context);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${rig.url}/auth/sign_in?return_to=${encodeURIComponent(path)}`);
  await page.getByLabel("Email address").fill(fixture.user.email);
  await page.getByLabel("Password").fill(fixture.user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${rig.url}${path}`);
  await page.locator("main h1").first().waitFor();
  return { context, page, problems };
}

/** Opens the compose dialog from the navigation; returns the open dialog. */
export async function openComposer(page: Page) {
  await page.getByRole("button", { name: "New post" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New post" });
  await dialog.waitFor();
  return dialog;
}

/** Closes the open dialog with Escape and waits until it is gone. */
export async function closeDialog(page: Page) {
  await page.keyboard.press("Escape");
  await page.locator("dialog[open]").waitFor({ state: "detached" });
}

/** Saves `name`-desktop.png and `name`-phone.png of the current screen. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize() ?? DESKTOP;
  for (const [label, size] of [
    ["desktop", DESKTOP],
    ["phone", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: new URL(`${name}-${label}.png`, SCREENSHOTS).pathname });
  }
  await page.setViewportSize(viewport);
}

/** Another user acting through the API (a token straight in the table), jobs run after. */
export async function actAs(rig: Rig, user: FixtureName) {
  const token = await createToken(rig.ctx, user);
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await rig.send<T>(method, path, body, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
    await runDueJobs(rig.ctx);
    return res.body;
  };
  return {
    token,
    /** Uploads an image (processed at once by running the jobs); returns its id. */
    upload: async (image: Buffer, description: string) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(image)], { type: "image/png" }), "image.png");
      form.append("description", description);
      const media = await call<{ id: string }>("POST", "/api/v2/media", form);
      return media.id;
    },
    post: (status: string, extra: Record<string, unknown> = {}) =>
      call<{ id: string }>("POST", "/api/v1/statuses", { status, ...extra }),
    follow: (accountId: string) => call("POST", `/api/v1/accounts/${accountId}/follow`),
    get: <T>(path: string) => call<T>("GET", path),
  };
}
