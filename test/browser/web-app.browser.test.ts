// The web app in Chromium, as a person uses it: sign in through the sign-in page, the app
// loads with no console error (so the CSP lets our own scripts, styles and WebSocket through),
// home shows a followed account's post, a new post arrives live behind a "1 new post" button,
// favourite and boost, a dropped stream that reconnects without missing a post, keyboard
// shortcuts, a poll vote, a reply joining its thread, a report, infinite scroll, content
// warnings and sensitive media (no layout shift), a post with a content warning and an image
// with alt text, and a draft kept across an ended session, then signing out. Screenshots of
// the screens at phone and desktop widths go to test-output/screenshots/.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import sharp from "sharp";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { listSessions, revokeOwnSession } from "../../src/services/sessions/manage.ts";
import { endTokenStreams } from "../../src/services/streaming/end-streams.ts";
import { setPassword } from "../api/oauth-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { actAs, closeDialog, openApp, openComposer, screenshots } from "./web-app-kit.ts";

const skip = browserSkipReason();

const redImage = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#c0392b" } })
    .png()
    .toBuffer();

interface Status {
  id: string;
  spoiler_text: string;
  sensitive: boolean;
  favourited: boolean;
  reblogged: boolean;
  media_attachments: { description: string | null }[];
}

describeEachDatabase(
  "the web app in Chromium",
  (rig) => {
    const browser = useBrowser();

    before(async () => {
      if (skip !== undefined) return;
      await setPassword(rig(), "alice");
      const alice = await actAs(rig(), "alice");
      await alice.follow(rig().fixtures.bob.id);
      const bob = await actAs(rig(), "bob");
      await bob.post("Hello from Bob, with #hearth");
    });

    test("home shows followed posts, live posts, and favourite and boost work", {
      skip,
    }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        const hello = page.locator("article.status", { hasText: "Hello from Bob" });
        await hello.waitFor();
        await screenshots(page, "home");
        await page.emulateMedia({ colorScheme: "dark" });
        await screenshots(page, "home-dark");
        await page.emulateMedia({ colorScheme: "light" });

        // A new post waits behind a button instead of moving the list.
        const bob = await actAs(rig(), "bob");
        await bob.post("Live from Bob");
        const more = page.getByRole("button", { name: "1 new post" });
        await more.waitFor();
        assert.equal(await page.locator("article.status", { hasText: "Live from Bob" }).count(), 0);
        await more.click();
        await page.locator("article.status", { hasText: "Live from Bob" }).waitFor();

        await hello.getByRole("button", { name: "Favourite" }).click();
        await hello.getByRole("button", { name: "Undo favourite" }).waitFor();
        await hello.getByRole("button", { name: "Boost" }).click();
        await hello.getByRole("button", { name: "Undo boost" }).waitFor();
        const alice = await actAs(rig(), "alice");
        const id = await hello.getAttribute("data-status-id");
        const seen = await alice.get<Status>(`/api/v1/statuses/${id}`);
        assert.equal(seen.favourited, true);
        assert.equal(seen.reblogged, true);

        // The thread view of the post, inside the app.
        await hello.locator("a.status-time").click();
        await page.waitForURL(new RegExp(`/@bob/${id}$`));
        await page.locator("article.status.focused").waitFor();
        await screenshots(page, "thread");
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("a dropped stream reconnects and nothing posted meanwhile is missed", {
      skip,
    }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        await page.locator('.timeline[data-live="open"]').waitFor();
        // The server drops the app's stream (as when a process restarts); the app says so
        // and reconnects after a backoff, then fetches what it may have missed.
        const tokens = await rig()
          .ctx.db.selectFrom("oauth_access_tokens")
          .select("id")
          .where("user_id", "=", rig().fixtures.alice.user.id)
          .where("web_session_id", "is not", null)
          .where("revoked_at", "is", null)
          .execute();
        const reconnecting = page.getByText("Reconnecting to live updates…");
        // "open" is the browser's side: the server may still be registering the socket, so
        // the drop is repeated until the app notices it.
        for (let i = 0; i < 50 && !(await reconnecting.isVisible()); i++) {
          await endTokenStreams(
            rig().ctx,
            tokens.map((t) => String(t.id)),
          );
          await reconnecting.waitFor({ timeout: 200 }).catch(() => {});
        }
        await reconnecting.waitFor();
        const bob = await actAs(rig(), "bob");
        await bob.post("Posted while the stream was down");
        await page.getByRole("button", { name: "1 new post" }).click();
        await page.getByText("Posted while the stream was down").waitFor();
        await reconnecting.waitFor({ state: "detached" });
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("the keyboard moves between posts and acts on the focused one", { skip }, async () => {
      const bob = await actAs(rig(), "bob");
      await bob.post("Keyboard target");
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        const first = page.locator("article.status").first();
        await first.getByText("Keyboard target").waitFor();
        await page.keyboard.press("j");
        assert.equal(await first.evaluate((el) => el === document.activeElement), true);
        await page.keyboard.press("j");
        await page.keyboard.press("k");
        assert.equal(await first.evaluate((el) => el === document.activeElement), true);
        await page.keyboard.press("f");
        await first.getByRole("button", { name: "Undo favourite" }).waitFor();
        await page.keyboard.press("b");
        await first.getByRole("button", { name: "Undo boost" }).waitFor();
        await page.keyboard.press("?");
        const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
        await help.waitFor();
        assert.match((await help.textContent()) ?? "", /Favourite/);
        await closeDialog(page);
        await first.focus();
        await page.keyboard.press("r");
        const compose = page.getByRole("dialog", { name: "New post" });
        await compose.getByText("Replying to @bob").waitFor();
        assert.equal(await compose.getByLabel("Post text").inputValue(), "@bob ");
        await closeDialog(page);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("votes in a poll, replies in a thread and reports a post", { skip }, async () => {
      const bob = await actAs(rig(), "bob");
      const poll = await bob.post("Tea or coffee?", {
        poll: { options: ["Tea", "Coffee"], expires_in: 3600 },
      });
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        const post = page.locator("article.status", { hasText: "Tea or coffee?" });
        await post.getByRole("radio", { name: "Coffee" }).check();
        await post.getByRole("button", { name: "Vote" }).click();
        await post.getByText("1 person").waitFor();
        assert.match((await post.locator(".poll-result").nth(1).textContent()) ?? "", /100%/);

        await post.locator("a.status-time").click();
        await page.waitForURL(new RegExp(`/@bob/${poll.id}$`));
        const focused = page.locator("article.status.focused");
        await focused.getByRole("button", { name: "Reply" }).click();
        const dialog = page.getByRole("dialog", { name: "New post" });
        await dialog.getByLabel("Post text").press("End");
        await dialog.getByLabel("Post text").pressSequentially("Coffee, always");
        await dialog.getByRole("button", { name: "Post", exact: true }).click();
        // The reply joins the thread at once.
        await page.locator("article.status", { hasText: "Coffee, always" }).waitFor();

        await focused.getByRole("button", { name: "More" }).click();
        await focused.getByRole("menuitem", { name: "Report" }).click();
        const report = page.getByRole("dialog", { name: "Report @bob" });
        await report.getByRole("radio", { name: "It is spam" }).check();
        await report.getByLabel("Anything the moderators should know?").fill("Always polls");
        await report.getByRole("button", { name: "Send report" }).click();
        await report.getByText("Thanks: the moderators will look at it.").waitFor();
        const row = await rig()
          .ctx.db.selectFrom("reports")
          .selectAll()
          .where("account_id", "=", rig().fixtures.alice.id)
          .executeTakeFirstOrThrow();
        assert.equal(row.target_account_id, rig().fixtures.bob.id);
        assert.equal(row.category, "spam");
        assert.equal(row.comment, "Always polls");
        assert.deepEqual(row.status_ids, [poll.id]);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("a hashtag timeline loads older posts as the end scrolls into view", {
      skip,
    }, async () => {
      const bob = await actAs(rig(), "bob");
      for (let i = 1; i <= 25; i++) await bob.post(`Scroll post ${i} #scrolling`);
      const { context, page, problems } = await openApp(
        browser(),
        rig(),
        "alice",
        "/tags/scrolling",
      );
      try {
        const posts = page.locator("article.status");
        await posts.first().getByText("Scroll post 25").waitFor();
        assert.equal(await posts.count(), 20);
        await posts.last().scrollIntoViewIfNeeded();
        await page.getByText("You have reached the end.").waitFor();
        assert.equal(await posts.count(), 25);
        assert.match((await posts.last().textContent()) ?? "", /Scroll post 1 /);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("a content warning hides the text; sensitive media wait under their blurhash", {
      skip,
    }, async () => {
      const bob = await actAs(rig(), "bob");
      const mediaId = await bob.upload(await redImage(320, 180), "A red banner");
      await bob.post("The plot twist", {
        spoiler_text: "Film spoilers",
        sensitive: true,
        media_ids: [mediaId],
      });
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        const post = page.locator("article.status", { hasText: "Film spoilers" });
        await post.waitFor();
        assert.equal(await post.getByText("The plot twist").count(), 0);
        assert.equal(await post.locator(".media-gallery img").count(), 0, "not loaded yet");
        assert.equal(await post.locator("canvas.blurhash").count(), 1);
        await screenshots(page, "sensitive");

        await post.getByRole("button", { name: "Show more" }).click();
        await post.getByText("The plot twist").waitFor();
        const gallery = post.locator(".media-gallery");
        const before = await gallery.boundingBox();
        assert.ok(before);
        // 16:9, from the attachment's meta: the box has its size before anything loads.
        assert.ok(Math.abs(before.width / before.height - 320 / 180) < 0.05);
        await post.getByRole("button", { name: /Sensitive content/ }).click();
        const image = post.getByRole("img", { name: "A red banner" });
        await image.waitFor();
        const after = await gallery.boundingBox();
        assert.deepEqual(after, before, "revealing moves nothing");
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("posts with a content warning and an image with alt text", { skip }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        const dialog = await openComposer(page);
        await dialog.getByRole("button", { name: "Add a content warning" }).click();
        await dialog.getByRole("textbox", { name: "Content warning" }).fill("Spoilers ahead");
        await dialog.getByLabel("Post text").fill("The butler did it");
        assert.match(
          (await dialog.locator("#compose-count").textContent()) ?? "",
          /^(\d[\d,]*) characters left$/,
        );
        const image = await redImage(64, 48);
        await dialog
          .locator('input[type="file"]')
          .setInputFiles({ name: "red.png", mimeType: "image/png", buffer: image });
        const alt = dialog.getByLabel("Alt text for red.png");
        await alt.and(page.locator(":enabled")).waitFor();
        await alt.fill("A red rectangle");
        // The upload is processed by a job; the composer waits for it.
        await runDueJobs(rig().ctx);
        await dialog.getByText("Processing…").waitFor({ state: "detached" });
        await screenshots(page, "compose");
        await dialog.getByRole("button", { name: "Post", exact: true }).click();
        await page.getByRole("status").getByText("Posted.").waitFor();
        await runDueJobs(rig().ctx);

        const alice = await actAs(rig(), "alice");
        const [posted] = await alice.get<Status[]>(
          `/api/v1/accounts/${rig().fixtures.alice.id}/statuses?limit=1`,
        );
        assert.ok(posted);
        assert.equal(posted.spoiler_text, "Spoilers ahead");
        assert.equal(posted.sensitive, true);
        assert.deepEqual(
          posted.media_attachments.map((m) => m.description),
          ["A red rectangle"],
        );
        // The draft is gone once posted.
        assert.equal(await (await openComposer(page)).getByLabel("Post text").inputValue(), "");
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("a draft survives a session that ended: sign in again and it is there", {
      skip,
    }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice");
      try {
        await (await openComposer(page)).getByLabel("Post text").fill("An unsent thought");
        await closeDialog(page);
        // The session ends elsewhere (the sessions page of another browser, say).
        const alice = rig().fixtures.alice.user.id;
        for (const session of await listSessions(rig().ctx, alice)) {
          await revokeOwnSession(rig().ctx, alice, session.id);
        }
        let dialog = await openComposer(page);
        await dialog.getByText("Your unsent draft was restored.").waitFor();
        assert.equal(await dialog.getByLabel("Post text").inputValue(), "An unsent thought");
        await dialog.getByRole("button", { name: "Post", exact: true }).click();
        await dialog.getByRole("alert").getByText("The access token was revoked").waitFor();
        assert.equal(await dialog.getByLabel("Post text").inputValue(), "An unsent thought");
        await closeDialog(page);
        await page
          .getByRole("alert")
          .getByText(/Your session has ended/)
          .waitFor();
        await page.getByRole("link", { name: "Sign in" }).click();
        await page.getByLabel("Email address").fill(rig().fixtures.alice.user.email);
        await page.getByLabel("Password").fill(rig().fixtures.alice.user.password);
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL(`${rig().url}/home`);
        dialog = await openComposer(page);
        assert.equal(await dialog.getByLabel("Post text").inputValue(), "An unsent thought");
        await closeDialog(page);
        // Signing out from the app's navigation ends the session and its token.
        await page.getByRole("button", { name: "Sign out" }).first().click();
        await page.waitForURL(/\/auth\/sign_in$/);
        await page.goto(`${rig().url}/home`);
        await page.waitForURL(/\/auth\/sign_in\?return_to=%2Fhome$/);
        // Chromium logs the refused requests (401) and the stream's failed reconnection.
        const unexpected = problems.filter((p) => !/401|WebSocket/.test(p));
        assert.deepEqual(unexpected, []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true },
);
