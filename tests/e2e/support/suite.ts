import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Role } from "@/lib/dal/permissions";
import { startApp, type RunningApp } from "./app";
import { launchBrowser } from "./browser";
import { signIn } from "./session";

export interface AppAndBrowser {
  /** The server, started on a free port with a fresh embedded database (set from beforeAll on). */
  readonly app: RunningApp;
  readonly browser: Browser;
  /** A fresh browser context signed in as the demo account of a role. */
  signIn(role: Role): Promise<{ context: BrowserContext; page: Page }>;
  /** The id of the demo corpus's U.S.–Azerbaijan statement, as a signed-in analyst finds it. */
  seedStatementId(): Promise<number>;
}

export const SEED_TITLE = "U.S. - Azerbaijani Relations";

/**
 * What a browser test file starts with: the app as a user starts it and Debian's Chromium, both opened before the
 * file's tests and closed after them (a file's own hooks run inside these).
 */
export function appAndBrowser(env: Record<string, string> = {}): AppAndBrowser {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp(env);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the app and browser open in beforeAll");
    return value;
  };
  return {
    get app() {
      return opened(app);
    },
    get browser() {
      return opened(browser);
    },
    signIn: (role) => signIn(opened(browser), opened(app).baseUrl, role),
    async seedStatementId() {
      const { context, page } = await signIn(opened(browser), opened(app).baseUrl, "analyst");
      await page.goto("/statements?speaker=USA&counterpart=AZE");
      const href = await page.getByRole("link", { name: SEED_TITLE }).getAttribute("href");
      await context.close();
      return Number(href!.split("/").pop());
    },
  };
}
