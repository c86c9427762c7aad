import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { statementPairs, statements, tags, themes, toneOverrides } from "@/db/schema";
import type { AnalysedStatement, ThemeEvidence } from "@/lib/engine/types";
import { DalError } from "../errors";
import { applyTone } from "./tone";

/** Everything a person can change about a statement: what the audit log records before and after each edit. */
export interface StatementState {
  version: number;
  metadata: Pick<
    AnalysedStatement,
    "title" | "date" | "datePrecision" | "speakerName" | "speakerTitle" | "speakerCountry" | "venue" | "sourceUrl" | "kind"
  >;
  pairs: AnalysedStatement["pairs"];
  tags: {
    passageId: number | null;
    spanStart: number | null;
    spanEnd: number | null;
    themeId: number;
    theme: string;
    origin: "auto" | "human";
    status: "suggested" | "accepted" | "rejected";
    confidence: number | null;
    evidence: ThemeEvidence[];
    codebookVersion: number | null;
    authorId: number | null;
  }[];
  toneOverrides: { passageId: number | null; value: number; note: string | null; authorId: number | null }[];
}

export async function readState(db: Db, statementId: number): Promise<StatementState> {
  const [row] = await db.select().from(statements).where(eq(statements.id, statementId));
  if (!row) throw new DalError("not_found", `There is no statement ${statementId}.`);
  // One query at a time: inside a transaction `db` is a single connection.
  const pairRows = await db
    .select({
      speakerIso3: statementPairs.speakerIso3,
      counterpartIso3: statementPairs.counterpartIso3,
      origin: statementPairs.origin,
      isPrimary: statementPairs.isPrimary,
      mentions: statementPairs.mentions,
    })
    .from(statementPairs)
    .where(eq(statementPairs.statementId, statementId))
    .orderBy(asc(statementPairs.speakerIso3), asc(statementPairs.counterpartIso3));
  const tagRows = await db
    .select({
      passageId: tags.passageId,
      spanStart: tags.spanStart,
      spanEnd: tags.spanEnd,
      themeId: tags.themeId,
      theme: themes.slug,
      origin: tags.origin,
      status: tags.status,
      confidence: tags.confidence,
      evidence: tags.evidence,
      codebookVersion: tags.codebookVersion,
      authorId: tags.authorId,
    })
    .from(tags)
    .innerJoin(themes, eq(themes.id, tags.themeId))
    .where(eq(tags.statementId, statementId))
    .orderBy(asc(tags.id));
  const overrideRows = await db
    .select({ passageId: toneOverrides.passageId, value: toneOverrides.value, note: toneOverrides.note, authorId: toneOverrides.authorId })
    .from(toneOverrides)
    .where(eq(toneOverrides.statementId, statementId))
    .orderBy(asc(toneOverrides.id));
  return {
    version: row.version,
    metadata: {
      title: row.title,
      date: row.date,
      datePrecision: row.datePrecision,
      speakerName: row.speakerName,
      speakerTitle: row.speakerTitle,
      speakerCountry: row.speakerCountry,
      venue: row.venue,
      sourceUrl: row.sourceUrl,
      kind: row.kind,
    },
    pairs: pairRows,
    tags: tagRows,
    toneOverrides: overrideRows,
  };
}

/** Puts a statement back into a recorded state: its tags, pairs, metadata and tone overrides. */
export async function writeState(db: Db, statementId: number, state: StatementState): Promise<void> {
  await db.update(statements).set(state.metadata).where(eq(statements.id, statementId));
  await db.delete(statementPairs).where(eq(statementPairs.statementId, statementId));
  if (state.pairs.length > 0) await db.insert(statementPairs).values(state.pairs.map((p) => ({ ...p, statementId })));
  await db.delete(tags).where(eq(tags.statementId, statementId));
  if (state.tags.length > 0) {
    await db.insert(tags).values(state.tags.map(({ theme: _slug, ...t }) => ({ ...t, statementId })));
  }
  await db.delete(toneOverrides).where(eq(toneOverrides.statementId, statementId));
  if (state.toneOverrides.length > 0) await db.insert(toneOverrides).values(state.toneOverrides.map((o) => ({ ...o, statementId })));
  await applyTone(db, statementId);
}

export function isState(value: unknown): value is StatementState {
  return typeof value === "object" && value !== null && Array.isArray((value as StatementState).tags) && "metadata" in value;
}
