import { and, asc, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passages, statements, tags, themes } from "@/db/schema";
import { compileRussianCodebook, languageNote, tagRussianPassage, tokenizeRu, type RussianCodebook } from "@/lib/engine/russian";
import { compileCodebook, tagStatement, type CompiledCodebook } from "@/lib/engine/tag";
import type { ThemeDefinition, ThemeEvidence, ThemeRules } from "@/lib/engine/types";
import { themeDefinitions } from "./internal/codebook";
import { parseRules } from "./codebook-admin";
import { requirePermission, type DalContext } from "./context";
import { DalError } from "./errors";

const SAMPLE_STATEMENTS = 60;
const REVIEWED_LIMIT = 400;
const SHOWN_PASSAGES = 12;
const EXCERPT = 320;

export interface Quality {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number | null;
  recall: number | null;
}

export interface PreviewPassage {
  statementId: number;
  title: string;
  /** The statement's language: its passages were matched by that language's rules. */
  language: string;
  /** "added": the draft tags it and the saved rules do not; "dropped": the other way round. */
  change: "added" | "dropped" | "kept";
  excerpt: string;
  /** Evidence spans as offsets into `excerpt`. */
  evidence: ThemeEvidence[];
}

export interface RulePreview {
  sample: { statements: number; passagesNow: number; passagesDraft: number };
  passages: PreviewPassage[];
  reviewed: {
    statements: number;
    now: Quality;
    draft: Quality;
    byLanguage: { language: string; statements: number; now: Quality; draft: Quality }[];
  };
}

interface Analysed {
  id: number;
  title: string;
  text: string;
  language: string;
  passages: { ordinal: number; start: number; end: number }[];
}

/**
 * What draft rules for one theme would do, before they are saved: the passages of recent statements they
 * tag (evidence marked) compared with the saved rules, and precision and recall against the statements people
 * have reviewed for this theme (a person accepted or rejected it). Reads only; writes nothing.
 */
export async function previewThemeRules(ctx: DalContext, input: { slug: string; rules: ThemeRules }): Promise<RulePreview> {
  await requirePermission(ctx, "codebook:manage");
  const rules = parseRules(input.rules);
  const all = await themeDefinitions(ctx.db);
  const theme = all.find((t) => t.slug === input.slug);
  if (!theme) throw new DalError("not_found", `There is no theme "${input.slug}".`);
  const withRules = (r: ThemeRules): ThemeDefinition[] => all.map((t) => (t.slug === theme.slug ? { ...t, enabled: true, rules: r } : t));
  const compiled = (r: ThemeRules) => {
    const enabled = withRules(r).filter((t) => t.enabled);
    return { en: compileCodebook(enabled), ru: compileRussianCodebook(enabled) };
  };
  const now = compiled(theme.rules);
  const draft = compiled(rules);
  // Each statement by the rules of its language, as on import; a language the engine does not read tags nothing.
  const tagged = (codebook: { en: CompiledCodebook; ru: RussianCodebook }, s: Analysed): Map<number, ThemeEvidence[]> => {
    if (s.language === "ru") {
      const tokens = tokenizeRu(s.text);
      return new Map(
        s.passages.flatMap((p) => {
          const tag = tagRussianPassage(codebook.ru, s.text, tokens, p).find((t) => t.theme === theme.slug);
          return tag ? [[p.ordinal, tag.evidence] as const] : [];
        }),
      );
    }
    if (languageNote(s.language)) return new Map();
    return new Map(
      tagStatement(
        codebook.en,
        s.text,
        s.passages.map((p) => ({ ...p, sentences: [] })),
      ).passages.flatMap((p) => {
        const tag = p.tags.find((t) => t.theme === theme.slug);
        return tag ? [[p.ordinal, tag.evidence] as const] : [];
      }),
    );
  };

  const labels = await reviewedLabels(ctx.db, theme.slug);
  const recentIds = (await ctx.db.select({ id: statements.id }).from(statements).orderBy(desc(statements.id)).limit(SAMPLE_STATEMENTS)).map(
    (r) => r.id,
  );
  const loaded = await loadStatements(ctx.db, [...new Set([...recentIds, ...labels.keys()])]);

  const shown: PreviewPassage[] = [];
  const sample = { statements: 0, passagesNow: 0, passagesDraft: 0 };
  const counts = { now: { tp: 0, fp: 0, fn: 0 }, draft: { tp: 0, fp: 0, fn: 0 } };
  const byLanguage = new Map<
    string,
    { statements: number; now: { tp: number; fp: number; fn: number }; draft: { tp: number; fp: number; fn: number } }
  >();
  for (const s of loaded) {
    const before = tagged(now, s);
    const after = tagged(draft, s);
    const label = labels.get(s.id);
    if (label !== undefined) {
      tally(counts.now, before.size > 0, label);
      tally(counts.draft, after.size > 0, label);
      const own = byLanguage.get(s.language) ?? { statements: 0, now: { tp: 0, fp: 0, fn: 0 }, draft: { tp: 0, fp: 0, fn: 0 } };
      own.statements++;
      tally(own.now, before.size > 0, label);
      tally(own.draft, after.size > 0, label);
      byLanguage.set(s.language, own);
    }
    if (!recentIds.includes(s.id)) continue;
    sample.statements++;
    sample.passagesNow += before.size;
    sample.passagesDraft += after.size;
    for (const p of s.passages) {
      const change = after.has(p.ordinal) ? (before.has(p.ordinal) ? "kept" : "added") : before.has(p.ordinal) ? "dropped" : null;
      if (change)
        shown.push({
          statementId: s.id,
          title: s.title,
          language: s.language,
          change,
          ...excerpt(s.text, p, (after.get(p.ordinal) ?? before.get(p.ordinal))!),
        });
    }
  }
  const order = { added: 0, dropped: 1, kept: 2 };
  shown.sort((a, b) => order[a.change] - order[b.change]);
  return {
    sample,
    passages: shown.slice(0, SHOWN_PASSAGES),
    reviewed: {
      statements: labels.size,
      now: quality(counts.now),
      draft: quality(counts.draft),
      byLanguage: [...byLanguage]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([language, c]) => ({ language, statements: c.statements, now: quality(c.now), draft: quality(c.draft) })),
    },
  };
}

