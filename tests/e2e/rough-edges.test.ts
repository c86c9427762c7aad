import { beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const SEED_TITLE = "U.S. - Azerbaijani Relations";

const e2e = appAndBrowser();
let seedId: number;

beforeAll(async () => {
  const { context, page } = await e2e.signIn("analyst");
  await page.goto("/statements?speaker=USA&counterpart=AZE");
  seedId = Number((await page.getByRole("link", { name: SEED_TITLE }).getAttribute("href"))!.split("/").pop());
  await context.close();
});

/** A line of a JavaScript stack trace, as Node prints one under an uncaught error. */
const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe("a page the role may not open", () => {
  it("answers 403 with a readable page, and the server logs no stack trace for it", async () => {
    const { context, page } = await e2e.signIn("analyst");
    const logBefore = e2e.app.log().length;
    for (const path of ["/import", "/import/bulk", "/admin/users", "/admin/audit", "/review"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Not for your role" }).count()).resolves.toBe(1);
      expect(await page.locator(".error[role=alert]").textContent()).toContain("Your role (analyst) cannot open this page");
    }
    // the codebook is for everyone to read; its editing forms are for managers only
    const codebook = await page.goto("/codebook");
    expect(codebook?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "New theme" }).count()).resolves.toBe(0);
    await new Promise((r) => setTimeout(r, 500)); // let the server flush its log
    expect(e2e.app.log().slice(logBefore)).not.toMatch(STACK_LINE);
    await context.close();
  });
});

describe("on a 390 px wide phone", () => {
  it("no page scrolls sideways", async () => {
    const { context, page } = await e2e.signIn("manager");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/dashboard", "/statements", `/statements/${seedId}`, "/import", "/reports", "/admin/audit", `/review/${seedId}`]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const wide = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const culprits = [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > limit + 1 && !e.closest("table, .recharts-wrapper"))
          .slice(0, 3)
          .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
        return { scrollWidth: document.documentElement.scrollWidth, culprits };
      });
      expect(wide.scrollWidth, `${path} is ${wide.scrollWidth}px wide: ${wide.culprits.join(", ")}`).toBeLessThanOrEqual(390);
    }
    await context.close();
  });
});

describe("the tagging reader", () => {
  it("adds a theme to a passage by pointer: a select and an Add theme button", async () => {
    const { context, page } = await e2e.signIn("staff");
    await page.goto(`/review/${seedId}`);
    await page.locator(".reader[data-keys-ready]").waitFor();
    const passage = page.getByTestId("reader-passage").first();
    const select = passage.getByLabel("Theme to add to ¶1");
    const options = await select.locator("option").allTextContents();
    const theme = options.find((o) => o !== "Add a theme…")!;
    expect(theme).toBeTruthy();
    await select.selectOption({ label: theme });
    await passage.getByRole("button", { name: "Add theme" }).click();
    await page
      .getByTestId("reader-message")
      .filter({ hasText: `${theme} added to ¶1` })
      .waitFor();
    await passage.locator("[data-testid=tag]", { hasText: `${theme} · person · accepted` }).waitFor();
    // once on the passage, the theme is no longer offered
    await expect(passage.getByLabel("Theme to add to ¶1").locator("option", { hasText: theme }).count()).resolves.toBe(0);
    await context.close();
  });
});
