// The app's other screens in Chromium, as a person uses them: grouped notifications with
// type filters and follow requests to accept; a profile (follow state, mute, a private note,
// followers); lists with members; search; explore; bookmarks, favourites, followed hashtags
// and direct messages; preferences (posting defaults, theme); filters, mutes and domain
// blocks. Each checks what the server then holds. Screenshots at phone and desktop widths go
// to test-output/screenshots/.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { setPassword } from "../api/oauth-kit.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { actAs, openApp, screenshots } from "./web-app-kit.ts";

const skip = browserSkipReason();

interface Account {
  id: string;
  source: { privacy: string };
}
interface Relationship {
  following: boolean;
  muting: boolean;
  note: string;
  followed_by: boolean;
}

describeEachDatabase(
  "the app's screens in Chromium",
  (rig) => {
    const browser = useBrowser();
    let alicePost = "";

    before(async () => {
      if (skip !== undefined) return;
      await setPassword(rig(), "alice");
      const alice = await actAs(rig(), "alice");
      await alice.follow(rig().fixtures.bob.id);
      alicePost = (await alice.post("Alice's thoughts on #gardening")).id;
      const bob = await actAs(rig(), "bob");
      await bob.post("Hello @alice, how are the tomatoes?");
      await bob.post("A quiet word for @alice", { visibility: "direct" });
      await rig().send("POST", `/api/v1/statuses/${alicePost}/favourite`, undefined, {
        headers: { authorization: `Bearer ${bob.token}` },
      });
      await runDueJobs(rig().ctx);
    });

    test("notifications: grouped, filtered by type, follow requests accepted", {
      skip,
    }, async () => {
      const { context, page, problems } = await openApp(
        browser(),
        rig(),
        "alice",
        "/notifications",
      );
      try {
        const list = page.getByRole("list", { name: "Notifications" });
        await list.getByText("Bob favourited your post").waitFor();
        await list.locator("article.status", { hasText: "how are the tomatoes" }).waitFor();
        await screenshots(page, "notifications");

        await page.getByRole("link", { name: "Mentions" }).click();
        await page.waitForURL(/\/notifications\?tab=mentions$/);
        await list.locator("article.status", { hasText: "how are the tomatoes" }).waitFor();
        assert.equal(await list.getByText("Bob favourited your post").count(), 0);

        // A locked account gets follow requests: accept one from the list.
        await rig()
          .ctx.db.updateTable("accounts")
          .set({ locked: true })
          .where("id", "=", rig().fixtures.alice.id)
          .execute();
        const admin = await actAs(rig(), "admin");
        await admin.follow(rig().fixtures.alice.id);
        await page.goto(`${rig().url}/notifications`);
        await page.getByRole("link", { name: "1 follow request is waiting for you" }).click();
        await page.waitForURL(/\/follow_requests$/);
        await screenshots(page, "follow-requests");
        await page.getByRole("button", { name: "Accept @admin" }).click();
        await page.getByText("No one is waiting for your approval.").waitFor();
        const [seen] = await admin.get<Relationship[]>(
          `/api/v1/accounts/relationships?id[]=${rig().fixtures.alice.id}`,
        );
        assert.equal(seen?.following, true);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("a profile: follow state, mute and unmute, a private note, followers", {
      skip,
    }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice", "/@bob");
      try {
        await page.getByRole("button", { name: "Unfollow @bob" }).waitFor();
        await page.locator("article.status", { hasText: "how are the tomatoes" }).waitFor();
        await screenshots(page, "profile");
        await page.getByRole("button", { name: "Mute @bob" }).click();
        await page.getByRole("button", { name: "Unmute @bob" }).waitFor();
        const alice = await actAs(rig(), "alice");
        const relationship = async () =>
          (
            await alice.get<Relationship[]>(
              `/api/v1/accounts/relationships?id[]=${rig().fixtures.bob.id}`,
            )
          )[0];
        assert.equal((await relationship())?.muting, true);
        await page.getByRole("button", { name: "Unmute @bob" }).click();
        await page.getByRole("button", { name: "Mute @bob" }).waitFor();
        await page.getByLabel("Your private note").fill("Met at the allotment");
        await page.getByLabel("Your private note").blur();
        await page.getByText("Note saved").waitFor();
        assert.equal((await relationship())?.note, "Met at the allotment");
        assert.equal((await relationship())?.muting, false);

        await page
          .getByRole("link", { name: /^\d+ followers?$/ })
          .first()
          .click();
        await page.waitForURL(/\/@bob\?tab=followers$/);
        await page.getByRole("list", { name: "followers" }).getByText("@alice").waitFor();

        // One's own profile offers the profile settings instead: edit it in the app.
        await page.goto(`${rig().url}/@alice`);
        await page.getByRole("link", { name: "Edit profile" }).click();
        await page.waitForURL(/\/settings\/profile$/);
        await page.getByLabel("Display name").fill("Alice Gardener");
        await page.getByLabel("Bio").fill("Tomatoes, mostly.");
        await page.getByLabel("Label 1").fill("Plot");
        await page.getByLabel("Content 1").fill("No. 12");
        await screenshots(page, "edit-profile");
        await page.getByRole("button", { name: "Save" }).click();
        await page.getByRole("status").getByText("Saved").waitFor();
        const own = await alice.get<{
          display_name: string;
          note: string;
          fields: { name: string; value: string }[];
        }>("/api/v1/accounts/verify_credentials");
        assert.equal(own.display_name, "Alice Gardener");
        assert.match(own.note, /Tomatoes, mostly\./);
        assert.deepEqual(
          own.fields.map((f) => [f.name, f.value]),
          [["Plot", "No. 12"]],
        );
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("lists with members, search, explore", { skip }, async () => {
      const { context, page, problems } = await openApp(browser(), rig(), "alice", "/lists");
      try {
        await page.getByLabel("Title").fill("Gardeners");
        await page.getByRole("button", { name: "Create list" }).click();
        await page.getByRole("link", { name: "Gardeners" }).waitFor();
        await page.getByRole("link", { name: "Members" }).click();
        await page.getByLabel("Find people you follow").fill("bob");
        await page.getByRole("button", { name: "Search" }).click();
        await page.getByRole("button", { name: "Add @bob to the list" }).click();
        await page.getByRole("button", { name: "Remove @bob from the list" }).waitFor();
        await screenshots(page, "list-members");
        const alice = await actAs(rig(), "alice");
        const [list] = await alice.get<{ id: string; title: string }[]>("/api/v1/lists");
        assert.equal(list?.title, "Gardeners");
        const members = await alice.get<{ acct: string }[]>(`/api/v1/lists/${list?.id}/accounts`);
        assert.deepEqual(
          members.map((m) => m.acct),
          ["bob"],
        );

        await page.goto(`${rig().url}/search`);
        await page.getByLabel("Search").fill("tomatoes");
        await page.getByRole("button", { name: "Search" }).click();
        await page.waitForURL(/\/search\?q=tomatoes$/);
        await page.locator("article.status", { hasText: "how are the tomatoes" }).waitFor();
        await page.goto(`${rig().url}/search?q=bob&type=accounts`);
        await page.getByRole("link", { name: /@bob/ }).first().waitFor();
        await screenshots(page, "search");

        await page.goto(`${rig().url}/explore?tab=hashtags`);
        await page
          .getByRole("navigation", { name: "Explore" })
          .getByRole("link", { name: "Hashtags", exact: true })
          .waitFor();
        await page.goto(`${rig().url}/explore?tab=directory`);
        await page.locator("main h1", { hasText: "Explore" }).waitFor();
        await screenshots(page, "explore");
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("bookmarks, favourites, followed hashtags, direct messages", { skip }, async () => {
      const alice = await actAs(rig(), "alice");
      const [bobPost] = await alice.get<{ id: string; content: string }[]>(
        `/api/v1/accounts/${rig().fixtures.bob.id}/statuses?exclude_replies=true`,
      );
      assert.ok(bobPost);
      await rig().send("POST", `/api/v1/statuses/${bobPost.id}/bookmark`, undefined, {
        headers: { authorization: `Bearer ${alice.token}` },
      });
      await rig().send("POST", "/api/v1/tags/gardening/follow", undefined, {
        headers: { authorization: `Bearer ${alice.token}` },
      });
      const { context, page, problems } = await openApp(browser(), rig(), "alice", "/bookmarks");
      try {
        await page.locator("article.status").first().waitFor();
        await page.goto(`${rig().url}/favourites`);
        await page.getByText("You have not favourited any posts yet.").waitFor();
        await page.goto(`${rig().url}/followed_tags`);
        await page.getByRole("link", { name: "#gardening" }).waitFor();
        await page.getByRole("button", { name: "Unfollow #gardening" }).click();
        await page.getByText("You follow no hashtags.", { exact: false }).waitFor();
        await page.goto(`${rig().url}/conversations`);
        await page.locator("article.status", { hasText: "A quiet word" }).waitFor();
        await screenshots(page, "conversations");
        const tags = await alice.get<unknown[]>("/api/v1/followed_tags");
        assert.equal(tags.length, 0);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("preferences, filters, mutes and domain blocks", { skip }, async () => {
      const { context, page, problems } = await openApp(
        browser(),
        rig(),
        "alice",
        "/settings/preferences",
      );
      try {
        await page.getByLabel("Default visibility").selectOption("private");
        await page.getByRole("button", { name: "Save" }).first().click();
        await page.getByRole("status").getByText("Saved").waitFor();
        const alice = await actAs(rig(), "alice");
        const me = await alice.get<Account>("/api/v1/accounts/verify_credentials");
        assert.equal(me.source.privacy, "private");
        await page.getByLabel("Theme").selectOption("dark");
        assert.equal(await page.locator("html").getAttribute("data-theme"), "dark");
        await page.getByLabel("Reduce motion in the interface").check();
        assert.equal(await page.locator("html").getAttribute("data-reduce-motion"), "");
        await page.getByRole("link", { name: "Two-factor authentication" }).waitFor();
        await screenshots(page, "preferences");

        await page.getByRole("link", { name: "Filters" }).click();
        await page.getByLabel("Name").fill("No spoilers");
        await page.getByLabel("Words and phrases, one per line").fill("finale\nplot twist");
        await page.getByRole("button", { name: "Create filter" }).click();
        await page.getByText("finale, plot twist", { exact: false }).waitFor();
        await screenshots(page, "filters");
        const filters =
          await alice.get<{ title: string; keywords: { keyword: string }[] }[]>("/api/v2/filters");
        assert.deepEqual(
          filters.map((f) => [f.title, f.keywords.map((k) => k.keyword).sort()]),
          [["No spoilers", ["finale", "plot twist"]]],
        );
        await page.getByRole("button", { name: "Delete the filter No spoilers" }).click();
        await page.getByText("No filters yet.").waitFor();

        await rig().send("POST", `/api/v1/accounts/${rig().fixtures.bob.id}/mute`, undefined, {
          headers: { authorization: `Bearer ${alice.token}` },
        });
        await page.goto(`${rig().url}/mutes`);
        await page.getByRole("button", { name: "Unmute @bob" }).click();
        await page.getByText("You have not muted anyone.").waitFor();

        page.on("dialog", (dialog) => void dialog.accept());
        await page.goto(`${rig().url}/domain_blocks`);
        await page.getByLabel("Domain", { exact: true }).fill("spam.example");
        await page.getByRole("button", { name: "Block domain" }).click();
        await page.getByRole("button", { name: "Unblock spam.example" }).waitFor();
        assert.deepEqual(await alice.get<string[]>("/api/v1/domain_blocks"), ["spam.example"]);
        await page.getByRole("button", { name: "Unblock spam.example" }).click();
        await page.getByText("You have not blocked any domain.").waitFor();
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  },
  { listen: true },
);
