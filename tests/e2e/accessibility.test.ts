import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Pages as an analyst or manager sees them, charts opened as tables too, so the check covers every view. */
const PAGES: { name: string; path: string; openTables?: boolean }[] = [
  { name: "dashboard, one pair, yearly", path: "/dashboard?pair=USA>RUS&theme=counterterrorism&interval=year", openTables: true },
  {
    name: "dashboard, compare mode with tone",
    path: "/dashboard?pair=USA>AZE&pair=RUS>AZE&theme=energy-security&theme=democracy&interval=year",
    openTables: true,
  },
  {
    name: "dashboard, both directions, share of statements",
    path: "/dashboard?pair=ARM>AZE&both=1&scale=share&interval=year",
    openTables: true,
  },
  { name: "drill-down", path: "/drill?speaker=ARM&counterpart=AZE&theme=nagorno-karabakh&interval=year&period=2001" },
  { name: "search", path: "/search?q=energy+security" },
  { name: "statements", path: "/statements?speaker=USA&counterpart=AZE" },
  { name: "codebook", path: "/codebook" },
  { name: "import", path: "/import" },
  { name: "bulk import", path: "/import/bulk" },
  { name: "followed sources", path: "/import/feeds" },
  { name: "API tokens", path: "/tokens" },
  { name: "review queue", path: "/review" },
  { name: "agreement samples", path: "/review/agreement" },
  { name: "tagger quality", path: "/review/quality" },
  { name: "users", path: "/admin/users" },
  { name: "audit log", path: "/admin/audit" },
  { name: "event markers", path: "/admin/events" },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const e2e = appAndBrowser();
let page: Page;

beforeAll(async () => {
  ({ page } = await e2e.signIn("manager"));
});

/** Runs axe (WCAG 2.x A and AA rules) on the page as it stands and returns the serious and critical findings. */
async function seriousViolations(target: Page): Promise<string[]> {
  await target.addScriptTag({ path: AXE_SOURCE });
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: object): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("accessibility (axe, WCAG 2.1 AA)", () => {
  it("the sign-in page has no serious violations", async () => {
    const visitor = await e2e.browser.newPage({ baseURL: e2e.app.baseUrl });
    await visitor.goto("/signin");
    expect(await seriousViolations(visitor)).toEqual([]);
    await visitor.close();
  });

  for (const { name, path, openTables } of PAGES) {
    it(`${name} has no serious violations${openTables ? ", with every chart shown as a table" : ""}`, async () => {
      await page.goto(path);
      if (openTables) {
        await page.locator(".recharts-surface").first().waitFor();
        const summaries = await page.locator("summary", { hasText: "View as table" }).all();
        for (const summary of summaries) await summary.click();
        await page.waitForFunction((n) => document.querySelectorAll("details[open] table").length === n, summaries.length);
      }
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it("a statement with its evidence and tag editor, its history and its tagging reader have no serious violations", async () => {
    await page.goto("/statements?speaker=USA&counterpart=AZE");
    await page.getByRole("link", { name: "U.S. - Azerbaijani Relations" }).click();
    await page.getByTestId("passage").first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const statementUrl = page.url();
    await page.getByRole("link", { name: "History" }).click();
    await page.waitForURL("**/history");
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(statementUrl);
    await page.getByRole("link", { name: "Review and tag passages" }).click();
    await page.waitForURL("**/review/*");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("every chart's table view is reachable from the keyboard", async () => {
    await page.goto("/dashboard?pair=USA>AZE&theme=energy-security&interval=year");
    await page.locator(".recharts-surface").first().waitFor();
    const toggles = await page.locator("summary", { hasText: "View as table" }).count();
    expect(toggles).toBeGreaterThan(1);
    const reached = new Set<string>();
    for (let i = 0; i < 200 && reached.size < toggles; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (el?.tagName !== "SUMMARY") return null;
        return el.closest("section")?.querySelector("h2")?.textContent ?? "?";
      });
      if (focused) reached.add(focused);
    }
    expect(reached.size).toBe(toggles);
  });
});
