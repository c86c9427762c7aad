import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, passages, statements, users } from "@/db/schema";
import { describeToneStep } from "@/lib/engine/tone-override";
import { writeAudit } from "./internal/audit";
import { requirePermission, type Actor, type DalContext } from "./context";
import { DalError } from "./errors";
import { withCells } from "./internal/series-cells";
import { isState, readState, writeState, type StatementState } from "./internal/statement-state";

export interface EditTarget {
  statementId: number;
  /** The statement version the person was looking at; a newer one means someone else saved first. */
  version: number;
}

export interface EditResult {
  version: number;
  /** The audit entry of this edit: undo restores the state it records as before. */
  auditId: number;
}

/**
 * The one way a person edits a statement: permission, optimistic lock, the change, series cells kept in step
 * and an audit entry with the whole state before and after — all in one transaction, so a refusal writes nothing.
 */
export async function editStatement(
  ctx: DalContext,
  target: EditTarget,
  action: string,
  change: (tx: Db, actor: Actor) => Promise<Record<string, unknown> | void>,
): Promise<EditResult> {
  const actor = await requirePermission(ctx, "tags:write");
  return withCells(ctx.db, [target.statementId], async (tx) => {
    const version = await bumpVersion(tx, target.statementId, target.version);
    const before = await readState(tx, target.statementId);
    const detail = (await change(tx, actor)) ?? {};
    const after = await readState(tx, target.statementId);
    const auditId = await writeAudit(tx, {
      actorId: actor.id,
      action,
      entityType: "statement",
      entityId: target.statementId,
      before: { ...before, version: target.version },
      after: { ...after, version, change: detail },
    });
    return { version, auditId };
  });
}

/** Optimistic lock: moves the statement to the next version only if nobody else has. */
async function bumpVersion(db: Db, statementId: number, expected: number): Promise<number> {
  const [updated] = await db
    .update(statements)
    .set({ version: sql`${statements.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(statements.id, statementId), eq(statements.version, expected)))
    .returning({ version: statements.version });
  if (updated) return updated.version;
  const [current] = await db.select({ version: statements.version }).from(statements).where(eq(statements.id, statementId));
  if (!current) throw new DalError("not_found", `There is no statement ${statementId}.`);
  throw new DalError(
    "conflict",
    `Someone else changed this statement while you were looking at it (you had version ${expected}, it is now version ${current.version}). Reload to see their change; nothing of yours was saved.`,
  );
}

/** Restores the state a statement had before the given change; itself an audited edit that can be undone. */
export async function restoreStatement(ctx: DalContext, target: EditTarget & { auditId: number }): Promise<EditResult> {
  return editStatement(ctx, target, "statement.restore", async (tx) => {
    const [entry] = await tx.select().from(auditLog).where(eq(auditLog.id, target.auditId));
    if (!entry || entry.entityType !== "statement" || entry.entityId !== String(target.statementId) || !isState(entry.before)) {
      throw new DalError("invalid", "That history entry does not hold a state of this statement that can be restored.");
    }
    await writeState(tx, target.statementId, entry.before);
    return { restoredFrom: target.auditId, toVersion: entry.before.version };
  });
}

export interface HistoryEntry {
  id: number;
  action: string;
  at: Date;
  actor: string | null;
  fromVersion: number | null;
  toVersion: number | null;
  summary: string;
  restorable: boolean;
}

/** A statement's changes, newest first, each with who made it and what changed. */
export async function statementHistory(ctx: DalContext, statementId: number): Promise<HistoryEntry[]> {
  await requirePermission(ctx, "statements:read");
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      at: auditLog.at,
      actor: users.name,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entityType, "statement"), eq(auditLog.entityId, String(statementId))))
    .orderBy(desc(auditLog.id));
  const ordinals = await ctx.db
    .select({ id: passages.id, ordinal: passages.ordinal })
    .from(passages)
    .where(eq(passages.statementId, statementId));
  const paragraph = new Map(ordinals.map((p) => [p.id, `¶${p.ordinal + 1}`]));
  const passageName = (id: number) => paragraph.get(id) ?? "a passage since re-segmented";
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    at: r.at,
    actor: r.actor,
    fromVersion: isState(r.before) ? r.before.version : null,
    toVersion: isState(r.after) ? r.after.version : null,
    summary: summarize(r.before, r.after, passageName),
    restorable: isState(r.before),
  }));
}

function summarize(before: unknown, after: unknown, passageName: (id: number) => string): string {
  const parts = describeChanges(before, after, passageName);
  return parts.join("; ") || (isState(before) && isState(after) ? "no change to tags, tone, pairs or metadata" : "");
}

/**
 * What a change did, one line per field that differs, "field: old → new". A statement edit is described by its
 * tags, tone, pairs and metadata; any other audited record field by field. Passages are named by passageName
 * (¶n where the caller knows the ordinals).
 */
export function describeChanges(before: unknown, after: unknown, passageName: (id: number) => string = (id) => `passage ${id}`): string[] {
  if (!isState(before) || !isState(after)) return describeFieldChanges(before, after);
  const parts: string[] = [];
  const tagKey = (t: StatementState["tags"][number]) =>
    `${t.theme}${t.passageId === null ? "" : ` ${passageName(t.passageId)}`}${t.spanStart === null ? "" : ` ${t.spanStart}–${t.spanEnd}`}`;
  const count = (state: StatementState) => {
    const map = new Map<string, string>();
    for (const t of state.tags) map.set(tagKey(t), t.status);
    return map;
  };
  const was = count(before);
  const now = count(after);
  for (const [key, status] of now) if (was.get(key) !== status) parts.push(`${key}: ${was.get(key) ?? "none"} → ${status}`);
  for (const [key, status] of was) if (!now.has(key)) parts.push(`${key}: ${status} → none`);
  const tone = (s: StatementState) =>
    s.toneOverrides.map((o) => `${o.passageId === null ? "statement" : passageName(o.passageId)} ${describeToneStep(o.value)}`).join(", ");
  if (tone(before) !== tone(after)) parts.push(`tone: ${tone(before) || "machine"} → ${tone(after) || "machine"}`);
  const pairs = (s: StatementState) => s.pairs.map((p) => `${p.speakerIso3}→${p.counterpartIso3}`).join(", ");
  if (pairs(before) !== pairs(after)) parts.push(`pairs: ${pairs(before)} → ${pairs(after)}`);
  for (const [field, value] of Object.entries(after.metadata)) {
    const old = before.metadata[field as keyof StatementState["metadata"]];
    if (old !== value) parts.push(`${field}: ${old ?? "—"} → ${value ?? "—"}`);
  }
  return parts;
}

function describeFieldChanges(before: unknown, after: unknown): string[] {
  const record = (v: unknown): Record<string, unknown> =>
    v === null || v === undefined ? {} : typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  const was = record(before);
  const now = record(after);
  const fields = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return fields.filter((f) => JSON.stringify(was[f]) !== JSON.stringify(now[f])).map((f) => `${f}: ${shown(was[f])} → ${shown(now[f])}`);
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
