import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CELL_GRAINS, CELL_TABLES } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { rebuildCells } from "@/lib/dal/internal/series-cells";
import { startApp, type RunningApp } from "./support/app";
import { launchBrowser } from "./support/browser";
import { signIn } from "./support/session";

/**
 * Issue #19, "many instances": three `next start` processes on one Postgres, each with its own job worker,
 * behind a round-robin proxy, so consecutive requests of one person land on different instances. A codebook
 * change (re-tag), a bulk import and concurrent tag edits run at once; then the database must show each
 * statement re-tagged once, every edit kept or refused as stale, and series cells equal to a rebuild.
 */
const ADMIN_URL = process.env.TEST_DATABASE_URL;
if (!ADMIN_URL)
  console.warn(
    "[instances.test] skipped: set TEST_DATABASE_URL=postgres://… (a server this test may create a database on; .ci/run exports it)",
  );

const IMPORT_ROWS = 120;
const EDITED_STATEMENTS = 5;
const SECRET = "instances-e2e-secret-not-for-production";

/** A round-robin HTTP proxy: request n goes to instance n mod 3, whatever connection it came on. */
async function startProxy() {
  const ports: number[] = [];
  const served: number[] = [];
  let next = 0;
  const server = http.createServer((req, res) => {
    const i = next++ % ports.length;
    served[i] = (served[i] ?? 0) + 1;
    const upstream = http.request(
      { host: "127.0.0.1", port: ports[i], method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    ports,
    served,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

(ADMIN_URL ? describe : describe.skip)("three instances on one Postgres behind a round-robin proxy", () => {
  const name = `dyad_instances_${process.pid}_${Date.now()}`;
  let url: string;
  let pool: pg.Pool;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const apps: RunningApp[] = [];
  let browser: Browser;

  const rows = async <T>(text: string, values: unknown[] = []) => (await pool.query(text, values)).rows as T[];
  const one = async <T>(text: string, values: unknown[] = []) => (await rows<T>(text, values))[0]!;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = new URL(ADMIN_URL!);
    target.pathname = `/${name}`;
    url = target.toString();
    pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => undefined); // the database is dropped at the end, with the servers' connections
    proxy = await startProxy();
    const env = { DATABASE_URL: url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: proxy.url, DYAD_DEMO_ACCOUNTS: "1", DYAD_JOBS_IN_PROCESS: "1" };
    // The first one migrates and seeds; the other two start together after it (each migration and seeding runs
    // under an advisory lock, and finds the work done).
    apps.push(await startApp(env));
    apps.push(...(await Promise.all([startApp(env), startApp(env)])));
    proxy.ports.push(...apps.map((a) => Number(new URL(a.baseUrl).port)));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    // What the servers said went wrong, for a failing run.
    apps.forEach((a, i) => {
      const errors = a
        .log()
        .split("\n")
        .filter((l) => /error|deadlock|failed/i.test(l));
      if (errors.length > 0) console.warn(`[instances.test] instance ${i + 1}:\n${errors.slice(0, 30).join("\n")}`);
    });
    await browser?.close();
    await proxy?.close();
    await Promise.all(apps.map((a) => a.stop()));
    await pool?.end();
    if (ADMIN_URL) {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });

  it("re-tags each statement once, keeps or refuses every edit, imports every row once, and cells equal a rebuild", async () => {
    const [manager, staff, admin] = await Promise.all([
      signIn(browser, proxy.url, "manager"),
      signIn(browser, proxy.url, "staff"),
      signIn(browser, proxy.url, "admin"),
    ]);
    const { version: codebookVersion } = await one<{ version: number }>("select max(version)::int as version from codebook_versions");
    const editors = [
      { who: staff, theme: "democracy", email: DEMO_ACCOUNTS.find((a) => a.role === "staff")!.email },
      { who: manager, theme: "counterterrorism", email: DEMO_ACCOUNTS.find((a) => a.role === "manager")!.email },
      { who: admin, theme: "human-rights", email: DEMO_ACCOUNTS.find((a) => a.role === "admin")!.email },
    ].map((e) => ({ ...e, themeName: "" }));
    for (const e of editors) e.themeName = (await one<{ name: string }>("select name from themes where slug = $1", [e.theme])).name;
    // Statements none of the three themes is on yet, so each editor's page offers "Add …".
    const edited = await rows<{ id: number; version: number }>(
      `select s.id, s.version from statements s where not exists (select 1 from tags t join themes th on th.id = t.theme_id
        where t.statement_id = s.id and th.slug in ('democracy', 'counterterrorism', 'human-rights') and t.status <> 'rejected') order by s.id limit $1`,
      [EDITED_STATEMENTS],
    );
    expect(edited).toHaveLength(EDITED_STATEMENTS);

    // 1. A codebook change in the browser: a new version, whose re-tag the three workers share.
    const codebookChange = (async () => {
      const page = await manager.context.newPage();
      await page.goto("/codebook");
      const form = page.getByRole("form", { name: "Rules of Energy security" });
      const phrases = form.getByLabel(/^Phrases/);
      await phrases.fill(`${await phrases.inputValue()}\ncaviar accord: 2`);
      await form.getByRole("button", { name: "Save rules" }).click();
      return form.getByRole("status").textContent();
    })();

    // 2. A bulk import in the browser: upload, mapping, start and progress polls each land on another instance.
    const importing = (async () => {
      const { page } = staff;
      const csv = `text,speaker_country_iso3\n${Array.from({ length: IMPORT_ROWS }, (_, i) => `"Row ${i + 1}: the United States and Azerbaijan discussed energy security and the caviar accord.",USA`).join("\n")}\n`;
      await page.goto("/import/bulk");
      await page.getByLabel(/^File/).setInputFiles({ name: "instances.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await page.getByRole("button", { name: "Preview" }).click();
      await page.getByRole("form", { name: "Column mapping" }).waitFor();
      await page.getByRole("button", { name: /^Import/ }).click();
      await page.getByRole("heading", { name: "Import finished" }).waitFor({ timeout: 180_000 });
      return page.getByTestId("import-report").textContent();
    })();

    // 3. Three people open the same statement, each adds a theme from the version they read, all at once; an edit
    // refused as stale is tried again after a reload, as a person would.
    const outcomes = { kept: 0, stale: 0, firstRoundKept: 0 };
    const pages = await Promise.all(editors.map((e) => e.who.context.newPage()));
    const editing = (async () => {
      for (const statement of edited) {
        const pending = new Set(editors.keys());
        for (let round = 0; pending.size > 0 && round < 20; round++) {
          const now = [...pending];
          await Promise.all(now.map((i) => pages[i]!.goto(`/statements/${statement.id}`)));
          await Promise.all(
            now.map(async (i) => {
              const page = pages[i]!;
              await page.getByRole("button", { name: `Add ${editors[i]!.themeName}` }).click();
              const outcome = page.locator('section[aria-labelledby="tag-editor"]').locator("[role=status], [role=alert]").first();
              await outcome.waitFor();
              const text = await outcome.textContent();
              if (text === "Saved.") {
                outcomes.kept++;
                if (round === 0) outcomes.firstRoundKept++;
                pending.delete(i);
              } else {
                expect(text).toMatch(/^Someone else changed this statement while you were looking at it/);
                outcomes.stale++;
              }
            }),
          );
        }
      }
    })();

    const [changed, report] = await Promise.all([codebookChange, importing, editing]);
    expect(changed).toContain(`codebook version ${codebookVersion + 1}`);
    expect(report).toBe(`${IMPORT_ROWS} rows processed: ${IMPORT_ROWS} imported, 0 duplicates, 0 rejected.`);

    // Every worker idle: the re-tag and the import are done and nothing is queued.
    for (let i = 0; i < 240; i++) {
      const { open } = await one<{ open: number }>("select count(*)::int as open from jobs where state in ('queued', 'running')");
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const jobStates = await rows<{ kind: string; state: string; n: number }>(
      "select kind, state, count(*)::int as n from jobs group by 1, 2 order by 1, 2",
    );
    expect(jobStates.filter((j) => j.state !== "done")).toEqual([]);

    // Re-tagged once per version: one run for the new version, whose count of statements passed equals the
    // statements up to its cursor (a batch done twice would count past them); every auto tag is of the new version.
    const retags = await rows<{ status: string; done: number; total: number; cursor: number }>(
      "select status, done, total, cursor from retag_jobs where codebook_version = $1",
      [codebookVersion + 1],
    );
    expect(retags).toHaveLength(1);
    const { upToCursor } = await one<{ upToCursor: number }>('select count(*)::int as "upToCursor" from statements where id <= $1', [
      retags[0]!.cursor,
    ]);
    expect(retags[0]).toMatchObject({ status: "done", done: upToCursor });
    expect(retags[0]!.done).toBeGreaterThanOrEqual(retags[0]!.total);
    const { oldSuggestions } = await one<{ oldSuggestions: number }>(
      `select count(*)::int as "oldSuggestions" from tags where origin = 'auto' and status = 'suggested' and codebook_version <> $1`,
      [codebookVersion + 1],
    );
    expect(oldSuggestions).toBe(0);
    const { caviar } = await one<{ caviar: number }>(
      `select count(distinct t.statement_id)::int as caviar from tags t join themes th on th.id = t.theme_id where th.slug = 'energy-security' and t.evidence::text like '%caviar accord%'`,
    );
    expect(caviar).toBeGreaterThanOrEqual(IMPORT_ROWS); // the imported rows carry the new rule, whichever way they met the re-tag

    // Every row imported once.
    const { imported } = await one<{ imported: number }>(
      `select count(*)::int as imported from statements where text like 'Row %: the United States and Azerbaijan discussed%'`,
    );
    expect(imported).toBe(IMPORT_ROWS);
    const [importJob] = await rows<{ status: string; processed: number; imported: number; duplicates: number }>(
      "select status, processed, imported, duplicates from import_jobs",
    );
    expect(importJob).toMatchObject({ status: "done", processed: IMPORT_ROWS, imported: IMPORT_ROWS, duplicates: 0 });
    expect(await rows("select id from staged_uploads")).toEqual([]);

    // No lost update: of three edits from one version exactly one was kept; in the end every edit is kept, each
    // statement's version moved once per kept edit, and each kept edit has its audit entry and its tag.
    expect(outcomes.firstRoundKept).toBe(EDITED_STATEMENTS);
    expect(outcomes.kept).toBe(EDITED_STATEMENTS * editors.length);
    expect(outcomes.stale).toBeGreaterThanOrEqual(EDITED_STATEMENTS * (editors.length - 1));
    for (const statement of edited) {
      const { version } = await one<{ version: number }>("select version from statements where id = $1", [statement.id]);
      expect(version).toBe(statement.version + editors.length);
      const audit = await rows<{ email: string }>(
        "select u.email from audit_log a join users u on u.id = a.actor_id where a.entity_type = 'statement' and a.entity_id = $1 and a.action = 'tag.add' order by u.email",
        [String(statement.id)],
      );
      expect(audit.map((a) => a.email)).toEqual(editors.map((e) => e.email).sort());
      const kept = await rows<{ slug: string }>(
        "select th.slug from tags t join themes th on th.id = t.theme_id where t.statement_id = $1 and t.origin = 'human' and t.status = 'accepted' order by 1",
        [statement.id],
      );
      expect(kept.map((k) => k.slug)).toEqual(editors.map((e) => e.theme).sort());
    }

    // Series cells kept in step by three processes equal a rebuild from the rows.
    const db = drizzle(pool);
    const cells = async (tx: typeof db) => {
      const all: unknown[] = [];
      for (const grain of CELL_GRAINS) {
        const result =
          await tx.execute(sql`select ${grain} as grain, speaker_iso3, counterpart_iso3, theme_id, day::text, precision::text, statements, passages,
          round(tone_sum::numeric, 6)::text as tone_sum, round(tone_sum_sq::numeric, 6)::text as tone_sum_sq, tone_n
          from ${sql.raw(CELL_TABLES[grain])} order by 2, 3, 4, 5, 6`);
        all.push(...result.rows);
      }
      return all;
    };
    const incremental = await cells(db);
    expect(incremental.length).toBeGreaterThan(100);
    let rebuilt: unknown[] = [];
    await db
      .transaction(async (tx) => {
        await rebuildCells(tx as never);
        rebuilt = await cells(tx as never);
        throw new Error("roll back the rebuild");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back the rebuild"));
    // Counts exactly; tone sums to 1e-4 (added and taken away in another order, the last float digit differs).
    const close = (a: unknown[], b: unknown[]) =>
      a.length === b.length &&
      a.every((row, i) => {
        const { tone_sum: s1, tone_sum_sq: q1, ...x } = row as Record<string, string>;
        const { tone_sum: s2, tone_sum_sq: q2, ...y } = b[i] as Record<string, string>;
        return (
          JSON.stringify(x) === JSON.stringify(y) && Math.abs(Number(s1) - Number(s2)) < 1e-4 && Math.abs(Number(q1) - Number(q2)) < 1e-4
        );
      });
    expect(rebuilt).toHaveLength(incremental.length);
    expect(close(rebuilt, incremental)).toBe(true);

    // The work and the requests were spread: every instance answered requests.
    expect(proxy.served.every((n) => n > 10)).toBe(true);
    console.log(
      `[instances.test] ${upToCursor} statements re-tagged once (version ${codebookVersion + 1}), ${IMPORT_ROWS} rows imported once, ` +
        `${outcomes.kept} edits kept and ${outcomes.stale} refused as stale, ${incremental.length} cells equal to a rebuild; requests per instance ${proxy.served.join("/")}`,
    );
  }, 240_000);
});
