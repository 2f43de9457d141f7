// Issue 7's "Done when", as one story in Chromium: a newcomer opens the landing page and reads
// the rules, signs up, confirms the email from the .eml file, signs in, sets up a profile with
// an avatar, finds bob through search and follows him, posts with a content warning and an
// image with alt text, sees bob's reply arrive live, favourites and boosts it, gets one grouped
// notification for two favourites, searches accounts and hashtags, and signs out. Then a
// visitor without JavaScript reads the newcomer's public profile and post (CW collapsed). The
// steps share one browser page and run in order; screenshots of the main screens at phone and
// desktop widths go to test-output/screenshots/walkthrough-*.png.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { BrowserContext, Page } from "playwright-core";
import sharp from "sharp";
import { channels } from "../../src/domain/streaming.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { insertRule } from "../../src/repos/rules.ts";
import { lastMail } from "../api/registrations-kit.ts";
import { listening } from "../api/streaming-kit.ts";
import { setMode } from "../pages/sign-up-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { assertSpec, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";
import { actAs, DESKTOP, openComposer, screenshots, watch } from "./web-app-kit.ts";

const skip = browserSkipReason();

const EMAIL = "nia@example.org";
const PASSWORD = "a long newcomer password";

const picture = (background: string, width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

interface Status {
  id: string;
  spoiler_text: string;
  sensitive: boolean;
  visibility: string;
  favourited: boolean;
  reblogged: boolean;
  favourites_count: number;
  media_attachments: { description: string | null }[];
}

describeEachDatabase(
  "a newcomer's walkthrough in Chromium",
  (rig) => {
    const browser = useBrowser();
    // The newcomer's browser, kept across the steps as one person's session.
    let context: BrowserContext | undefined;
    let page: Page;
    let problems: string[] = [];
    let newcomerId = "";
    let postId = "";
    let replyId = "";

    before(async () => {
      if (skip !== undefined) return;
      const { db } = rig().ctx;
      await setMode(rig(), "open");
      await saveSetting(db, "title", "Hearth Commons", new Date(FIXED_TIME));
      const rules = ["Be kind to one another", "No spam or advertising"];
      for (const [i, text] of rules.entries()) {
        await insertRule(db, {
          id: String(i + 1),
          text,
          hint: "",
          position: i + 1,
          created_at: FIXED_TIME,
          updated_at: FIXED_TIME,
        });
      }
      const bob = await actAs(rig(), "bob");
      await bob.post("Hello from Bob, who posts about #gardening");
      context = await browser().newContext({ viewport: DESKTOP });
      page = await context.newPage();
      problems = watch(page);
    });

    after(async () => {
      await context?.close();
    });

    // The steps are one story: once one fails, the rest would only time out after it.
    let broken = false;
    const step = (name: string, fn: () => Promise<void>) =>
      test(name, { skip }, async (t) => {
        if (broken) return t.skip("an earlier step failed");
        try {
          await fn();
        } catch (error) {
          broken = true;
          throw error;
        }
      });

    /** The newcomer's users row. */
    const newcomerUser = () =>
      rig()
        .ctx.db.selectFrom("users")
        .selectAll()
        .where("email", "=", EMAIL)
        .executeTakeFirstOrThrow();
    /** The app's live tokens for the newcomer's web sessions. */
    const webTokens = async () =>
      rig()
        .ctx.db.selectFrom("oauth_access_tokens")
        .select("id")
        .where("user_id", "=", (await newcomerUser()).id)
        .where("web_session_id", "is not", null)
        .where("revoked_at", "is", null)
        .execute();
    /** The access token the app was given (read from its page once signed in). */
    let token = "";
    /** A GET of the client API as the newcomer, with the app's own token. */
    const asNewcomer = async <T>(path: string) => {
      const res = await rig().get<T>(path, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200, res.text);
      assertSpec("GET", path, res.status, res.body);
      return res.body;
    };

    step("the landing page tells what the server is and its rules", async () => {
      const response = await page.goto(`${rig().url}/`);
      assert.equal(response?.status(), 200);
      assert.equal(await page.locator("h1").textContent(), "Hearth Commons");
      const rules = page.getByRole("region", { name: "Rules" });
      assert.deepEqual(await rules.locator("li").allTextContents(), [
        "Be kind to one another",
        "No spam or advertising",
      ]);
      await page.getByText("Anyone can create an account here.").waitFor();
      await screenshots(page, "walkthrough-landing");
      await page.getByRole("main").getByRole("link", { name: "Sign up" }).click();
      await page.waitForURL(`${rig().url}/auth/sign_up`);
    });

    step("signs up through the form and confirms the email from the mail", async () => {
      // The form repeats the rules the newcomer agrees to.
      assert.match((await page.locator("ol.rules").textContent()) ?? "", /Be kind to one another/);
      await page.getByLabel("Username").fill("nia");
      await page.getByLabel("Email address").fill(EMAIL);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByLabel("Confirm password").fill(PASSWORD);
      await page.getByLabel(/I agree to the server rules/).check();
      await screenshots(page, "walkthrough-sign-up");
      await page.getByRole("button", { name: "Sign up" }).click();
      await page.waitForURL(`${rig().url}/auth/setup`);
      assert.equal(await page.locator("h1").textContent(), "Confirm your email address");
      assert.equal((await newcomerUser()).confirmed_at, null);

      const mail = lastMail(rig());
      assert.equal(mail.to, EMAIL);
      await page.goto(mail.link);
      assert.equal(await page.locator("h1").textContent(), "Email address confirmed");
      assert.notEqual((await newcomerUser()).confirmed_at, null);
      newcomerId = String((await newcomerUser()).account_id);
    });

    step("signs in and sets up a profile with an avatar", async () => {
      // The newcomer comes back later in a fresh browser profile (signing up had opened a
      // session in the first one) and signs in.
      assert.deepEqual(problems, []);
      await context?.close();
      context = await browser().newContext({ viewport: DESKTOP });
      page = await context.newPage();
      problems = watch(page);
      await page.goto(`${rig().url}/`);
      await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
      await page.waitForURL(`${rig().url}/auth/sign_in`);
      await page.getByLabel("Email address").fill(EMAIL);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${rig().url}/`);
      await page.locator("main h1").first().waitFor();
      await page.locator(".timeline").waitFor();
      // The app's page carries the session's access token, as any client would hold one.
      const state = JSON.parse((await page.locator("#initial-state").textContent()) ?? "{}");
      token = state.access_token;
      assert.equal(state.me, newcomerId);
      await screenshots(page, "walkthrough-home-empty");

      const defaultAvatar = await page.locator(".nav-me img").getAttribute("src");
      await page.locator(".nav-me").click();
      await page.waitForURL(`${rig().url}/@nia`);
      await page.getByRole("link", { name: "Edit profile" }).click();
      await page.waitForURL(`${rig().url}/settings/profile`);
      await page.getByLabel("Display name").fill("Nia Newcomer");
      await page.getByLabel("Bio").fill("New here. Knitting and long walks.");
      await page.getByLabel(/^Avatar/).setInputFiles({
        name: "me.png",
        mimeType: "image/png",
        buffer: await picture("#2e86c1", 256, 256),
      });
      await page.getByRole("button", { name: "Save" }).click();
      await page.getByRole("status").getByText("Saved").waitFor();
      await screenshots(page, "walkthrough-edit-profile");

      // The navigation shows the new name and picture at once.
      await page.locator(".nav-me", { hasText: "Nia Newcomer" }).waitFor();
      const avatar = await page.locator(".nav-me img").getAttribute("src");
      assert.notEqual(avatar, defaultAvatar);
      const row = await rig()
        .ctx.db.selectFrom("accounts")
        .select(["display_name", "note", "avatar_key"])
        .where("id", "=", newcomerId)
        .executeTakeFirstOrThrow();
      assert.equal(row.display_name, "Nia Newcomer");
      assert.match(row.note, /Knitting and long walks/);
      assert.ok(row.avatar_key);
      const file = await fetch(new URL(avatar ?? "", rig().url));
      assert.equal(file.status, 200);
      assert.match(file.headers.get("content-type") ?? "", /^image\//);
    });

    step("finds bob through search and follows him", async () => {
      await page.getByRole("link", { name: "Search" }).first().click();
      await page.getByLabel("Search", { exact: true }).fill("bob");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\?q=bob$/);
      await page.getByRole("link", { name: /@bob/ }).first().click();
      await page.waitForURL(`${rig().url}/@bob`);
      await page.locator("article.status", { hasText: "Hello from Bob" }).waitFor();
      await page.getByRole("button", { name: "Follow @bob" }).click();
      await page.getByRole("button", { name: "Unfollow @bob" }).waitFor();
      await screenshots(page, "walkthrough-profile-bob");
      // Following merges bob's posts into the home timeline (a job).
      await runDueJobs(rig().ctx);
      const follow = await rig()
        .ctx.db.selectFrom("follows")
        .select("id")
        .where("account_id", "=", newcomerId)
        .where("target_account_id", "=", rig().fixtures.bob.id)
        .executeTakeFirst();
      assert.ok(follow, "the follow is stored");
      await page.getByRole("link", { name: "Home" }).first().click();
      await page.locator("article.status", { hasText: "Hello from Bob" }).waitFor();
    });

    step("posts with a content warning and an image with alt text", async () => {
      // The home timeline listens, on the server too, before anything is posted.
      await page.locator('.timeline[data-live="open"]').waitFor();
      await listening(rig(), channels.home(newcomerId));
      const dialog = await openComposer(page);
      await dialog.getByRole("button", { name: "Add a content warning" }).click();
      await dialog.getByRole("textbox", { name: "Content warning" }).fill("First post nerves");
      await dialog.getByLabel("Post text").fill("Hello everyone, #hearthwalk brought me here");
      await dialog.locator('input[type="file"]').setInputFiles({
        name: "scarf.png",
        mimeType: "image/png",
        buffer: await picture("#c0392b", 320, 180),
      });
      const alt = dialog.getByLabel("Alt text for scarf.png");
      await alt.and(page.locator(":enabled")).waitFor();
      await alt.fill("A red knitted scarf");
      // The upload is processed by a job; the composer waits for it.
      await runDueJobs(rig().ctx);
      await dialog.getByText("Processing…").waitFor({ state: "detached" });
      await screenshots(page, "walkthrough-compose");
      await dialog.getByRole("button", { name: "Post", exact: true }).click();
      await page.getByRole("status").getByText("Posted.").waitFor();
      await runDueJobs(rig().ctx);

      const [posted] = await asNewcomer<Status[]>(
        `/api/v1/accounts/${newcomerId}/statuses?limit=1`,
      );
      assert.ok(posted);
      assert.equal(posted.visibility, "public");
      assert.equal(posted.spoiler_text, "First post nerves");
      assert.equal(posted.sensitive, true);
      assert.deepEqual(
        posted.media_attachments.map((m) => m.description),
        ["A red knitted scarf"],
      );
      postId = posted.id;
      // Own posts come into one's home timeline too, behind the content warning.
      const own = page.locator(`article.status[data-status-id="${postId}"]`);
      await page.getByRole("button", { name: "1 new post" }).click();
      await own.getByText("First post nerves").waitFor();
      assert.equal(await own.getByText("brought me here").isVisible(), false);
    });

    step("bob's reply arrives live; the newcomer favourites and boosts it", async () => {
      // Still on the home timeline: "open" is the browser's side, so wait until the server
      // has the subscription too.
      await page.locator('.timeline[data-live="open"]').waitFor();
      await listening(rig(), channels.home(newcomerId));
      const bob = await actAs(rig(), "bob");
      replyId = (await bob.post("@nia Welcome! Lovely scarf.", { in_reply_to_id: postId })).id;
      const more = page.getByRole("button", { name: "1 new post" });
      await more.waitFor();
      await more.click();
      const reply = page.locator(`article.status[data-status-id="${replyId}"]`);
      await reply.getByText("Welcome! Lovely scarf.").waitFor();
      await screenshots(page, "walkthrough-home-reply");

      await reply.getByRole("button", { name: "Favourite" }).click();
      await reply.getByRole("button", { name: "Undo favourite" }).waitFor();
      await reply.getByRole("button", { name: "Boost" }).click();
      await reply.getByRole("button", { name: "Undo boost" }).waitFor();
      const seen = await asNewcomer<Status>(`/api/v1/statuses/${replyId}`);
      assert.equal(seen.favourited, true);
      assert.equal(seen.reblogged, true);
      assert.equal(seen.favourites_count, 1);
    });

    step("two favourites of the post make one grouped notification", async () => {
      for (const name of ["bob", "alice"] as const) {
        const someone = await actAs(rig(), name);
        const res = await rig().send("POST", `/api/v1/statuses/${postId}/favourite`, undefined, {
          headers: { authorization: `Bearer ${someone.token}` },
        });
        assertSpec("POST", `/api/v1/statuses/${postId}/favourite`, res.status, res.body);
      }
      await runDueJobs(rig().ctx);
      await page.getByRole("link", { name: "Notifications" }).first().click();
      await page.waitForURL(`${rig().url}/notifications`);
      const list = page.getByRole("list", { name: "Notifications" });
      const group = list.locator("li.notification-group", { hasText: "favourited your post" });
      await group.waitFor();
      assert.equal(await group.count(), 1, "one group for both favourites");
      assert.equal(
        await group.locator(".notification-summary").textContent(),
        "Alice and Bob favourited your post",
      );
      assert.equal(await group.getByRole("link", { name: /^@(alice|bob)$/ }).count(), 2);
      const grouped = await asNewcomer<{
        notification_groups: { type: string; notifications_count: number }[];
      }>("/api/v2/notifications?types[]=favourite");
      assert.deepEqual(
        grouped.notification_groups.map((g) => [g.type, g.notifications_count]),
        [["favourite", 2]],
      );
      // Bob's reply is there too, as a mention.
      await list.locator("article.status", { hasText: "Lovely scarf" }).waitFor();
      await screenshots(page, "walkthrough-notifications");
    });

    step("searches for accounts and hashtags", async () => {
      await page.getByRole("link", { name: "Search" }).first().click();
      await page.getByLabel("Search", { exact: true }).fill("#hearthwalk");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\?q=%23hearthwalk$/);
      await page.getByRole("link", { name: /^#hearthwalk/ }).waitFor();
      await screenshots(page, "walkthrough-search-hashtag");

      // The People tab keeps the kind while the newcomer searches for someone else.
      const kinds = page.getByRole("navigation", { name: "Results" });
      await kinds.getByRole("link", { name: "People" }).click();
      await page.waitForURL(/\/search\?q=%23hearthwalk&type=accounts$/);
      await page.getByLabel("Search", { exact: true }).fill("alice");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\?q=alice&type=accounts$/);
      const people = page.getByRole("main").getByRole("listitem");
      await people.getByText("@alice", { exact: true }).waitFor();
      assert.equal(await people.getByText("@bob", { exact: true }).count(), 0);
      await screenshots(page, "walkthrough-search-accounts");

      // The hashtag leads to its timeline, where the newcomer's post is.
      await kinds.getByRole("link", { name: "Hashtags" }).click();
      await page.getByLabel("Search", { exact: true }).fill("hearthwalk");
      await page.getByRole("button", { name: "Search" }).click();
      await page.waitForURL(/\/search\?q=hearthwalk&type=hashtags$/);
      await page.getByRole("link", { name: /^#hearthwalk/ }).click();
      await page.waitForURL(`${rig().url}/tags/hearthwalk`);
      await page.locator(`article.status[data-status-id="${postId}"]`).waitFor();
    });

    step("signs out", async () => {
      await page.getByRole("button", { name: "Sign out" }).first().click();
      await page.waitForURL(/\/auth\/sign_in$/);
      assert.deepEqual(await webTokens(), [], "the app's token is revoked");
      await page.goto(`${rig().url}/home`);
      await page.waitForURL(/\/auth\/sign_in\?return_to=%2Fhome$/);
      // Chromium logs the refused requests (401) and the stream's failed reconnection.
      const unexpected = problems.filter((p) => !/401|WebSocket/.test(p));
      assert.deepEqual(unexpected, []);
    });

    step("a visitor without JavaScript reads the public profile and post", async () => {
      const visitor = await browser().newContext({ viewport: DESKTOP, javaScriptEnabled: false });
      try {
        const view = await visitor.newPage();
        const viewProblems = watch(view);
        const profile = await view.goto(`${rig().url}/@nia`);
        assert.equal(profile?.status(), 200);
        assert.equal(await view.locator("h1").textContent(), "Nia Newcomer");
        await view.getByText("New here. Knitting and long walks.").waitFor();
        const avatar = await view.locator("img.avatar").first().getAttribute("src");
        assert.ok(avatar);
        assert.equal((await fetch(new URL(avatar, rig().url))).status, 200);
        assert.ok(!avatar.includes("/assets/"), "the uploaded avatar, not the default");
        await screenshots(view, "walkthrough-public-profile");

        await view.locator(`a[href$="/@nia/${postId}"]`).first().click();
        await view.waitForURL(`${rig().url}/@nia/${postId}`);
        const cw = view.locator("details.cw").first();
        await cw.locator("summary", { hasText: "First post nerves" }).waitFor();
        assert.equal(await cw.getAttribute("open"), null, "the CW starts collapsed");
        assert.equal(await view.getByText("brought me here").isVisible(), false);
        await screenshots(view, "walkthrough-public-post");
        // Opening it needs no script: <details> is HTML.
        await cw.locator("summary", { hasText: "First post nerves" }).click();
        await view.getByText("brought me here").waitFor();
        // The sensitive image waits behind its own summary, with its alt text.
        const image = view.getByRole("img", { name: "A red knitted scarf" });
        assert.equal(await image.isVisible(), false);
        await cw.getByText("Sensitive media (1 attachment)").click();
        await image.waitFor();
        // Bob's reply is in the thread.
        await view.getByText("Welcome! Lovely scarf.").waitFor();
        assert.deepEqual(viewProblems, []);
      } finally {
        await visitor.close();
      }
    });
  },
  { listen: true },
);
