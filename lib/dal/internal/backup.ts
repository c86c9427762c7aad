import { createReadStream, createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { issuePasswordLink, NO_PASSWORD } from "@/lib/dal/internal/password-links";
import { passwordLinkPath } from "@/lib/dal/public/password-link";
import { rebuildCells } from "./series-cells";

/**
 * Backup archives: gzipped JSON lines. Line 1 is the manifest (format, version, row counts); then, per table
 * in the order below, a header line {"table", "rows"} followed by one JSON object per row, keyed by column.
 * Rows travel as Postgres renders them (to_jsonb), and come back through json_populate_recordset, so
 * timestamps keep their microseconds and every type converts in the database, the same on every driver.
 *
 * These are operator tools (command line, database credentials in hand), not reachable from the web, so
 * they take a database rather than a DalContext.
 */
export const BACKUP_FORMAT = "dyad-backup";
export const BACKUP_FORMAT_VERSION = 1;

/** In foreign-key order. Left out: password hashes, API tokens, set-password links (secrets); import and
 * re-tag and tone re-score job history (a statement's tone version travels with it, so tone scored by an older
 * engine is re-scored after a restore); series cells (recomputed from the rows on import); review claims (30-minute locks),
 * sign-in attempts (a security log of this server) and trained tagger models (retrained from the decisions). */
const TABLES = [
  { name: "users", key: "id", serial: true },
  { name: "countries", key: "iso3", serial: false },
  { name: "themes", key: "id", serial: true },
  { name: "codebook_versions", key: "version", serial: false },
  { name: "statements", key: "id", serial: true },
  { name: "passages", key: "id", serial: true },
  { name: "statement_pairs", key: "statement_id, speaker_iso3, counterpart_iso3", serial: false },
  { name: "passage_counterparts", key: "passage_id, iso3", serial: false },
  { name: "tags", key: "id", serial: true },
  { name: "events", key: "id", serial: true },
  { name: "audit_log", key: "id", serial: true },
  { name: "review_states", key: "statement_id", serial: false },
  { name: "tone_overrides", key: "id", serial: true },
  { name: "tone_baselines", key: "id", serial: true },
  { name: "agreement_samples", key: "id", serial: true },
  { name: "sample_statements", key: "sample_id, statement_id", serial: false },
  { name: "coding_assignments", key: "id", serial: true },
  { name: "coding_answers", key: "assignment_id, passage_id", serial: false },
  { name: "report_definitions", key: "id", serial: true },
] as const;

/** Columns the database computes itself (generated), left out of the archive. */
const COMPUTED: Partial<Record<TableName, string>> = { statements: "search_vector" };
type TableName = (typeof TABLES)[number]["name"];

/** Tables that must be empty before a restore (countries are reference data the app seeds itself). */
const MUST_BE_EMPTY: TableName[] = ["users", "themes", "codebook_versions", "statements", "events", "audit_log"];

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  /** Migrations applied to the database it came from: an archive from a newer schema is refused. */
  migrations: number;
  tables: { name: string; rows: number }[];
  passwords: "not included";
}

/** How many migrations this Dyad ships (the schema it writes and reads). */
export function schemaMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(process.cwd(), "db", "migrations", "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export class BackupError extends Error {
  override name = "BackupError";
}

const PAGE = 500;