/** Statement → true (a person accepted the theme) or false (rejected it). A later acceptance wins: removal rejects every earlier tag. */
async function reviewedLabels(db: Db, slug: string): Promise<Map<number, boolean>> {
  const rows = await db
    .selectDistinct({ statementId: tags.statementId, status: tags.status })
    .from(tags)
    .innerJoin(themes, eq(themes.id, tags.themeId))
    .where(
      and(eq(themes.slug, slug), inArray(tags.status, ["accepted", "rejected"]), or(eq(tags.origin, "human"), isNotNull(tags.authorId))),
    )
    .orderBy(desc(tags.statementId))
    .limit(REVIEWED_LIMIT * 2);
  const labels = new Map<number, boolean>();
  for (const r of rows) labels.set(r.statementId, labels.get(r.statementId) === true || r.status === "accepted");
  return new Map([...labels].slice(0, REVIEWED_LIMIT));
}

async function loadStatements(db: Db, ids: number[]): Promise<Analysed[]> {
  if (ids.length === 0) return [];
  const [rows, passageRows] = await Promise.all([
    db
      .select({ id: statements.id, title: statements.title, text: statements.text, language: statements.language })
      .from(statements)
      .where(inArray(statements.id, ids))
      .orderBy(desc(statements.id)),
    db
      .select({ statementId: passages.statementId, ordinal: passages.ordinal, start: passages.start, end: passages.end })
      .from(passages)
      .where(inArray(passages.statementId, ids))
      .orderBy(asc(passages.statementId), asc(passages.ordinal)),
  ]);
  return rows.map((r) => ({ ...r, passages: passageRows.filter((p) => p.statementId === r.id) }));
}

function tally(c: { tp: number; fp: number; fn: number }, predicted: boolean, accepted: boolean): void {
  if (predicted && accepted) c.tp++;
  else if (predicted) c.fp++;
  else if (accepted) c.fn++;
}

function quality(c: { tp: number; fp: number; fn: number }): Quality {
  return {
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision: c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn),
  };
}

/** The passage, cut to a window around its first evidence, with evidence offsets made relative to the cut. */
function excerpt(
  text: string,
  passage: { start: number; end: number },
  evidence: ThemeEvidence[],
): { excerpt: string; evidence: ThemeEvidence[] } {
  const first = evidence[0]?.start ?? passage.start;
  const from = Math.max(passage.start, Math.min(first - 80, passage.end - EXCERPT));
  const to = Math.min(passage.end, from + EXCERPT);
  return {
    excerpt: text.slice(from, to),
    evidence: evidence.filter((e) => e.start >= from && e.end <= to).map((e) => ({ ...e, start: e.start - from, end: e.end - from })),
  };
}
