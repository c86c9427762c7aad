import Link from "next/link";
import { formatTone } from "@/components/format";
import { PairLink } from "@/components/pair-link";
import type { Change } from "@/lib/dal/changes";
import { describeShift } from "@/lib/engine/shifts";

const range = (e: { low: number; high: number }, percent: boolean) =>
  percent ? `${Math.round(100 * e.low)}–${Math.round(100 * e.high)}%` : `${formatTone(e.low)} to ${formatTone(e.high)}`;

/** Changes, largest first: each a line, its intervals, the pair's page, and the statements behind it. */
export function WhatChanged({ changes, empty, label }: { changes: Change[]; empty: string; label: string }) {
  if (changes.length === 0) return <p className="notice">{empty}</p>;
  return (
    <ol className="what-changed" aria-label={label}>
      {changes.map((c) => (
        <li key={c.key} data-testid="change" data-pair={`${c.speaker}-${c.counterpart}`} data-measure={c.shift.measure}>
          <strong>{describeShift(c)}</strong>{" "}
          <span className="notice">
            (95% intervals: {range(c.shift.latest, c.shift.measure === "attention")} now,{" "}
            {range(c.shift.baseline, c.shift.measure === "attention")} before)
          </span>{" "}
          <PairLink speaker={c.speaker} counterpart={c.counterpart}>
            {c.speaker}–{c.counterpart} page
          </PairLink>
          {c.statements.length > 0 && (
            <ul>
              {c.statements.map((s) => (
                <li key={s.id}>
                  <Link href={`/statements/${s.id}`}>{s.title}</Link>{" "}
                  <span className="notice">
                    {s.date ?? "undated"}
                    {s.speakerName && ` · ${s.speakerName}`} · {s.passages} passage{s.passages === 1 ? "" : "s"} on the theme
                    {s.tone !== null && `, tone ${formatTone(s.tone)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
