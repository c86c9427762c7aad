import type { Change } from "@/lib/dal/changes";
import { describeShift as describeChange } from "@/lib/engine/shifts";
import { firstDay, type PeriodInterval } from "@/lib/engine/periods";
import { atomFeed } from "@/lib/export/atom";

/**
 * A saved view's changes as Atom. Entry ids are stable per pair × theme × measure × period, and an entry's date
 * is that of its latest statement (else the period's first day), so a reader shows a change once, not per fetch.
 */
export function changesAtom(view: { id: number; name: string; query: string }, changes: Change[], origin: string, self: string): string {
  const entries = changes.map((c) => {
    const dated = c.statements
      .map((s) => s.date)
      .filter((d): d is string => d !== null)
      .sort();
    const day = dated.at(-1) ?? firstDay(c.shift.period, c.interval as PeriodInterval);
    const statements = c.statements.map((s) => `• ${s.title}${s.date ? ` (${s.date})` : ""}: ${origin}/statements/${s.id}`).join("\n");
    return {
      id: `${origin}/feeds/view-${view.id}/${encodeURIComponent(c.key)}/${c.shift.period}`,
      title: describeChange(c),
      updated: new Date(`${day}T00:00:00Z`),
      link: `${origin}/pairs/${c.speaker}-${c.counterpart}`,
      summary: statements ? `${describeChange(c)}.\n\nStatements behind it:\n${statements}` : `${describeChange(c)}.`,
    };
  });
  const updated = entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), new Date("2000-01-01T00:00:00Z"));
  return atomFeed({
    id: `${origin}/feeds/view-${view.id}`,
    title: `Dyad · ${view.name}: what changed`,
    updated,
    self,
    alternate: `${origin}/dashboard?${view.query}`,
    author: "Dyad",
    entries,
  });
}
