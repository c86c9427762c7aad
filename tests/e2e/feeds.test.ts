import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

/** A ministry's press service on loopback: its RSS feed lists `releases`, which the test extends between polls. */
const releases = [
  {
    slug: "baku",
    title: "Talks with the Foreign Minister of Azerbaijan",
    day: "Tue, 03 Nov 2026 10:00:00 +0300",
    text: "Foreign Minister Sergey Lavrov held talks in Baku with the Foreign Minister of Azerbaijan on energy cooperation, the gas pipeline across the Caspian Sea and transport corridors. Both sides welcomed the growth of trade.",
  },
  {
    slug: "yerevan",
    title: "Consultations with Armenia",
    day: "Mon, 02 Nov 2026 10:00:00 +0300",
    text: "The Deputy Foreign Minister held consultations in Yerevan with the Foreign Ministry of Armenia on regional security in the South Caucasus and confirmed support for stability and peace in the region.",
  },
];
const LATER = {
  slug: "tbilisi",
  title: "On the elections in Georgia",
  day: "Wed, 04 Nov 2026 10:00:00 +0300",
  text: "The Ministry of Foreign Affairs calls on all political forces in Georgia to respect the rule of law and the choice of the Georgian people, and regrets attempts by outside actors to interfere in the elections.",
};

// The press service is on loopback, which Dyad never fetches unless the deployment lists the address.
const e2e = appAndBrowser({ DYAD_FEED_ALLOW_ADDRESSES: "127.0.0.1" });
let press: http.Server;
let pressUrl: string;

beforeAll(async () => {
  press = http.createServer((req, res) => {
    if (req.url === "/rss.xml") {
      const items = releases
        .map(
          (r) =>
            `<item><title>${r.title}</title><link>${pressUrl}/releases/${r.slug}</link><guid>${r.slug}</guid><pubDate>${r.day}</pubDate></item>`,
        )
        .join("");
      return res
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Press service</title>${items}</channel></rss>`);
    }
    const release = releases.find((r) => req.url === `/releases/${r.slug}`);
    if (release)
      return res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<!DOCTYPE html><html><body><article><h1>${release.title}</h1><p>${release.text}</p></article></body></html>`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => press.listen(0, "127.0.0.1", resolve));
  pressUrl = `http://127.0.0.1:${(press.address() as AddressInfo).port}`;
});

afterAll(async () => {
  press?.closeAllConnections();
  await new Promise((resolve) => press?.close(resolve));
});

describe("followed sources", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await e2e.signIn("staff")));
  afterAll(() => context?.close());

  /** The source's row once its "Imported" cell reads `imported`, which the page shows by itself as the worker polls. */
  async function rowOnceImported(imported: string) {
    const row = page.getByRole("row").filter({ hasText: `${pressUrl}/rss.xml` });
    await row
      .getByTestId("imported")
      .filter({ hasText: new RegExp(`^${imported}$`) })
      .waitFor({ timeout: 60_000 })
      .catch(async () => {
        throw new Error(`the source never showed "${imported}":\n${await row.textContent()}\n${e2e.app.log().slice(-2000)}`);
      });
    return row;
  }

  it("subscribes to a feed, sees its items imported with the source's status, and after the feed changes, the new one", async () => {
    await page.goto("/import");
    await page.getByRole("link", { name: "Follow its feed" }).click();
    await page.getByRole("heading", { name: "Followed sources" }).waitFor();
    await page.getByLabel("Feed or sitemap address").fill(`${pressUrl}/rss.xml`);
    await page.getByLabel("Speaker's country").fill("RUS");
    await page.getByLabel("Poll every (minutes)").fill("60");
    await page.getByRole("button", { name: "Follow" }).click();
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/^Followed/);

    let row = await rowOnceImported("2 in all, 2 in the last poll");
    expect(await row.getByTestId("last-poll").textContent()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC · read · 2 new$/);
    expect(await row.getByTestId("last-error").textContent()).toBe("—");
    expect(await row.textContent()).toContain("rss · RUS · en · every 60 min");
    expect(await row.getByTestId("items").getByRole("link").allTextContents()).toEqual([
      "Consultations with Armenia",
      "Talks with the Foreign Minister of Azerbaijan",
    ]);

    releases.unshift(LATER);
    await row.getByRole("button", { name: `Poll ${pressUrl}/rss.xml now` }).click();
    await expect(row.getByRole("status").textContent()).resolves.toBe("Poll queued.");
    row = await rowOnceImported("3 in all, 1 in the last poll");
    expect(await row.getByTestId("last-poll").textContent()).toMatch(/read · 1 new$/);
    await row.getByRole("link", { name: LATER.title }).click();
    await page.getByRole("heading", { level: 1, name: LATER.title }).waitFor();
    expect(await page.locator("main").textContent()).toContain("rule of law");
  });

  it("is not open to analysts", async () => {
    const analyst = await e2e.signIn("analyst");
    const response = await analyst.page.goto("/import/feeds");
    expect(response?.status()).toBe(403);
    await analyst.context.close();
  });
});
