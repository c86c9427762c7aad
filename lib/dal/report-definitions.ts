import { asc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { reportDefinitions, users } from "@/db/schema";
import { reportSpecSchema, type ReportSpec } from "@/lib/export/report-spec";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { describeIssues, parseId, plainText } from "@/lib/validation";

const nameSchema = plainText(120).pipe(z.string().min(1, "give the report a name"));

export interface SavedReport {
  id: number;
  name: string;
  spec: ReportSpec;
  createdBy: string | null;
  createdAt: Date;
}

/** Saves a report definition under a new name; the same name twice is refused, and nothing is written. */
export async function saveReport(ctx: DalContext, input: { name: string; spec: unknown }): Promise<{ id: number }> {
  const actor = await requirePermission(ctx, "reports:export");
  const name = nameSchema.safeParse(input.name);
  if (!name.success) throw new DalError("invalid", `The report name: ${describeIssues(name.error)}.`);
  const spec = reportSpecSchema.safeParse(input.spec);
  if (!spec.success) throw new DalError("invalid", `This report cannot be saved: ${describeIssues(spec.error)}.`);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: reportDefinitions.id })
      .from(reportDefinitions)
      .where(eq(sql`lower(${reportDefinitions.name})`, name.data.toLowerCase()));
    if (taken)
      throw new DalError("conflict", `A report named "${name.data}" exists already; choose another name or delete that one first.`);
    const [row] = await tx
      .insert(reportDefinitions)
      .values({ name: name.data, spec: spec.data, createdBy: actor.id })
      .returning({ id: reportDefinitions.id });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "report.save",
      entityType: "report_definition",
      entityId: row!.id,
      after: { name: name.data, spec: spec.data },
    });
    return { id: row!.id };
  });
}

/** Saved reports with their author; the stored spec is parsed, never trusted as typed (db/ knows no export types). */
async function savedReports(ctx: DalContext, where?: SQL): Promise<SavedReport[]> {
  const rows = await ctx.db
    .select({
      id: reportDefinitions.id,
      name: reportDefinitions.name,
      spec: reportDefinitions.spec,
      createdBy: users.name,
      createdAt: reportDefinitions.createdAt,
    })
    .from(reportDefinitions)
    .leftJoin(users, eq(users.id, reportDefinitions.createdBy))
    .where(where)
    .orderBy(asc(reportDefinitions.name));
  return rows.map((row) => ({ ...row, spec: reportSpecSchema.parse(row.spec) }));
}

export async function listReports(ctx: DalContext): Promise<SavedReport[]> {
  await requirePermission(ctx, "reports:export");
  return savedReports(ctx);
}

const NOT_SAVED = "There is no such saved report; it may have been deleted.";

export async function getReport(ctx: DalContext, id: number): Promise<SavedReport> {
  await requirePermission(ctx, "reports:export");
  if (parseId(id) === null) throw new DalError("not_found", NOT_SAVED);
  const [row] = await savedReports(ctx, eq(reportDefinitions.id, id));
  if (!row) throw new DalError("not_found", NOT_SAVED);
  return row;
}

export async function deleteReport(ctx: DalContext, id: number): Promise<void> {
  const actor = await requirePermission(ctx, "reports:export");
  if (parseId(id) === null) throw new DalError("not_found", NOT_SAVED);
  await ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(reportDefinitions).where(eq(reportDefinitions.id, id)).returning();
    if (!gone) throw new DalError("not_found", "There is no such saved report; it may have been deleted already.");
    await writeAudit(tx, {
      actorId: actor.id,
      action: "report.delete",
      entityType: "report_definition",
      entityId: id,
      before: { name: gone.name, spec: gone.spec },
    });
  });
}
