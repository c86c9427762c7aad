import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { parse } from "csv-parse/sync";
import { DOMParser } from "linkedom";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const e2e = appAndBrowser();

async function download(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe's serious and critical findings (WCAG 2.1 A and AA) on the page as it stands, as in accessibility.test.ts. */
async function seriousViolations(target: Page): Promise<string[]> {
  await target.addScriptTag({ path: AXE_SOURCE });
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return (await axe.run({ runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } })).violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("an analyst at the desk", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await e2e.signIn("analyst"));
  });
  afterAll(() => context?.close());

  let pair = "";
  let title = "";

  it("finds the largest shift in the demo data on the front page", async () => {
    await page.goto("/dashboard");
    await page.getByRole("heading", { name: "What changed" }).waitFor();
    const largest = page.getByRole("list", { name: "Changes across all pairs" }).getByTestId("change").first();
    const line = (await largest.locator("strong").textContent())!;
    pair = (await largest.getAttribute("data-pair"))!;
    // The same detector through the API, largest first: the front page's first line is its first change.
    const api = (await (await page.request.get("/api/v1/changes?limit=1")).json()) as {
      changes: { speaker: string; counterpart: string; summary: string }[];
    };
    expect(api.changes[0]!.summary).toBe(line);
    expect(pair).toBe(`${api.changes[0]!.speaker}-${api.changes[0]!.counterpart}`);
    expect((await largest.getByRole("listitem").count()) > 0).toBe(true); // the statements behind it
    await largest.getByRole("link", { name: `${pair.replace("-", "–")} page` }).click();
    await page.waitForURL(`**/pairs/${pair}`);
  });

  it("streams each direction's most quoted passages in after the page, as an answer, never a spinner left behind", async () => {
    const quoted = page.getByRole("heading", { name: /^Most quoted/ });
    expect(await quoted.count()).toBe(2); // one per direction
    await page.getByText("Looking for later statements").first().waitFor({ state: "detached" });
    const answers = await page.getByTestId("quoted-passage").count();
    const nothing = await page.getByText(/^No passage on a theme was first said here/).count();
    expect(answers + nothing).toBeGreaterThanOrEqual(2);
  });

  it("exports the pair's chart as a PNG and a CSV with exactly the chart's points, and an SVG that matches the screen", async () => {
    const side = page.getByTestId(`direction-${pair}`);
    title = (await side.getByRole("heading", { level: 2 }).textContent())!;
    const chart = side.locator("figure.chart-export").first();
    await chart.locator("[data-testid=chart-point]").first().waitFor({ state: "attached" });
    const dotsOnScreen = await chart.locator("[data-testid=chart-point]").count();
    const linesOnScreen = await chart.locator(".recharts-line-curve").count();
    expect(dotsOnScreen).toBeGreaterThan(0);
    const downloads = chart.getByRole("group", { name: `Download: ${title}: share of passages per year` });

    const png = await download(page, downloads.getByRole("button", { name: "PNG" }));
    expect(png.name).toMatch(/share-of-passages-per-year\.png$/);
    expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const box = (await chart.locator(".recharts-wrapper > svg").boundingBox())!;
    expect(png.bytes.readUInt32BE(16)).toBe(2 * Math.round(box.width)); // IHDR width: the chart at twice its size
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(2 * Math.round(box.height)); // plus title, legend and source
    expect(png.bytes.length).toBeGreaterThan(10_000);

    const csv = await download(page, downloads.getByRole("button", { name: "CSV" }));
    const rows = parse(csv.bytes.toString("utf8"), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(dotsOnScreen);
    expect(Object.keys(rows[0]!)).toEqual(["period", "series", "pair", "theme", "value", "statements"]);

    const svg = await download(page, downloads.getByRole("button", { name: "SVG" }));
    const picture = new DOMParser().parseFromString(svg.bytes.toString("utf8"), "image/svg+xml");
    expect(picture.querySelectorAll("[data-testid=chart-point]").length).toBe(dotsOnScreen);
    expect(picture.querySelectorAll(".recharts-line-curve").length).toBe(linesOnScreen);
    const texts = [...picture.querySelectorAll("text")].map((t) => t.textContent);
    expect(texts).toContain(`${title}: share of passages per year`);
    expect(texts.some((t) => t?.startsWith("Source: Dyad"))).toBe(true);
  });

  it("saves the filters as a view, sees it on the front page, reads its feed without signing in, and shares a short link", async () => {
    await page.goto(`/dashboard?pair=${pair.replace("-", ">")}&theme=nagorno-karabakh&theme=democracy`);
    const form = page.getByRole("form", { name: "Save this view" });
    await form.getByLabel("Save these filters as").fill("Desk test");
    await form.getByRole("button", { name: "Save view" }).click();
    const feedUrl = (await form.getByRole("status").locator("code").textContent())!;
    expect(feedUrl).toMatch(/\/feeds\/feed_/);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("application/atom+xml");
    const atom = new DOMParser().parseFromString(await feed.text(), "text/xml");
    expect(atom.querySelector("feed > title")?.textContent).toBe("Dyad · Desk test: what changed");

    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Desk test" }).click();
    await page.waitForURL(/theme=democracy/);

    await page.getByRole("button", { name: "Short link to this view" }).click();
    const short = (await page.getByTestId("short-link").textContent())!;
    expect(short).toMatch(/\/v\/[\w-]{8}$/);
    await page.goto(short);
    await page.waitForURL(/\/dashboard\?.*theme=democracy/);
  });

  it("the desk's pages have no serious accessibility violations", async () => {
    for (const path of ["/dashboard", `/pairs/${pair}`, "/countries/AZE", "/views"]) {
      await page.goto(path);
      if (path.startsWith("/pairs")) await page.locator(".recharts-line-curve").first().waitFor();
      expect({ path, violations: await seriousViolations(page) }).toEqual({ path, violations: [] });
    }
  });
});
