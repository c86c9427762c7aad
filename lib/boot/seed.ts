import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { isDeepStrictEqual } from "node:util";
import { count, desc, eq, sql } from "drizzle-orm";
import { DEMO_ACCOUNTS } from "@/lib/auth/demo-accounts";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { hashPassword } from "@/lib/dal/internal/accounts";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import type { ThemeDefinition } from "@/lib/engine/types";
import { COUNTRIES } from "@/lib/engine/countries";
import type { StatementDraft } from "@/lib/ingest/draft";
import { analyseDraft } from "@/lib/ingest/pipeline";
import type { Db } from "@/db/client";
import { codebookVersions, countries, statements, themes, users } from "@/db/schema";

const DEMO_DIR = path.join(process.cwd(), "data", "demo");

export interface SeedOptions {
  demoAccounts: boolean;
  /** Load the demo corpus into an empty database (on by default; tests switch it off). */
  demoCorpus?: boolean;
}

/** Brings reference data up to date and fills an empty database with the demo corpus. Idempotent. */
export async function seedDatabase(db: Db, options: SeedOptions) {
  const report = { countries: await seedCountries(db), codebookVersion: await seedCodebook(db), demoAccounts: 0, statements: 0 };
  if (options.demoAccounts) report.demoAccounts = await seedDemoAccounts(db);
  if (options.demoCorpus !== false) report.statements = await seedDemoCorpus(db);
  return report;
}

export async function seedCountries(db: Db): Promise<number> {
  await db
    .insert(countries)
    .values(COUNTRIES.map((c) => ({ iso3: c.iso3, name: c.name, aliases: c.aliases })))
    .onConflictDoUpdate({ target: countries.iso3, set: { name: sql`excluded.name`, aliases: sql`excluded.aliases` } });
  return COUNTRIES.length;
}

/**
 * The default codebook as version 1, once. While no person has edited the codebook (every version is the app's),
 * a newer shipped codebook becomes the next version; the start-up re-tag (lib/dal/internal/retag.ts) then applies it.
 * Once a manager has edited it, the codebook is theirs and shipped changes stay out.
 */
export async function seedCodebook(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table codebook_versions in exclusive mode`); // two servers starting at once write one version
    const versions = await tx
      .select({ version: codebookVersions.version, createdBy: codebookVersions.createdBy, snapshot: codebookVersions.snapshot })
      .from(codebookVersions)
      .orderBy(desc(codebookVersions.version));
    const shipped = JSON.parse(JSON.stringify(DEFAULT_CODEBOOK)) as ThemeDefinition[];
    const [latest] = versions;
    if (latest && (versions.some((v) => v.createdBy !== null) || isDeepStrictEqual(latest.snapshot, shipped))) return latest.version;
    const idBySlug = new Map((await tx.select({ id: themes.id, slug: themes.slug }).from(themes)).map((t) => [t.slug, t.id]));
    for (const theme of DEFAULT_CODEBOOK) {
      const parentId = theme.parent ? (idBySlug.get(theme.parent) ?? null) : null;
      const values = { name: theme.name, color: theme.color, parentId, enabled: theme.enabled, rules: theme.rules };
      const id = idBySlug.get(theme.slug);
      if (id !== undefined) await tx.update(themes).set(values).where(eq(themes.id, id));
      else {
        const [row] = await tx
          .insert(themes)
          .values({ slug: theme.slug, ...values })
          .returning({ id: themes.id });
        if (row) idBySlug.set(theme.slug, row.id);
      }
    }
    const version = (latest?.version ?? 0) + 1;
    await tx
      .insert(codebookVersions)
      .values({ version, snapshot: DEFAULT_CODEBOOK, note: latest ? "Shipped codebook updated" : "Default codebook" });
    return version;
  });
}

export async function seedDemoAccounts(db: Db): Promise<number> {
  const rows = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => ({ email: a.email, name: a.name, role: a.role, passwordHash: await hashPassword(a.password) })),
  );
  const inserted = await db.insert(users).values(rows).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return inserted.length;
}

async function seedDemoCorpus(db: Db): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(statements);
  if (existing && existing.n > 0) return 0;
  const codebook = await activeCodebook(db);
  const drafts = [{ ...seedStatementDraft(), ...seedStatementDate() }, ...ungdDrafts()];
  let written = 0;
  for (const draft of drafts) {
    const result = await writeStatement(db, analyseDraft(draft, codebook), null);
    if (!result.duplicate) written++;
  }
  return written;
}

/** The statement Dyad began from. Its page gives "February 19" but no year, so the date stays unknown. */
export function seedStatementDraft(): StatementDraft {
  return {
    raw: readFileSync(path.join(DEMO_DIR, "seed-statement.txt"), "utf8"),
    speakerName: "William Burns",
    speakerTitle: "Under Secretary of State for Political Affairs",
    speakerCountry: "USA",
    counterparts: ["AZE"],
    venue: "Baku",
    kind: "press release",
    language: "en",
  };
}

/**
 * The demo's date for the seed statement: a staff decision with its source (data/demo/seed-statement.json),
 * applied when the demo loads. The engine still never guesses a year.
 */
export function seedStatementDate(): { date: string; datePrecision: "day" } {
  const meta = JSON.parse(readFileSync(path.join(DEMO_DIR, "seed-statement.json"), "utf8")) as { date: string; datePrecision: "day" };
  return { date: meta.date, datePrecision: meta.datePrecision };
}

interface UngdRow {
  id: string;
  country_iso3: string;
  country_name: string;
  year: number;
  speaker_name: string | null;
  text: string;
}

function ungdDrafts(): StatementDraft[] {
  const lines = gunzipSync(readFileSync(path.join(DEMO_DIR, "ungd-1981-2023.jsonl.gz")))
    .toString("utf8")
    .split("\n");
  return lines
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as UngdRow)
    .map((row) => ({
      raw: row.text,
      title: `${row.country_name} at the UN General Debate, ${row.year}`,
      date: `${row.year}-01-01`,
      datePrecision: "year" as const,
      speakerName: row.speaker_name,
      speakerCountry: row.country_iso3,
      venue: "UN General Assembly, New York",
      kind: "speech",
      language: "en",
    }));
}
