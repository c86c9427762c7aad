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

/** Signs in over HTTP as a script would (no browser): the session cookie the server sets, with its attributes. */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfResponse.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return response.headers.getSetCookie().find((c) => c.includes("session-token=")) ?? "";
}
