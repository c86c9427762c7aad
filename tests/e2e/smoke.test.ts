import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { appAndBrowser, SEED_TITLE } from "./support/suite";

const FOUR_THEMES = ["Energy security", "Counterterrorism", "Nagorno-Karabakh", "Democracy"];

const e2e = appAndBrowser();

async function openSeedStatement(page: Page): Promise<void> {
  await page.goto(`/statements?speaker=USA&counterpart=AZE`);
  await page.getByRole("link", { name: SEED_TITLE }).click();
  await page.getByRole("heading", { level: 1, name: SEED_TITLE }).waitFor();
}

describe("signing in", () => {
  it("sends a visitor to the sign-in page, which lists the demo accounts", async () => {
    const page = await e2e.browser.newPage({ baseURL: e2e.app.baseUrl });
    await page.goto("/dashboard");
    expect(new URL(page.url()).pathname).toBe("/signin");
    for (const account of DEMO_ACCOUNTS) await expect(page.getByText(account.email).count()).resolves.toBe(1);
    await page.close();
  });

  it("refuses a wrong password with a clear message", async () => {
    const page = await e2e.browser.newPage({ baseURL: e2e.app.baseUrl });
    await page.goto("/signin");
    await page.getByLabel("Email").fill("analyst@dyad.local");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator(".error[role=alert]").textContent()).resolves.toContain("do not match");
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.close();
  });
});

describe.each(["analyst", "staff", "manager", "admin"] as const)("signed in as %s", (role) => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await e2e.signIn(role));
  });
  afterAll(() => context?.close());

  it("sees a chart drawn from real rows, with a table view", async () => {
    await page.goto("/dashboard?pair=USA>RUS&theme=counterterrorism&interval=year");
    await page.locator(".recharts-line-curve").first().waitFor();
    const table = page.locator("details").first();
    await table.getByText("View as table").click();
    await table.locator("table tbody tr").first().waitFor();
    const rows = await table.locator("table tbody tr").count();
    expect(rows).toBeGreaterThan(5);
  });

  it("reads the seed statement: clean text, pair USA → AZE, the four themes", async () => {
    await openSeedStatement(page);
    const text = await page.getByTestId("passage").allTextContents();
    expect(text.join("\n")).not.toContain("Breaking News");
    expect(text.join("\n")).not.toContain("Accessibility links");
    expect(await page.getByTestId("pairs").locator("strong").textContent()).toBe("USA → AZE");
    expect(await page.getByTestId("pairs").getByRole("link", { name: "USA → AZE" }).getAttribute("href")).toBe("/pairs/USA-AZE");
    const themes = await page.getByTestId("themes").textContent();
    for (const theme of FOUR_THEMES) expect(themes).toContain(theme);
  });

  const canTag = role !== "analyst";
  it(canTag ? "can tag the statement" : "cannot tag", async () => {
    await openSeedStatement(page);
    const editor = page.getByRole("heading", { name: "Themes (staff)" });
    expect(await editor.count()).toBe(canTag ? 1 : 0);
    if (!canTag) return;
    const [change, theme] = (
      { staff: ["Add", "Elections"], manager: ["Add", "Trade and economic cooperation"], admin: ["Remove", "Human rights"] } as const
    )[role];
    await page.getByRole("button", { name: `${change} ${theme}` }).click();
    await page.getByRole("button", { name: `${change === "Add" ? "Remove" : "Add"} ${theme}` }).waitFor();
    const themes = await page.getByTestId("themes").textContent();
    if (change === "Add") expect(themes).toContain(theme);
    else expect(themes).not.toContain(theme);
  });

  const canExport = role === "manager" || role === "admin";
  it(canExport ? "can download the statements behind the chart as CSV" : "cannot export", async () => {
    await page.goto("/dashboard?pair=USA>AZE&theme=energy-security&interval=year");
    const link = page.getByRole("link", { name: "Download CSV" });
    expect(await link.count()).toBe(canExport ? 1 : 0);
    const response = await context.request.get("/api/export/statements?speaker=USA&counterpart=AZE&theme=energy-security");
    if (!canExport) {
      expect(response.status()).toBe(403);
      expect(await response.text()).not.toContain(SEED_TITLE);
      return;
    }
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const { readFile } = await import("node:fs/promises");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("id,date,date_precision,title");
    expect(csv).toContain(SEED_TITLE);
  });
});

describe("from a chart to the passages behind it", () => {
  it("filters by URL, opens a point from the table view and sees the evidence", async () => {
    const { context, page } = await e2e.signIn("analyst");
    await page.goto("/dashboard?pair=ARM>AZE&theme=nagorno-karabakh&interval=year");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Armenia → Azerbaijan");
    expect(await page.getByRole("checkbox", { name: "Nagorno-Karabakh", exact: true }).isChecked()).toBe(true);
    await page.getByLabel("Compare with pair 2").focus();
    await page.locator("#pair-options option[value='ARM>AZE']").waitFor({ state: "attached" });
    const frequency = page.locator("section", { has: page.getByRole("heading", { name: /^Theme frequency/ }) });
    await frequency.getByText("View as table").click();
    await frequency.locator("table tbody a").first().click();
    await page.waitForURL("**/drill?**");
    expect(await page.getByTestId("drill-passage").count()).toBeGreaterThan(0);
    expect(await page.locator("mark.evidence").first().textContent()).toMatch(/Karabakh|Karabagh|Minsk Group|Artsakh/i);
    await context.close();
  });
});

describe("a stale edit", () => {
  it("is refused with a message, and the other person's change stands", async () => {
    const { context, page } = await e2e.signIn("staff");
    const other = await context.newPage();
    await openSeedStatement(page);
    await openSeedStatement(other);
    await other.getByRole("button", { name: "Remove Democracy" }).click();
    await other.getByRole("button", { name: "Add Democracy" }).waitFor();
    await page.getByRole("button", { name: "Remove Energy security" }).click();
    await expect(page.locator(".error[role=alert]").textContent()).resolves.toContain("Someone else changed this statement");
    await page.reload();
    expect(await page.getByTestId("themes").textContent()).toContain("Energy security");
    expect(await page.getByTestId("themes").textContent()).not.toContain("Democracy");
    await context.close();
  });
});
