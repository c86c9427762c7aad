import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { countries, statementPairs, statements } from "@/db/schema";
import { sourceProblem } from "@/lib/ingest/draft";
import type { DalContext } from "./context";
import { DalError } from "./errors";
import { editStatement, type EditResult, type EditTarget } from "./history";
import { blankAsNull, describeIssues, iso3Schema, isoDaySchema } from "@/lib/validation";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => v || null)
    .nullable();

export const metadataSchema = z.object({
  title: z.string().trim().min(1, "a statement needs a title").max(500),
  date: blankAsNull(isoDaySchema),
  datePrecision: z.enum(["day", "month", "year"]).nullable(),
  speakerName: optionalText(200),
  speakerTitle: optionalText(300),
  speakerCountry: blankAsNull(iso3Schema),
  venue: optionalText(300),
  sourceUrl: z
    .string()
    .trim()
    .max(2000)
    .superRefine((v, ctx) => {
      const problem = sourceProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v || null)
    .nullable(),
  kind: z.string().trim().min(1).max(50),
});
export type MetadataInput = z.input<typeof metadataSchema>;

/** Corrects a statement's title, date, speaker, venue, source or kind; the charts move with the date. */
export async function updateMetadata(ctx: DalContext, change: EditTarget & { metadata: MetadataInput }): Promise<EditResult> {
  const parsed = metadataSchema.safeParse(change.metadata);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const metadata = parsed.data;
  return editStatement(ctx, change, "statement.metadata", async (tx) => {
    if (metadata.speakerCountry) await requireCountries(tx, [metadata.speakerCountry]);
    await tx
      .update(statements)
      .set({ ...metadata, datePrecision: metadata.date ? (metadata.datePrecision ?? "day") : null })
      .where(eq(statements.id, change.statementId));
  });
}

/** A statement's country pairs as an editor sends them (codes in any case; the DAL checks the countries exist). */
export const pairsSchema = z
  .array(z.object({ speakerIso3: iso3Schema, counterpartIso3: iso3Schema, isPrimary: z.boolean() }))
  .max(100, "at most 100 pairs");
export type PairInput = z.input<typeof pairsSchema>[number];

/** Replaces a statement's country pairs; pairs it already had keep their origin and mention count. */
export async function setPairs(ctx: DalContext, change: EditTarget & { pairs: PairInput[] }): Promise<EditResult> {
  const parsed = pairsSchema.safeParse(change.pairs);
  if (!parsed.success) throw new DalError("invalid", describeIssues(parsed.error));
  const pairs = parsed.data;
  const keys = new Set<string>();
  for (const p of pairs) {
    if (p.speakerIso3 === p.counterpartIso3)
      throw new DalError("invalid", `A pair needs two countries (${p.speakerIso3} → ${p.counterpartIso3}).`);
    const key = `${p.speakerIso3}>${p.counterpartIso3}`;
    if (keys.has(key)) throw new DalError("invalid", `The pair ${p.speakerIso3} → ${p.counterpartIso3} is listed twice.`);
    keys.add(key);
  }
  if (pairs.filter((p) => p.isPrimary).length > 1) throw new DalError("invalid", "Only one pair can be the primary one.");
  return editStatement(ctx, change, "statement.pairs", async (tx) => {
    await requireCountries(
      tx,
      pairs.flatMap((p) => [p.speakerIso3, p.counterpartIso3]),
    );
    const existing = await tx.select().from(statementPairs).where(eq(statementPairs.statementId, change.statementId));
    const kept = new Map(existing.map((p) => [`${p.speakerIso3}>${p.counterpartIso3}`, p]));
    await tx.delete(statementPairs).where(eq(statementPairs.statementId, change.statementId));
    if (pairs.length > 0) {
      await tx.insert(statementPairs).values(
        pairs.map((p) => {
          const old = kept.get(`${p.speakerIso3}>${p.counterpartIso3}`);
          return { ...p, statementId: change.statementId, origin: old?.origin ?? ("manual" as const), mentions: old?.mentions ?? 0 };
        }),
      );
    }
  });
}

async function requireCountries(db: DalContext["db"], codes: string[]): Promise<void> {
  if (codes.length === 0) return;
  const found = new Set(
    (await db.select({ iso3: countries.iso3 }).from(countries).where(inArray(countries.iso3, codes))).map((c) => c.iso3),
  );
  const missing = [...new Set(codes)].filter((c) => !found.has(c));
  if (missing.length > 0) throw new DalError("invalid", `Unknown country code: ${missing.join(", ")}.`);
}
