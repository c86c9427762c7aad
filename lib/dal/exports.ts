import { asc, inArray, sql } from "drizzle-orm";
import { statementPairs, statements, tags, themes } from "@/db/schema";
import { writeAudit } from "./internal/audit";
import { requirePermission, type DalContext } from "./context";
import type { StatementFilter } from "./filters";
import { statementWhere } from "./internal/statement-filter-sql";

export interface ExportedStatement {
  id: number;
  date: string | null;
  datePrecision: string | null;
  title: string;
  speakerName: string | null;
  speakerTitle: string | null;
  speakerCountry: string | null;
  counterparts: string;
  themes: string;
  tone: number | null;
  sourceUrl: string | null;
}

/** The statements behind a chart, for managers' reports; the export itself is audited. */
export async function exportStatements(ctx: DalContext, filter: StatementFilter): Promise<ExportedStatement[]> {
  const actor = await requirePermission(ctx, "reports:export");
  const rows = await ctx.db
    .select({
      id: statements.id,
      date: statements.date,
      datePrecision: statements.datePrecision,
      title: statements.title,
      speakerName: statements.speakerName,
      speakerTitle: statements.speakerTitle,
      speakerCountry: statements.speakerCountry,
      tone: statements.tone,
      sourceUrl: statements.sourceUrl,
    })
    .from(statements)
    .where(statementWhere(filter))
    .orderBy(sql`${statements.date} asc nulls last`, asc(statements.id));
  const ids = rows.map((r) => r.id);
  const [pairs, themeRows] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          ctx.db
            .select({ statementId: statementPairs.statementId, iso3: statementPairs.counterpartIso3 })
            .from(statementPairs)
            .where(inArray(statementPairs.statementId, ids))
            .orderBy(sql`${statementPairs.isPrimary} desc`, sql`${statementPairs.mentions} desc`),
          ctx.db
            .selectDistinct({ statementId: tags.statementId, slug: themes.slug })
            .from(tags)
            .innerJoin(themes, sql`${themes.id} = ${tags.themeId}`)
            .where(sql`${inArray(tags.statementId, ids)} and ${tags.status} <> 'rejected'`)
            .orderBy(asc(themes.slug)),
        ]);
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: "export.statements_csv",
    entityType: "export",
    entityId: "statements",
    after: { filter, rows: rows.length },
  });
  return rows.map((r) => ({
    ...r,
    counterparts: joinFor(pairs, r.id, (p) => p.iso3),
    themes: joinFor(themeRows, r.id, (t) => t.slug),
  }));
}

function joinFor<T extends { statementId: number }>(rows: T[], id: number, pick: (row: T) => string): string {
  return rows
    .filter((row) => row.statementId === id)
    .map(pick)
    .join("; ");
}
