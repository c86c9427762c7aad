import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const e2e = appAndBrowser();
let manager: { context: BrowserContext; page: Page };

const NEW_EMAIL = "new.staffer@dyad.local";

beforeAll(async () => {
  manager = await e2e.signIn("manager");
});

afterAll(async () => {
  await manager?.context.close();
});

async function signInAs(email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.browser.newContext({ baseURL: e2e.app.baseUrl });
  const page = await context.newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard**");
  return { context, page };
}

describe("users", () => {
  let newcomer: { context: BrowserContext; page: Page };
  let newcomerPassword: string;

  it("a manager creates a user with a first password shown once, who can then sign in", async () => {
    const { page } = manager;
    await page.goto("/admin/users");
    const roles = await page.getByRole("form", { name: "Create a user" }).getByLabel("Role").locator("option").allTextContents();
    expect(roles).toEqual(["analyst", "staff"]); // a manager cannot grant manager or admin
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Email").fill(NEW_EMAIL);
    await form.getByLabel("Name").fill("Nell Newcomer");
    await form.getByLabel("Access").selectOption("password");
    await form.getByRole("button", { name: "Create user" }).click();
    const password = (await form.getByTestId("secret").textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByTestId(`user-${NEW_EMAIL}`).waitFor();
    newcomerPassword = password;
    newcomer = await signInAs(NEW_EMAIL, password);
    expect((await newcomer.page.goto("/import"))?.status()).toBe(403);
    const refusal = newcomer.page.locator(".error[role=alert]");
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain("Your role (analyst) cannot open this page");
  });

  it("a manager changes the role; the person's session ends and they sign in again with the new role", async () => {
    const row = manager.page.getByTestId(`user-${NEW_EMAIL}`);
    await row.getByLabel(`Role of ${NEW_EMAIL}`, { exact: true }).selectOption("staff");
    await row.getByRole("button", { name: `Change role of ${NEW_EMAIL}` }).click();
    await row.getByText(`${NEW_EMAIL} is now staff.`).waitFor();
    await expect(row.locator("td").nth(2).textContent()).resolves.toBe("staff");
    await newcomer.page.goto("/import");
    expect(new URL(newcomer.page.url()).pathname).toBe("/signin");
    await newcomer.context.close();
    newcomer = await signInAs(NEW_EMAIL, newcomerPassword);
    await newcomer.page.goto("/import");
    await newcomer.page.getByRole("heading", { name: "Import a statement" }).waitFor();
  });

  it("a disabled person is signed out on their next request", async () => {
    const row = manager.page.getByTestId(`user-${NEW_EMAIL}`);
    await row.getByRole("button", { name: `Disable ${NEW_EMAIL}` }).click();
    await row.getByText(`${NEW_EMAIL} is disabled.`).waitFor();
    await newcomer.page.goto("/statements");
    expect(new URL(newcomer.page.url()).pathname).toBe("/signin");
    await newcomer.context.close();
  });
});

describe("invitations", () => {
  it("an invited person sets a password with their one-time link and signs in", async () => {
    const { page } = manager;
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Email").fill("invited@dyad.local");
    await form.getByLabel("Name").fill("Ines Invited");
    await form.getByLabel("Access").selectOption("link");
    await form.getByRole("button", { name: "Create user" }).click();
    const link = (await form.getByTestId("secret").textContent())!;
    expect(link).toMatch(/\/set-password\?token=dyadpw_/);
    const context = await e2e.browser.newContext({ baseURL: e2e.app.baseUrl });
    const invited = await context.newPage();
    await invited.goto(link);
    await invited.getByLabel(/New password/).fill("invited and welcome");
    await invited.getByLabel("The same again").fill("invited and welcome");
    await invited.getByRole("button", { name: "Set password" }).click();
    await invited.getByText("Password set for invited@dyad.local.").waitFor();
    await invited.goto(link);
    await invited.getByLabel(/New password/).fill("a second attempt here");
    await invited.getByLabel("The same again").fill("a second attempt here");
    await invited.getByRole("button", { name: "Set password" }).click();
    await invited.getByText(/not valid any more/).waitFor();
    await context.close();
    const signedIn = await signInAs("invited@dyad.local", "invited and welcome");
    await signedIn.context.close();
  });
});

describe("codebook", () => {
  it("a manager edits a rule with a live preview of what it matches, then saves a new version", async () => {
    const { page } = manager;
    await page.goto("/codebook");
    const rules = page.getByRole("form", { name: "Rules of Regional security" });
    await rules.getByLabel(/Aliases/).fill("peace");
    const preview = rules.getByTestId("rule-preview");
    await preview.waitFor();
    const added = preview.locator('[data-testid=preview-passage][data-change="added"]');
    await added.first().waitFor();
    const marked = await added.first().locator("mark").allTextContents();
    expect(marked.map((m) => m.toLowerCase())).toContain("peace");
    await rules.getByRole("button", { name: "Save rules" }).click();
    await rules.getByText(/Saved as codebook version 2/).waitFor();
    await page.getByRole("heading", { level: 1, name: "Codebook · version 2" }).waitFor();
  });

  it("refuses a save made against an older codebook version", async () => {
    const other = await e2e.signIn("admin");
    await other.page.goto("/codebook");
    await manager.page.goto("/codebook");
    const mine = manager.page.getByRole("form", { name: "Rules of Democracy" });
    await mine.getByLabel(/Exclusions/).fill("Democratic Republic");
    await mine.getByRole("button", { name: "Save rules" }).click();
    await mine.getByText(/Saved as codebook version 3/).waitFor();
    const theirs = other.page.getByRole("form", { name: "Rules of Democracy" });
    await theirs.getByLabel(/Exclusions/).fill("Democratic Party");
    await theirs.getByRole("button", { name: "Save rules" }).click();
    await expect(theirs.locator(".error[role=alert]").textContent()).resolves.toMatch(/you had version 2, it is now version 3/);
    await other.context.close();
  });
});

describe("audit log", () => {
  it("a manager filters the audit log and exports what the filter shows as CSV", async () => {
    const { page } = manager;
    await page.goto("/admin/audit");
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel(/Actor/).fill("manager@");
    await filters.getByLabel("Action").fill("user.");
    await filters.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/action=user\./);
    const actions = await page.getByTestId("audit-row").locator("td:nth-child(3)").allTextContents();
    expect(actions.sort()).toEqual(["user.create", "user.create", "user.disable", "user.role"]);
    const [download] = await Promise.all([page.waitForEvent("download"), filters.getByRole("link", { name: "Export CSV" }).click()]);
    const records = parse(await readFile((await download.path())!, "utf8"), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.action).sort()).toEqual(["user.create", "user.create", "user.disable", "user.role"]);
    expect(records.every((r) => r.actor === "manager@dyad.local")).toBe(true);
    expect(JSON.parse(records.find((r) => r.action === "user.role")!.after!)).toMatchObject({ email: NEW_EMAIL, role: "staff" });
  });
});

describe("refusals", () => {
  it("staff and analysts are refused administration pages and the audit export", async () => {
    for (const role of ["staff", "analyst"] as const) {
      const { context, page } = await e2e.signIn(role);
      for (const path of ["/admin/users", "/admin/audit", "/admin/events"]) {
        expect((await page.goto(path))?.status()).toBe(403);
        await expect(page.locator(".error[role=alert]").textContent()).resolves.toContain(`Your role (${role}) cannot open this page`);
      }
      const response = await page.request.get("/admin/audit/export");
      expect(response.status()).toBe(403);
      await context.close();
    }
  });
});
