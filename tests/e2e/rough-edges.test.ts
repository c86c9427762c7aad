import { beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const e2e = appAndBrowser();
let seedId: number;

beforeAll(async () => {
  seedId = await e2e.seedStatementId();
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

describe("an event marker on a chart", () => {
  it("shows its whole label, not cut off at the top of the chart", async () => {
    const { context, page } = await e2e.signIn("staff");
    const dashboard = "/dashboard?pair=USA>AZE&theme=energy-security&interval=year";
    await page.goto(dashboard);
    const form = page.getByRole("form", { name: "Add an event marker" });
    await form.getByLabel("Date").fill("2010-06-01");
    await form.getByLabel("Event").fill("Pipeline accord signed");
    await form.getByLabel("Shown on").selectOption({ value: "USA>AZE" });
    await form.getByRole("button", { name: "Add event" }).click();
    await form.getByText("Event added.").waitFor();
    await page.goto(dashboard);
    const label = page.locator(".recharts-wrapper svg text", { hasText: "Pipeline accord signed" }).first();
    await label.waitFor();
    const room = await label.evaluate((text) => {
      const chart = text.closest("svg")!.getBoundingClientRect();
      const box = text.getBoundingClientRect();
      return { above: box.top - chart.top, height: box.height };
    });
    expect(room.height).toBeGreaterThan(0);
    expect(room.above, "the label's top lies above the chart's drawing").toBeGreaterThanOrEqual(0);
    await context.close();
  });
});
