import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const e2e = appAndBrowser();
let seedId: number;

beforeAll(async () => {
  seedId = await e2e.seedStatementId();
});

/** Waits for the reader to confirm a save and returns the version it reports. */
async function saved(page: Page, what: RegExp): Promise<number> {
  const message = page.getByTestId("reader-message");
  await message.filter({ hasText: what }).waitFor();
  const text = (await message.textContent()) ?? "";
  expect(text).toMatch(/saved as version \d+/);
  const version = text.match(/version (\d+)/)![1]!;
  await page.locator(`[data-testid=version][data-server-version="${version}"]`).waitFor(); // the page shows the saved state
  return Number(version);
}

async function openReader(page: Page, id: number): Promise<void> {
  await page.goto(`/review/${id}`);
  await page.locator(".reader[data-keys-ready]").waitFor(); // the keys work once the page is interactive
}

const currentPassage = (page: Page) => page.locator("[data-testid=reader-passage][aria-current=true]");

describe("the review queue", () => {
  it("is walked with the keyboard; Enter claims and opens; others see who holds it; r marks reviewed and moves on", async () => {
    const { context, page } = await e2e.signIn("staff");
    await page.goto("/review");
    const progress = await page.getByTestId("progress").textContent();
    const reviewedBefore = Number(progress!.match(/(\d+) of \d+ reviewed/)![1]);
    const rows = page.getByTestId("queue-row");
    expect(await rows.count()).toBeGreaterThan(2);
    await page.locator("tr.current").waitFor(); // the keys work once the page is interactive
    const id = Number(await rows.nth(1).getAttribute("data-statement-id"));
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.locator(`tr.current[data-statement-id="${id}"]`).waitFor();
    expect(await page.locator("tr.current").count()).toBe(1);
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/review/${id}`);
    await page.locator(".reader[data-keys-ready]").waitFor();

    const manager = await e2e.signIn("manager");
    await manager.page.goto("/review");
    expect(await manager.page.locator(`tr[data-statement-id="${id}"] [data-testid=holder]`).textContent()).toMatch(
      /^Sam Staff until \d\d:\d\d UTC$/,
    );
    await manager.page.goto(`/review/${id}`);
    await manager.page
      .getByTestId("claim-banner")
      .filter({ hasText: /Sam Staff is working on this statement until/ })
      .waitFor();
    await manager.context.close();

    await page.keyboard.press("r");
    await page.waitForURL((url) => /\/review\/\d+$/.test(url.pathname) && url.pathname !== `/review/${id}`);
    await page.goto("/review");
    expect(await page.getByTestId("progress").textContent()).toContain(`${reviewedBefore + 1} of`);
    expect(await page.locator(`tr[data-statement-id="${id}"]`).count()).toBe(0);
    await page.goto("/review/quality");
    expect(await page.getByTestId("quality-table").locator("tbody tr").count()).toBeGreaterThan(3);
    await context.close();
  });
});

describe("the tagging reader", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await e2e.signIn("staff"));
    await openReader(page, seedId);
  });
  afterAll(() => context?.close());

  it("moves between passages with j/k and documents its keys in a ? overlay", async () => {
    await page.keyboard.press("j");
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    expect(await page.getByTestId("reader-passage").nth(1).getAttribute("aria-current")).toBe("true");
    await page.keyboard.press("?");
    const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain("undo your last change");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  });

  it("accepts a passage's suggestions with a, toggles a theme with a number key", async () => {
    // The first passage the engine made suggestions for (which one depends on the codebook's rules).
    const passages = page.getByTestId("reader-passage");
    let index = 0;
    while (
      index < (await passages.count()) &&
      (await passages.nth(index).locator("[data-testid=tag][data-status=suggested]").count()) === 0
    )
      index++;
    const passage = passages.nth(index);
    await passage.click();
    expect(await passage.locator("[data-testid=tag][data-status=suggested]").count()).toBeGreaterThan(0);
    await page.keyboard.press("a");
    await saved(page, /Suggestions in this passage accepted/);
    expect(await passage.locator("[data-testid=tag][data-status=suggested]").count()).toBe(0);
    const theme = ((await page.locator(".legend li").nth(7).textContent()) ?? "").replace(/^8\s*/, "").trim();
    const live = () => passage.locator("[data-testid=tag]:not([data-status=rejected])", { hasText: `${theme} ·` }).count();
    const hadIt = (await live()) > 0;
    await page.keyboard.press("8");
    await saved(page, new RegExp(`${theme} toggled on ¶${index + 1}`));
    if (hadIt) expect(await live()).toBe(0);
    else expect(await passage.locator("[data-testid=tag]", { hasText: `${theme} · person · accepted` }).count()).toBe(1);
  });

  it("tags a selected span with a number key", async () => {
    const passage = currentPassage(page);
    const phrase = await passage.locator("[data-passage-text]").evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const match = /\b\w+ \w+ \w+\b/.exec(node.textContent ?? "");
        if (!match) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
        return match[0];
      }
      return null;
    });
    expect(phrase).not.toBeNull();
    await page.keyboard.press("2");
    await saved(page, new RegExp(`tagged on “${phrase}”`));
    const chip = passage.locator("[data-testid=tag]", { hasText: `“${phrase}”` });
    expect(await chip.textContent()).toContain("person · accepted");
    expect(await passage.locator("mark.evidence", { hasText: phrase! }).count()).toBeGreaterThan(0);
  });

  it("overrides a passage's tone with a note, and u undoes it", async () => {
    const passage = currentPassage(page);
    const meta = passage.locator(".notice").first();
    const machine = await meta.textContent();
    await passage.getByRole("combobox", { name: /^Tone of ¶/ }).selectOption("-2");
    await passage.getByLabel(/^Note on tone of ¶/).fill("sarcastic, despite the words");
    await passage.getByRole("button", { name: "Set tone" }).click();
    await saved(page, /Tone of ¶\d+ set/);
    expect(await meta.textContent()).toMatch(/tone -1\.00 \(set by a person: -1\.00 hostile — sarcastic, despite the words\)/);
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("u");
    await saved(page, /Undone/);
    expect(await meta.textContent()).toBe(machine);
  });
});

describe("two people editing at once", () => {
  it("refuses the stale edit with both versions, keeps the other person's change, and restores from history", async () => {
    const staff = await e2e.signIn("staff");
    const manager = await e2e.signIn("manager");
    await openReader(staff.page, seedId);
    await openReader(manager.page, seedId);
    const seen = Number(await staff.page.getByTestId("version").textContent());
    expect(Number(await manager.page.getByTestId("version").textContent())).toBe(seen);

    await manager.page.getByTestId("reader-passage").nth(5).click();
    await manager.page.keyboard.press("9");
    expect(await saved(manager.page, /toggled on ¶6/)).toBe(seen + 1);

    await staff.page.getByTestId("reader-passage").nth(5).click();
    await staff.page.keyboard.press("7");
    const alert = staff.page.getByRole("alert").filter({ hasText: "Someone else changed this statement" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`you had version ${seen}, it is now version ${seen + 1}`);
    await alert.getByRole("button", { name: "Reload" }).click();
    await staff.page
      .getByTestId("version")
      .filter({ hasText: String(seen + 1) })
      .waitFor();
    const sixth = staff.page.getByTestId("reader-passage").nth(5);
    const managers = await manager.page
      .getByTestId("reader-passage")
      .nth(5)
      .locator("[data-testid=tag]", { hasText: "person" })
      .allTextContents();
    expect(await sixth.locator("[data-testid=tag]", { hasText: "person" }).allTextContents()).toEqual(managers);

    await staff.page.goto(`/statements/${seedId}/history`);
    const entries = staff.page.getByTestId("history-entry");
    expect(await entries.first().textContent()).toContain("Mona Manager");
    const spanEntry = entries.filter({ hasText: "tagged a span" });
    await spanEntry.getByRole("button", { name: /^Restore version \d+$/ }).click();
    await entries.first().filter({ hasText: "restored an earlier state" }).waitFor();
    await openReader(staff.page, seedId);
    expect(await staff.page.locator("[data-testid=tag]", { hasText: "“" }).count()).toBe(0);
    await staff.context.close();
    await manager.context.close();
  });
});

describe("agreement between coders", () => {
  it("assigns a sample blind, takes two codings, shows the figures and settles the disagreement", async () => {
    const manager = await e2e.signIn("manager");
    await manager.page.goto("/review/agreement");
    await manager.page.getByLabel("Name").fill("Pilot sample");
    await manager.page.getByLabel("Statements drawn at random").fill("1");
    await manager.page.getByLabel("Sam Staff (staff)").check();
    await manager.page.getByLabel("Adi Admin (admin)").check();
    await manager.page.getByRole("button", { name: "Assign sample" }).click();
    await manager.page.getByRole("status").filter({ hasText: "Sample created with 1 statements." }).waitFor();

    for (const [role, checkFirst] of [
      ["staff", true],
      ["admin", false],
    ] as const) {
      const coder = await e2e.signIn(role);
      await coder.page.goto("/review/coding");
      await coder.page.locator("main li a").first().click();
      await coder.page.getByTestId("coding-passage").first().waitFor();
      expect(await coder.page.locator("[data-testid=tag], mark.evidence").count()).toBe(0);
      if (checkFirst) await coder.page.getByTestId("coding-passage").first().getByRole("checkbox").first().check();
      await coder.page.getByRole("button", { name: "Submit" }).click();
      await coder.page.getByRole("status").filter({ hasText: "Submitted." }).waitFor();
      await coder.context.close();
    }

    await manager.page.goto("/review/agreement");
    await manager.page.getByRole("link", { name: "Pilot sample" }).click();
    await manager.page.getByTestId("agreement-table").waitFor();
    expect(await manager.page.getByTestId("agreement-table").textContent()).toMatch(/Kappa (Sam Staff × Adi Admin|Adi Admin × Sam Staff)/);
    expect(await manager.page.getByTestId("disagreement").count()).toBeGreaterThan(0);
    await manager.page.getByRole("button", { name: "Settle these as accepted tags" }).first().click();
    await manager.page
      .getByRole("status")
      .filter({ hasText: /Settled — saved as version \d+/ })
      .waitFor();
    await manager.context.close();
  });
});

describe("bad input in the browser", () => {
  it("shows a statement's HTML and script as text, never running it", async () => {
    const { context, page } = await e2e.signIn("staff");
    const dialogs: string[] = [];
    page.removeAllListeners("dialog");
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto("/import");
    await page
      .getByLabel("Statement text")
      .fill(
        'Energy talks <script>alert("xss")</script>\n\nThe United States welcomes energy cooperation with Azerbaijan <img src=x onerror=alert(1)> and the gas pipeline.',
      );
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("cleaned-text").waitFor();
    await page.getByLabel("Speaker's country (ISO3)").fill("USA");
    await page.getByRole("button", { name: "Save statement" }).click();
    const href = await page.getByRole("link", { name: "Open the statement" }).getAttribute("href");
    await openReader(page, Number(href!.split("/").pop()));
    const text = (await page.locator("[data-passage-text]").allTextContents()).join("\n");
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(await page.locator("[data-passage-text] img, [data-passage-text] script").count()).toBe(0);
    await page.keyboard.press("j");
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it("gives an analyst no review queue, no reader and no Review link", async () => {
    const { context, page } = await e2e.signIn("analyst");
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).count()).toBe(0);
    expect((await page.goto("/review"))?.status()).toBe(403);
    expect(await page.locator("main").textContent()).toContain("Your role (analyst) cannot open this page");
    expect((await page.goto(`/review/${seedId}`))?.status()).toBe(403);
    expect(await page.locator("main").textContent()).toContain("Your role (analyst) cannot open this page");
    await context.close();
  });
});
