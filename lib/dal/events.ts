import { and, asc, eq, isNull, or } from "drizzle-orm";
import { codebookVersions, events } from "@/db/schema";
import { writeAudit } from "./audit";
import { requirePermission, type DalContext } from "./context";

export interface ChartEvent {
  day: string;
  label: string;
  kind: "event" | "codebook";
}

/** Events of the given pairs (either direction) and global ones, plus codebook version changes. */
export async function eventsFor(ctx: DalContext, pairs: { speaker: string; counterpart: string }[]): Promise<ChartEvent[]> {
  await requirePermission(ctx, "series:read");
  const pairMatch = pairs.map(({ speaker, counterpart }) =>
    or(and(eq(events.countryA, speaker), eq(events.countryB, counterpart)), and(eq(events.countryA, counterpart), eq(events.countryB, speaker))),
  );
  const [rows, versions] = await Promise.all([
    ctx.db.select({ day: events.day, label: events.label }).from(events).where(or(isNull(events.countryA), ...pairMatch)).orderBy(asc(events.day)),
    ctx.db.select({ version: codebookVersions.version, at: codebookVersions.createdAt }).from(codebookVersions).orderBy(asc(codebookVersions.version)),
  ]);
  return [
    ...rows.map((r) => ({ ...r, kind: "event" as const })),
    ...versions.slice(1).map((v) => ({ day: v.at.toISOString().slice(0, 10), label: `codebook v${v.version}`, kind: "codebook" as const })),
  ];
}

export async function addEvent(ctx: DalContext, event: { day: string; label: string; countryA?: string; countryB?: string }) {
  const actor = await requirePermission(ctx, "events:write");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ day: event.day, label: event.label, countryA: event.countryA ?? null, countryB: event.countryB ?? null, createdBy: actor.id })
      .returning({ id: events.id });
    await writeAudit(tx, { actorId: actor.id, action: "event.add", entityType: "event", entityId: row!.id, after: event });
    return row!.id;
  });
}
