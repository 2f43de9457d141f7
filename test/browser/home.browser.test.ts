// The home page as a person sees it in a real browser: title, description, rules, and no
// console errors (our CSP must not block our own page).
import assert from "node:assert/strict";
import { test } from "node:test";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { insertRule } from "../../src/repos/rules.ts";
import { browserSkipReason, useBrowser } from "../rig/browser.ts";
import { describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

const skip = browserSkipReason();

describeEachDatabase(
  "home page in Chromium",
  (rig) => {
    const browser = useBrowser();

    test("shows the server's name, description and rules", { skip }, async () => {
      const { db } = rig().ctx;
      await saveSetting(db, "title", "Kitchen <Table>", new Date(FIXED_TIME));
      await insertRule(db, {
        id: "5",
        text: "Be kind & patient",
        hint: "",
        position: 1,
        created_at: FIXED_TIME,
        updated_at: FIXED_TIME,
      });
      const page = await browser().newPage();
      const problems: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      try {
        const response = await page.goto(`${rig().url}/`);
        assert.equal(response?.status(), 200);
        assert.equal(await page.title(), "Kitchen <Table>");
        assert.equal(await page.locator("h1").textContent(), "Kitchen <Table>");
        assert.deepEqual(await page.locator("ol li").allTextContents(), ["Be kind & patient"]);
        assert.match(
          (await page.locator("body").textContent()) ?? "",
          new RegExp(rig().config.domain.replace(/\./g, "\\.")),
        );
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  },
  { listen: true },
);
