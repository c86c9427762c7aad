import { and, desc, eq, gte, ilike, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditLog, users } from "@/db/schema";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";
import { describeChanges } from "./history";
import { usableDaySchema } from "@/lib/engine/dates";
import { escapeLike } from "./filters";
import { describeIssues, pageNumberSchema, plainText } from "@/lib/validation";

const day = usableDaySchema.optional();

export const auditFilterSchema = z.object({
  /** Part of the actor's email, or "system" for changes nobody made by hand. */
  actor: plainText(320).optional(),
  action: plainText(100).optional(),
  entityType: plainText(100).optional(),
  entityId: plainText(100).optional(),
  from: day,
  to: day,
  page: pageNumberSchema.default(1),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;
const EXPORT_LIMIT = 200_000;

export interface AuditRow {
  id: number;
  at: Date;
  actor: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** An audit entry for reading: what changed, one "field: old → new" line per field that differs. */
export interface AuditEntry extends AuditRow {
  changes: string[];
}

/** Audit entries newest first, filtered, one page at a time; only managers and admins read the log. */
export async function listAudit(
  ctx: DalContext,
  filter: AuditFilter,
): Promise<{ rows: AuditEntry[]; total: number; page: number; pages: number }> {
  await requirePermission(ctx, "users:manage");
  const f = parse(filter);
  const where = conditions(f);
  const [rows, [counted]] = await Promise.all([
    query(ctx, where)
      .limit(AUDIT_PAGE_SIZE)
      .offset((f.page - 1) * AUDIT_PAGE_SIZE),
    ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where),
  ]);
  const total = counted?.n ?? 0;
  return {
    rows: rows.map((r) => ({ ...r, changes: describeChanges(r.before, r.after) })),
    total,
    page: f.page,
    pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
  };
}

/** Every entry the filter matches (page ignored), for the CSV export. */
export async function exportAudit(ctx: DalContext, filter: AuditFilter): Promise<AuditRow[]> {
  await requirePermission(ctx, "users:manage");
  return query(ctx, conditions(parse(filter))).limit(EXPORT_LIMIT);
}

function parse(filter: AuditFilter) {
  const parsed = auditFilterSchema.safeParse(filter);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to)
    throw new DalError("invalid", "The start date is after the end date.");
  return parsed.data;
}

function query(ctx: DalContext, where: SQL | undefined) {
  return ctx.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: users.email,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.id));
}

function conditions(f: z.output<typeof auditFilterSchema>): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.actor) parts.push(f.actor === "system" ? sql`${auditLog.actorId} is null` : ilike(users.email, `%${escapeLike(f.actor)}%`));
  if (f.action) parts.push(ilike(auditLog.action, `${escapeLike(f.action)}%`));
  if (f.entityType) parts.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditLog.entityId, f.entityId));
  // The range is of whole UTC days, both ends included.
  if (f.from) parts.push(gte(auditLog.at, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) parts.push(lt(auditLog.at, new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000)));
  return and(...parts);
}

/** The distinct actions and entity types, for the filter's suggestions. */
export async function auditVocabulary(ctx: DalContext): Promise<{ actions: string[]; entityTypes: string[] }> {
  await requirePermission(ctx, "users:manage");
  const [actions, entityTypes] = await Promise.all([
    ctx.db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action),
    ctx.db.selectDistinct({ v: auditLog.entityType }).from(auditLog).orderBy(auditLog.entityType),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entityTypes.map((r) => r.v) };
}