/** Writes everything to a gzipped archive in one consistent snapshot; returns the manifest. */
export async function exportArchive(db: Db, file: string, migrations = schemaMigrations()): Promise<Manifest> {
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file));
  const writeLines = async (lines: string[]) => {
    if (lines.length > 0 && !gzip.write(`${lines.join("\n")}\n`)) await once(gzip, "drain");
  };
  const write = (value: unknown) => writeLines([JSON.stringify(value)]);
  const manifest = await db.transaction(
    async (tx) => {
      const tables: Manifest["tables"] = [];
      for (const t of TABLES) {
        const [row] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.identifier(t.name)}`));
        tables.push({ name: t.name, rows: row?.n ?? 0 });
      }
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        migrations,
        tables,
        passwords: "not included",
      };
      await write(manifest);
      for (const t of TABLES) {
        await write({ table: t.name, rows: tables.find((x) => x.name === t.name)!.rows });
        const left = t.name === "users" ? "password_hash" : COMPUTED[t.name];
        const drop = left ? sql` - ${left}::text` : sql``;
        for (let offset = 0; ; offset += PAGE) {
          const page = rowsOf<{ r: unknown }>(
            await tx.execute(
              sql`select to_jsonb(t)${drop} as r from ${sql.identifier(t.name)} t order by ${sql.raw(t.key)} limit ${PAGE} offset ${offset}`,
            ),
          );
          await writeLines(page.map(({ r }) => (typeof r === "string" ? r : JSON.stringify(r))));
          if (page.length < PAGE) break;
        }
      }
      return manifest;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  gzip.end();
  await written;
  return manifest;
}

export interface RestoreReport {
  manifest: Manifest;
  /** One set-password link path per enabled user: restored accounts have no password until they use it. */
  links: { email: string; path: string }[];
}

/**
 * Restores an archive into an empty, migrated database, all in one transaction: ids kept, sequences moved past
 * them, series cells recomputed, and a set-password link made for every enabled user. Refuses a database
 * that holds data, an archive of another format or a newer schema, and an archive whose rows do not add up.
 */
export async function importArchive(db: Db, file: string, migrations = schemaMigrations()): Promise<RestoreReport> {
  const raw = createReadStream(file);
  const gunzip = createGunzip();
  raw.on("error", (error) => gunzip.destroy(error)); // pipe() does not pass a missing file on
  const reader = createInterface({ input: raw.pipe(gunzip), crlfDelay: Infinity });
  try {
    return await restore(db, reader[Symbol.asyncIterator](), migrations);
  } finally {
    reader.close();
  }
}

async function restore(db: Db, lines: AsyncIterator<string>, migrations: number): Promise<RestoreReport> {
  const next = async (): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) return undefined;
    try {
      return JSON.parse(value);
    } catch {
      throw new BackupError("The archive is damaged: a line is not JSON.");
    }
  };
  let manifest: Manifest;
  try {
    manifest = checkManifest(await next(), migrations);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`This is not a Dyad backup archive (gzipped JSON lines): ${(error as Error).message}`);
  }
  return db.transaction(async (tx) => {
    await refuseUnlessEmpty(tx);
    for (const expected of manifest.tables) {
      const header = (await next()) as { table?: string; rows?: number } | undefined;
      if (header?.table !== expected.name || header.rows !== expected.rows) {
        throw new BackupError(`The archive is damaged: expected table ${expected.name} next.`);
      }
      let batch: Record<string, unknown>[] = [];
      let bytes = 0;
      const flush = async () => {
        if (batch.length > 0) await insertRows(tx, expected.name as TableName, batch);
        batch = [];
        bytes = 0;
      };
      for (let i = 0; i < expected.rows; i++) {
        const row = (await next()) as Record<string, unknown> | undefined;
        if (!row || typeof row !== "object")
          throw new BackupError(`The archive ends early, in table ${expected.name} (${i} of ${expected.rows} rows).`);
        batch.push(expected.name === "users" ? { ...row, password_hash: NO_PASSWORD } : row);
        bytes += JSON.stringify(row).length;
        // Themes in one statement: a parent may come after its child, and the foreign key is checked at its end.
        if (expected.name !== "themes" && (batch.length >= PAGE || bytes > 8_000_000)) await flush();
      }
      await flush();
    }
    if ((await next()) !== undefined) throw new BackupError("The archive has more rows than its manifest says; nothing was restored.");
    for (const t of TABLES) {
      if (t.serial) {
        await tx.execute(
          sql`select setval(pg_get_serial_sequence(${t.name}, 'id'), coalesce((select max(id) from ${sql.identifier(t.name)}), 0) + 1, false)`,
        );
      }
    }
    await rebuildCells(tx);
    const enabled = rowsOf<{ id: number; email: string }>(
      await tx.execute(sql`select id, email from users where not disabled order by id`),
    );
    const links = [];
    for (const u of enabled) links.push({ email: u.email, path: passwordLinkPath(await issuePasswordLink(tx, u.id, "restore")) });
    return { manifest, links };
  });
}

function checkManifest(value: unknown, migrations: number): Manifest {
  const m = value as Partial<Manifest> | undefined;
  if (m?.format !== BACKUP_FORMAT) throw new BackupError("This is not a Dyad backup archive (its first line is not a Dyad manifest).");
  if (m.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `This archive has format version ${m.formatVersion}; this Dyad reads version ${BACKUP_FORMAT_VERSION}. Use the Dyad that made it.`,
    );
  }
  if (typeof m.migrations !== "number" || m.migrations > migrations) {
    throw new BackupError(
      `This archive comes from a newer database schema (${m.migrations} migrations; this Dyad has ${migrations}). Upgrade Dyad first.`,
    );
  }
  const known = new Set<string>(TABLES.map((t) => t.name));
  if (!Array.isArray(m.tables) || m.tables.some((t) => !known.has(t.name) || !Number.isInteger(t.rows) || t.rows < 0)) {
    throw new BackupError("The archive's manifest lists tables this Dyad does not know.");
  }
  return m as Manifest;
}

async function refuseUnlessEmpty(db: Db): Promise<void> {
  const found: string[] = [];
  for (const name of MUST_BE_EMPTY) {
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${sql.identifier(name)}`));
    if (row && row.n > 0) found.push(`${row.n} ${name.replace("_", " ")}`);
  }
  if (found.length > 0) {
    throw new BackupError(
      `The target database is not empty (${found.join(", ")}); a restore only goes into an empty one. Create a new database (or a new PGLITE_DIR) and run the import again. Nothing was changed.`,
    );
  }
}

async function insertRows(db: Db, table: TableName, rows: Record<string, unknown>[]): Promise<void> {
  const target = sql.identifier(table);
  // Countries are reference data: the app may already have seeded them, and the archive's copy wins.
  const conflict = table === "countries" ? sql` on conflict (iso3) do update set name = excluded.name, aliases = excluded.aliases` : sql``;
  const columns = sql.join(
    Object.keys(rows[0] ?? {}).map((c) => sql.identifier(c)),
    sql`, `,
  );
  await db.execute(
    sql`insert into ${target} (${columns}) select ${columns} from json_populate_recordset(null::${target}, ${JSON.stringify(rows)}::json)${conflict}`,
  );
}
