import type { ReportModel, ReportStatementRow } from "@/lib/export/report-model";
import { reportSpecSchema } from "@/lib/export/report-spec";

/** Cells a spreadsheet would run as formulas, each as a statement title. */
export const HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(A1:A9)", "\tTab first", "\rCR first"];

/** A small, complete report model (two pairs, two themes, yearly) for the writers, without a database. */
export function sampleReport(overrides: Partial<ReportModel> = {}): ReportModel {
  const spec = reportSpecSchema.parse({
    pairs: [
      { speaker: "USA", counterpart: "AZE" },
      { speaker: "ARM", counterpart: "AZE" },
    ],
    themes: ["energy-security", "nagorno-karabakh"],
    from: "2001-01-01",
    to: "2008-12-31",
    interval: "year",
  });
  const years = ["2001", "2002", "2003", "2004", "2005", "2006", "2007", "2008"];
  // 2005 is a gap (nothing said); every third year has text but no tone; few statements are low evidence
  const point = (period: string, i: number, k: number) => {
    const covered = period !== "2005";
    const statements = covered ? (i * k) % 7 : 0;
    return {
      period,
      covered,
      statements,
      passages: covered ? (i * k) % 11 : 0,
      coverage: covered
        ? { speakerStatements: 9 + i, speakerPassages: 30 + i, pairStatements: 8, pairPassages: 20 }
        : { speakerStatements: 0, speakerPassages: 0, pairStatements: 0, pairPassages: 0 },
      tone:
        !covered || i % 3 === 0
          ? null
          : {
              mean: Math.sin(i + k) / 2,
              low: Math.sin(i + k) / 2 - 0.2,
              high: Math.sin(i + k) / 2 + 0.2,
              statements,
              passages: 4 + i,
              lowEvidence: statements < 3,
            },
    };
  };
  return {
    name: "Caucasus energy brief",
    generatedAt: "2026-11-29T02:00:00.000Z",
    generatedBy: "Manager Mia",
    spec,
    pairs: [
      { key: "USA→AZE", label: "United States → Azerbaijan", speaker: "USA", counterpart: "AZE" },
      { key: "ARM→AZE", label: "Armenia → Azerbaijan", speaker: "ARM", counterpart: "AZE" },
    ],
    themes: [
      { slug: "energy-security", name: "Energy security", color: "#0072B2" },
      { slug: "nagorno-karabakh", name: "Nagorno-Karabakh", color: "#D55E00" },
    ],
    summary: { statements: 42, passages: 97, firstDate: "2001-03-04", lastDate: "2008-11-30", tooCoarse: 0, undated: 2, unpaired: 1 },
    series: ["USA→AZE", "ARM→AZE"].flatMap((pair, p) =>
      ["energy-security", "nagorno-karabakh"].map((theme, t) => ({
        pair,
        theme,
        points: years.map((y, i) => point(y, i + 1, p * 2 + t + 1)),
      })),
    ),
    tone: [
      {
        pair: "USA→AZE",
        theme: "energy-security",
        statements: 20,
        passages: 40,
        tone: { mean: 0.31, low: 0.2, high: 0.42, statements: 20, passages: 40, lowEvidence: false },
      },
      {
        pair: "USA→AZE",
        theme: "nagorno-karabakh",
        statements: 5,
        passages: 7,
        tone: { mean: -0.12, low: -0.4, high: 0.16, statements: 5, passages: 7, lowEvidence: false },
      },
      {
        pair: "ARM→AZE",
        theme: "energy-security",
        statements: 1,
        passages: 1,
        tone: { mean: 0.25, low: 0.25, high: 0.25, statements: 1, passages: 1, lowEvidence: true },
      },
      {
        pair: "ARM→AZE",
        theme: "nagorno-karabakh",
        statements: 16,
        passages: 49,
        tone: { mean: -0.55, low: -0.63, high: -0.47, statements: 16, passages: 49, lowEvidence: false },
      },
    ],
    passages: [
      {
        theme: "energy-security",
        passages: [
          {
            statementId: 1,
            title: "U.S. - Azerbaijani Relations",
            date: "2008-05-01",
            speaker: "Matthew Bryza",
            speakerCountry: "USA",
            sourceUrl: "https://2001-2009.state.gov/p/eur/rls/rm/2008/",
            text: "Energy security is a pillar of our partnership; the Baku–Tbilisi–Ceyhan pipeline brings Caspian oil to world markets.",
            tone: 0.4,
            confidence: 0.92,
          },
        ],
      },
      {
        theme: "nagorno-karabakh",
        passages: [
          {
            statementId: 2,
            title: "Statement in the General Debate",
            date: "2003-09-24",
            speaker: null,
            speakerCountry: "ARM",
            sourceUrl: null,
            text: "The people of Nagorno-Karabakh — Нагорный Карабах — have the right to determine their future.",
            tone: -0.2,
            confidence: 1,
          },
        ],
      },
    ],
    method: {
      codebookVersion: 3,
      codebookChangedAt: "2026-11-20T10:00:00.000Z",
      minStatementsForTone: 3,
      tagger: { autoTags: 120, accepted: 30, rejected: 6, unreviewed: 84, humanTags: 5, precision: 30 / 36 },
    },
    codebook: [
      {
        slug: "energy-security",
        name: "Energy security",
        parent: null,
        color: "#0072B2",
        phrases: ["energy security", "pipeline*", "Baku-Tbilisi-Ceyhan"],
        exclusions: ["food and energy security"],
      },
      {
        slug: "nagorno-karabakh",
        name: "Nagorno-Karabakh",
        parent: null,
        color: "#D55E00",
        phrases: ["Nagorno-Karabakh", "Minsk Group", "Karabagh"],
        exclusions: [],
      },
    ],
    ...overrides,
  };
}

/** Statement rows with hostile titles and names, a real negative tone and a date, in batches. */
export function sampleStatementRows(): ReportStatementRow[] {
  return HOSTILE.map((title, i) => ({
    id: i + 1,
    date: `2005-0${i + 1}-15`,
    datePrecision: "day",
    title,
    speakerName: i === 0 ? "@admin" : "Ilham Aliyev",
    speakerTitle: null,
    speakerCountry: "AZE",
    pairs: "AZE>USA; AZE>ARM",
    themes: "energy-security; nagorno-karabakh",
    tone: i === 0 ? -1.5 : -0.25 * i,
    sourceUrl: "-1.5",
  }));
}

export async function* inBatches<T>(rows: T[], size = 2): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
