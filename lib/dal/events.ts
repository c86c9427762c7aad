import { and, asc, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { codebookVersions, events } from "@/db/schema";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import { cachedRead } from "./read-cache";
import { DalError } from "./errors";
import { usableDaySchema } from "@/lib/engine/dates";
import { blankAsNull, describeIssues, iso3Schema } from "@/lib/validation";

export interface ChartEvent {
  day: string;
  label: string;
  kind: "event" | "codebook";
}

/** Events of the given pairs (either direction) and global ones, plus codebook version changes. */
export function eventsFor(ctx: DalContext, pairs: { speaker: string; counterpart: string }[]): Promise<ChartEvent[]> {
  const key = pairs.map(({ speaker, counterpart }) => ({ speaker, counterpart }));
  return cachedRead(ctx, "series:read", "eventsFor", key, () => readEvents(ctx, key));
}

async function readEvents(ctx: DalContext, pairs: { speaker: string; counterpart: string }[]): Promise<ChartEvent[]> {
  await requirePermission(ctx, "series:read");
  const pairMatch = pairs.map(({ speaker, counterpart }) =>
    or(
      and(eq(events.countryA, speaker), eq(events.countryB, counterpart)),
      and(eq(events.countryA, counterpart), eq(events.countryB, speaker)),
    ),
  );
  const [rows, versions] = await Promise.all([
    ctx.db
      .select({ day: events.day, label: events.label })
      .from(events)
      .where(or(isNull(events.countryA), ...pairMatch))
      .orderBy(asc(events.day)),
    ctx.db
      .select({ version: codebookVersions.version, at: codebookVersions.createdAt })
      .from(codebookVersions)
      .orderBy(asc(codebookVersions.version)),
  ]);
  return [
    ...rows.map((r) => ({ ...r, kind: "event" as const })),
    ...versions.slice(1).map((v) => ({ day: v.at.toISOString().slice(0, 10), label: `codebook v${v.version}`, kind: "codebook" as const })),
  ];
}

const eventSchema = z.object({
  day: usableDaySchema,
  label: z.string().trim().min(1, "describe the event").max(200),
  countryA: blankAsNull(iso3Schema).default(null),
  countryB: blankAsNull(iso3Schema).default(null),
});
export type EventInput = z.input<typeof eventSchema>;

/** A valid event, or a refusal saying what is wrong with it. */
function parseEvent(input: EventInput) {
  const parsed = eventSchema.safeParse(input);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  if ((parsed.data.countryA === null) !== (parsed.data.countryB === null))
    throw new DalError("invalid", "Give both countries of the pair, or neither.");
  return parsed.data;
}

export async function addEvent(ctx: DalContext, input: EventInput) {
  const actor = await requirePermission(ctx, "events:write");
  const event = parseEvent(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...event, createdBy: actor.id })
      .returning({ id: events.id });
    await writeAudit(tx, { actorId: actor.id, action: "event.add", entityType: "event", entityId: row!.id, after: event });
    return row!.id;
  });
}

/**
 * Staff add markers as they work; editing and deleting them is administration, so it asks for a manager
 * (the same people who keep the codebook, the other thing drawn on every chart).
 */
const MANAGE_EVENTS = "codebook:manage" as const;

export async function listEvents(ctx: DalContext) {
  await requirePermission(ctx, MANAGE_EVENTS);
  return ctx.db
    .select({ id: events.id, day: events.day, label: events.label, countryA: events.countryA, countryB: events.countryB })
    .from(events)
    .orderBy(desc(events.day), desc(events.id));
}

export async function updateEvent(ctx: DalContext, id: number, input: EventInput) {
  const actor = await requirePermission(ctx, MANAGE_EVENTS);
  const event = parseEvent(input);
  return ctx.db.transaction(async (tx) => {
    const before = await eventRow(tx, id);
    await tx.update(events).set(event).where(eq(events.id, id));
    await writeAudit(tx, { actorId: actor.id, action: "event.update", entityType: "event", entityId: id, before, after: event });
    return { id };
  });
}

export async function deleteEvent(ctx: DalContext, id: number) {
  const actor = await requirePermission(ctx, MANAGE_EVENTS);
  return ctx.db.transaction(async (tx) => {
    const before = await eventRow(tx, id);
    await tx.delete(events).where(eq(events.id, id));
    await writeAudit(tx, { actorId: actor.id, action: "event.delete", entityType: "event", entityId: id, before });
    return { id };
  });
}

async function eventRow(db: DalContext["db"], id: number) {
  const [row] = await db
    .select({ day: events.day, label: events.label, countryA: events.countryA, countryB: events.countryB })
    .from(events)
    .where(eq(events.id, id))
    .for("update");
  if (!row) throw new DalError("not_found", `There is no event ${id}.`);
  return row;
}
