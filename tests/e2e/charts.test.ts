import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

/** Screenshots of the drawn charts, for a person to look at; the run keeps them. */
const SHOTS = process.env.DYAD_SCREENSHOTS ?? "/tmp/dyad-chart-shots";

const e2e = appAndBrowser();
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  ({ context, page } = await e2e.signIn("analyst"));
  await page.setViewportSize({ width: 1280, height: 1000 });
});

afterAll(async () => {
  await context?.close();
});

const section = (title: RegExp) => page.locator("section", { has: page.getByRole("heading", { name: title }) });
const frequency = () => section(/^Theme frequency/);
const tone = () => section(/^Tone of the passages/);

/** A chart is either drawn with points, or says in a sentence why it is blank: never an unexplained blank. */
async function drawnOrExplained(card: Locator, kind: "frequency" | "tone"): Promise<"drawn" | string> {
  await card.locator(`[data-testid=${kind}-chart] [data-testid=chart-point], [data-testid=${kind}-blank]`).first().waitFor();
  const blank = card.getByTestId(`${kind}-blank`);
  if ((await blank.count()) > 0) return (await blank.textContent())!;
  return "drawn";
}

async function centreOf(point: Locator): Promise<{ x: number; y: number }> {
  await point.scrollIntoViewIfNeeded();
  const box = (await point.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe("on a fresh start, signed in as analyst", () => {
  it.each([
    ["the default dashboard", "/dashboard", "default"],
    ["ARM ↔ AZE", "/dashboard?pair=ARM>AZE&both=1", "arm-aze"],
    ["USA → AZE", "/dashboard?pair=USA>AZE", "usa-aze"],
  ])("%s shows frequency and tone, drawn", async (_name, url, shot) => {
    await page.goto(url);
    expect(await drawnOrExplained(frequency(), "frequency")).toBe("drawn");
    expect(await drawnOrExplained(tone(), "tone")).toBe("drawn");
    // the legend groups by pair: each pair's name, then its themes
    expect(await frequency().getByTestId("chart-legend").locator(".chart-legend-pair-name").count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  });

  it("USA → AZE has the seed statement in 2010, the date the demo gives it", async () => {
    await page.goto("/dashboard?pair=USA>AZE&theme=energy-security");
    await frequency().locator("[data-testid=chart-point][data-period='2010']").first().waitFor({ state: "attached" });
  });
});

describe("hovering and clicking a drawn point", () => {
  it("shows value, n and the interval in the tooltip, and opens the passages behind the point", async () => {
    await page.goto("/dashboard?pair=ARM>AZE&theme=nagorno-karabakh&interval=year");
    const point = tone().locator("[data-testid=chart-point][data-series='ARM→AZE|nagorno-karabakh']").last();
    await point.waitFor();
    const period = (await point.getAttribute("data-period"))!;
    const at = await centreOf(point);
    await page.mouse.move(at.x - 30, at.y - 30);
    await page.mouse.move(at.x, at.y, { steps: 5 });
    const tooltip = tone().getByTestId("chart-tooltip");
    await tooltip.waitFor();
    const text = (await tooltip.textContent())!;
    expect(text).toContain(period);
    expect(text).toMatch(
      /Nagorno-Karabakh: [+-]?\d\.\d\d \(95% interval [+-]?\d\.\d\d to [+-]?\d\.\d\d\) · n = \d+ statements?, \d+ passages?/,
    );

    const freqPoint = frequency().locator(`[data-testid=chart-point][data-period='${period}']`).first();
    const freqAt = await centreOf(freqPoint);
    await page.mouse.move(freqAt.x, freqAt.y, { steps: 5 });
    const freqTip = frequency().getByTestId("chart-tooltip");
    await freqTip.waitFor();
    expect(await freqTip.textContent()).toMatch(
      /Nagorno-Karabakh: \d+ statements · from \d+ statements?, \d+ passages? · speaker made \d+ in all/,
    );

    await page.mouse.click(freqAt.x, freqAt.y);
    await page.waitForURL("**/drill?**");
    const drill = new URL(page.url());
    expect(drill.searchParams.get("period")).toBe(period);
    expect(drill.searchParams.get("theme")).toBe("nagorno-karabakh");
    expect(await page.getByTestId("drill-point").textContent()).toMatch(
      /This point: \d+ statements?, \d+ passages?, of \d+ statements? by the speaker/,
    );
    expect(await page.getByTestId("drill-passage").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/drill.png` });
  });
});

describe("reading a chart honestly", () => {
  it("says a share's denominator on the axis, in full", async () => {
    await page.goto("/dashboard?pair=ARM>AZE&measure=passages&scale=share");
    const label = frequency().getByTestId("frequency-axis-label");
    await label.waitFor();
    expect(await label.textContent()).toContain("share of ARM→AZE passages");
    const [box, card] = [await label.boundingBox(), await frequency().boundingBox()];
    expect(box!.x).toBeGreaterThanOrEqual(card!.x);
    expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
    expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  it("draws a one-statement tone as a hollow point", async () => {
    await page.goto("/dashboard?pair=USA>AZE&interval=year");
    await tone().locator("[data-testid=chart-point]").first().waitFor();
    expect(await tone().locator("[data-testid=chart-point][data-low-evidence='1']").count()).toBeGreaterThan(0);
    await tone().getByText("View as table").click();
    expect(await tone().locator("table").textContent()).toMatch(
      /○ [+-]\d\.\d\d \(95% interval .*\) · n = 1 statement, \d+ passages? · low evidence/,
    );
  });

  it("leaves a year with nothing said as a gap: no point, and the table says so", async () => {
    // the demo's General Debate speeches are from odd years only
    await page.goto("/dashboard?pair=ARM>AZE&theme=nagorno-karabakh&interval=year&from=2015-01-01&to=2023-12-31");
    await frequency().locator("[data-testid=chart-point]").first().waitFor();
    const periods = await frequency()
      .locator("[data-testid=chart-point]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-period")));
    expect(periods).toEqual(["2015", "2017", "2019", "2021", "2023"]);
    // the value axis is drawn, with its ticks
    // recharts draws tick labels in a layer of their own; the value axis's are the ones left of the plot
    const svg = frequency().locator("svg.recharts-surface").first();
    await svg.locator("text.recharts-cartesian-axis-tick-value", { hasText: /^2015$/ }).waitFor();
    const labels = await svg
      .locator("text.recharts-cartesian-axis-tick-value")
      .evaluateAll((els) =>
        els.map((e) => ({ text: e.textContent, x: (e as SVGGraphicsElement).getBBox().x, anchor: e.getAttribute("text-anchor") })),
      );
    expect(labels.filter((l) => l.anchor === "end").map((l) => l.text)).toEqual(["0", "1"]);
    for (const l of labels) expect(l.x).toBeGreaterThanOrEqual(0);
    await frequency().getByText("View as table").click();
    const row = frequency().locator("table tbody tr", { has: page.getByRole("rowheader", { name: "2016" }) });
    expect(await row.textContent()).toContain("gap: nothing said");
    await frequency().screenshot({ path: `${SHOTS}/gaps-frequency.png` });
    await tone().screenshot({ path: `${SHOTS}/gaps-tone.png` });
  });

  it("explains a blank chart and what to change", async () => {
    await page.goto("/dashboard?pair=USA>AZE&from=2030-01-01&to=2031-12-31");
    const blank = frequency().getByTestId("frequency-blank");
    await blank.waitFor();
    expect(await blank.textContent()).toMatch(/^No statement from United States.* about Azerbaijan is dated in 2030-01-01 – 2031-12-31;/);
    expect(await tone().getByTestId("tone-blank").textContent()).toMatch(/^No statement from/);
    await page.screenshot({ path: `${SHOTS}/blank.png`, fullPage: true });
  });
});

describe("one cached dashboard, several people", () => {
  it("shows each person their own name, role's links and forms, whoever filled the cache", async () => {
    const url = "/dashboard?pair=ARM>AZE&theme=nagorno-karabakh&interval=year";
    const manager = await e2e.signIn("manager");
    try {
      const parts = async (p: Page) => {
        await p.goto(url);
        await p.getByRole("heading", { name: /^Theme frequency/ }).waitFor();
        return {
          who: await p.locator(".who").textContent(),
          csv: await p.getByRole("link", { name: "Download CSV" }).count(),
          eventForm: await p.getByRole("form", { name: "Add an event marker" }).count(),
          frequency: await p
            .locator("section", { has: p.getByRole("heading", { name: /^Theme frequency/ }) })
            .locator("h2")
            .textContent(),
        };
      };
      const managerFirst = await parts(manager.page); // fills the cache for these filters
      const analyst = await parts(page); // a hit
      const managerAgain = await parts(manager.page);
      expect(managerFirst).toMatchObject({ csv: 1, eventForm: 1 });
      expect(managerFirst.who).toContain("manager");
      expect(analyst).toMatchObject({ csv: 0, eventForm: 0 });
      expect(analyst.who).toContain("analyst");
      expect(analyst.who).not.toContain("manager");
      expect(managerAgain).toEqual(managerFirst);
      // The shared part is the same for both.
      expect(analyst.frequency).toBe(managerFirst.frequency);
    } finally {
      await manager.context.close();
    }
  });

  it("draws a kept page under a nonce of its own, with no policy violation", async () => {
    const url = "/dashboard?pair=ARM>AZE&theme=democracy&interval=year";
    const violations: string[] = [];
    const onConsole = (m: { text(): string }) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    };
    page.on("console", onConsole);
    try {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = (await page.goto(url))!; // the first fills the kept page, the second is answered from it
        const nonce = response.headers()["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1] ?? "";
        expect(await response.text()).toContain(`nonce="${nonce}"`);
        nonces.push(nonce);
        expect(await drawnOrExplained(frequency(), "frequency")).toBe("drawn");
      }
      expect(nonces[1]).not.toBe(nonces[0]);
      expect(violations).toEqual([]);
    } finally {
      page.off("console", onConsole);
    }
  });
});
