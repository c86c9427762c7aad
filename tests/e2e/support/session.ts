import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import type { Role } from "@/lib/dal/permissions";

/** A fresh browser context signed in as the demo account of a role; any script dialog fails the test. */
export async function signIn(browser: Browser, baseUrl: string, role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const context = await browser.newContext({ baseURL: baseUrl, acceptDownloads: true });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected dialog: ${dialog.message()}`);
  });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/dashboard**");
  return { context, page };
}

export { sessionCookie } from "@/scripts/lib/http-sign-in";
