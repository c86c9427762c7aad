import Link from "next/link";
import { plural } from "@/components/charts/chart-data";

/**
 * Where a statement that no chart can show is fixed: the review queue, filtered to the reason. The reason names
 * are the review queue's (lib/dal/review.ts REVIEW_REASONS).
 */
export function fixLink(reason: "no-date" | "no-counterpart", pair: { speaker: string; counterpart?: string }): string {
  const query = new URLSearchParams({ reason, speaker: pair.speaker });
  if (pair.counterpart) query.set("counterpart", pair.counterpart);
  return `/review?${query}`;
}

/** "Nothing silently left out": how many statements of the chosen pairs no series shows, each with where to fix it. */
export function LeftOut({
  pairs,
  undated,
  unpaired,
}: {
  pairs: { speaker: string; counterpart: string }[];
  undated: number;
  unpaired: number;
}) {
  if (undated === 0 && unpaired === 0) return null;
  const first = pairs[0]!;
  const speakers = [...new Set(pairs.map((p) => p.speaker))].join(", ");
  return (
    <p className="notice" data-testid="left-out">
      Not in these charts:{" "}
      {undated > 0 && (
        <>
          {plural(undated, "undated statement")} of this pair (
          <Link href={fixLink("no-date", first)}>set {undated === 1 ? "its date" : "their dates"}</Link>)
        </>
      )}
      {undated > 0 && unpaired > 0 && "; "}
      {unpaired > 0 && (
        <>
          {plural(unpaired, "statement")} from {speakers} naming no counterpart (
          <Link href={fixLink("no-counterpart", { speaker: first.speaker })}>add one</Link>)
        </>
      )}
      .
    </p>
  );
}

/** "in 2000-01-01 – 2024-12-31", "since 2000-01-01", or "at any date": the range a blank chart covered. */
export function rangePhrase(from?: string, to?: string): string {
  if (from && to) return `in ${from} – ${to}`;
  if (from) return `since ${from}`;
  if (to) return `up to ${to}`;
  return "at any date";
}
