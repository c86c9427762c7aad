import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import { startApp, type RunningApp } from "./support/app";
import { launchBrowser } from "./support/browser";
import { signIn } from "./support/session";

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const signedIn = (role: Role) => signIn(browser, app.baseUrl, role);

describe("staff import", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await signedIn("staff")));
  afterAll(() => context?.close());

  it("pastes a press release, reviews the cleaned text and suggestions, corrects the title and saves", async () => {
    await page.goto("/import");
    await page.getByLabel("Statement text").fill(
      "Breaking News\n\nU.S.-Georgia Strategic Partnership\n\nShare\n\nU.S. Secretary of State Antony Blinken\n\nWashington, March 3, 2022. The United States and Georgia reaffirmed their strategic partnership and shared commitment to democracy, said Secretary of State Antony Blinken.\n\nBoth sides discussed energy security and the Baku-Tbilisi-Ceyhan pipeline.",
    );
    await page.getByRole("button", { name: "Preview" }).click();
    const cleaned = page.getByTestId("cleaned-text");
    await cleaned.waitFor();
    expect(await cleaned.textContent()).toMatch(/^U\.S\.-Georgia Strategic Partnership/);
    expect(await cleaned.textContent()).not.toContain("Breaking News");
    expect(await page.getByLabel("Date", { exact: true }).inputValue()).toBe("2022-03-03");
    expect(await page.getByLabel("Speaker's country (ISO3)").inputValue()).toBe("USA");
    expect((await page.getByLabel("Counterparts, primary first").inputValue()).startsWith("GEO")).toBe(true);
    await page.getByLabel("Title", { exact: true }).fill("U.S.-Georgia partnership (reviewed)");
    await page.getByRole("button", { name: "Save statement" }).click();
    await page.getByRole("link", { name: "Open the statement" }).click();
    await page.getByRole("heading", { level: 1, name: "U.S.-Georgia partnership (reviewed)" }).waitFor();
    expect(await page.getByTestId("themes").textContent()).toContain("Energy security");
  });

  it("uploads a PDF and sees it without its running header and page numbers", async () => {
    await page.goto("/import");
    await page.getByLabel("Upload a file").check();
    await page.getByLabel(/^File/).setInputFiles("tests/fixtures/ingest/statement.pdf");
    await page.getByRole("button", { name: "Preview" }).click();
    const cleaned = page.getByTestId("cleaned-text");
    await cleaned.waitFor();
    expect(await cleaned.textContent()).toContain("The Minister met his counterpart from Georgia in Tbilisi.");
    expect(await cleaned.textContent()).not.toContain("Press Service");
  });

  it("refuses a fetch of a private address with a clear message", async () => {
    await page.goto("/import");
    await page.getByLabel("Fetch a web address").check();
    await page.getByLabel("Web address", { exact: true }).fill("http://169.254.169.254/latest/meta-data/");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.locator(".error[role=alert]").textContent()).resolves.toMatch(/private, loopback or reserved/);
  });

  it("bulk-imports a CSV with a broken row and reports it by line", async () => {
    await page.goto("/import/bulk");
    await page.getByLabel(/^File/).setInputFiles("tests/fixtures/ingest/statements.csv");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("form", { name: "Column mapping" }).waitFor();
    expect(await page.getByLabel("Text (required)").inputValue()).toBe("text");
    await page.getByRole("button", { name: /^Import/ }).click();
    await page.getByRole("heading", { name: "Import finished" }).waitFor();
    expect(await page.getByTestId("import-report").textContent()).toBe("4 rows processed: 3 imported, 0 duplicates, 1 rejected.");
    expect(await page.locator("table", { hasText: "Rejected rows" }).textContent()).toMatch(/3.*malformed CSV/);
  });
});

describe("analysts", () => {
  it("cannot import, in the page or through the upload endpoint", async () => {
    const { context, page } = await signedIn("analyst");
    await page.goto("/import");
    expect(await page.textContent("main")).toContain("cannot import");
    const response = await context.request.post("/api/imports/upload?name=x.csv", { data: "text\nhello\n", headers: { origin: app.baseUrl } });
    expect(response.status()).toBe(403);
    await context.close();
  });
});

describe("managers", () => {
  it("change a theme's rules, which makes a new codebook version", async () => {
    const { context, page } = await signedIn("manager");
    await page.goto("/codebook");
    const form = page.getByRole("form", { name: "Rules of Nonproliferation" });
    const phrases = form.getByLabel(/^Phrases/);
    await phrases.fill(`${await phrases.inputValue()}\nuranium`);
    await form.getByRole("button", { name: "Save rules" }).click();
    await expect(form.getByRole("status").textContent()).resolves.toContain("codebook version 2");
    await context.close();
  });

  it("see a hostile rule refused with a reason", async () => {
    const { context, page } = await signedIn("manager");
    await page.goto("/codebook");
    const form = page.getByRole("form", { name: "Rules of Democracy" });
    await form.getByLabel(/^Phrases/).fill("(a+)+$");
    await form.getByRole("button", { name: "Save rules" }).click();
    // The save's own answer; the live preview may have refused the draft already, with its own alert.
    await expect(form.locator('.error[role=alert]:not([data-testid="preview-error"])').textContent()).resolves.toMatch(/phrase/);
    await context.close();
  });
});
