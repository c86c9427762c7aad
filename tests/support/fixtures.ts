import { sql } from "drizzle-orm";
import { rowsOf, type Db, type Driver } from "@/db/client";
import { seedCodebook, seedCountries } from "@/lib/boot/seed";
import { users } from "@/db/schema";
import type { Role } from "@/lib/dal/permissions";
import type { DalContext } from "@/lib/dal/context";
import { hashPassword } from "@/lib/dal/internal/accounts";
import { createTestDatabase, type TestDatabase } from "./db";

export const PASSWORD = "correct horse battery staple";

export type Person = Role | "disabled" | "anonymous";
export const PEOPLE: Person[] = ["anonymous", "disabled", "analyst", "staff", "manager", "admin"];

/** One user per role plus a disabled manager; returns a DAL context for each, and one for nobody. */
export async function createPeople(db: Db): Promise<Record<Person, DalContext>> {
  const passwordHash = await hashPassword(PASSWORD);
  const rows = await db
    .insert(users)
    .values([
      ...(["analyst", "staff", "manager", "admin"] as const).map((role) => ({
        email: `${role}@test.example`,
        name: role,
        role,
        passwordHash,
      })),
      { email: "disabled@test.example", name: "disabled", role: "manager" as const, passwordHash, disabled: true },
    ])
    .returning({ id: users.id, email: users.email });
  const idOf = (prefix: string) => rows.find((r) => r.email.startsWith(`${prefix}@`))?.id ?? null;
  return {
    anonymous: { db, userId: null },
    disabled: { db, userId: idOf("disabled") },
    analyst: { db, userId: idOf("analyst") },
    staff: { db, userId: idOf("staff") },
    manager: { db, userId: idOf("manager") },
    admin: { db, userId: idOf("admin") },
  };
}

/** Row counts of every table a refused action must leave alone. */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const result = await db.execute(sql`select
    (select count(*) from statements)::int as statements,
    (select coalesce(sum(version), 0) from statements)::int as versions,
    (select count(*) from passages)::int as passages,
    (select count(*) from tags)::int as tags,
    (select count(*) filter (where status = 'rejected') from tags)::int as rejected,
    (select count(*) from statement_pairs)::int as pairs,
    (select count(*) from audit_log)::int as audit,
    (select count(*) from report_definitions)::int as reports,
    (select count(*) from feed_sources)::int as feeds,
    (select count(*) filter (where paused) from feed_sources)::int as paused_feeds`);
  return rowsOf<Record<string, number>>(result)[0] ?? {};
}

/** A fresh database on a driver with countries, the default codebook and one person per role. */
export async function createSeededDatabase(driver: Driver): Promise<{ database: TestDatabase; people: Record<Person, DalContext> }> {
  const database = await createTestDatabase(driver);
  await seedCountries(database.db);
  await seedCodebook(database.db);
  return { database, people: await createPeople(database.db) };
}
