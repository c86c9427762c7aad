import type { ThemeEvidence } from "@/lib/engine/types";

interface Highlight {
  start: number;
  end: number;
  color: string;
  label: string;
}

interface Props {
  text: string;
  /** Where the passage starts in the statement: evidence offsets are statement-wide. */
  offset: number;
  tags: { theme: string; color: string; evidence: ThemeEvidence[] }[];
}

/** A passage with the evidence for each theme underlined in the theme's colour. Text is rendered, never parsed as HTML. */
export function PassageText({ text, offset, tags }: Props) {
  const highlights = nonOverlapping(
    tags.flatMap((tag) =>
      tag.evidence.map((e) => ({ start: e.start - offset, end: e.end - offset, color: tag.color, label: `${tag.theme}: ${e.phrase}` })),
    ),
    text.length,
  );
  const pieces: React.ReactNode[] = [];
  let at = 0;
  for (const h of highlights) {
    if (h.start > at) pieces.push(text.slice(at, h.start));
    pieces.push(
      <mark key={h.start} className="evidence" title={h.label} style={{ "--theme-color": h.color } as React.CSSProperties}>
        {text.slice(h.start, h.end)}
      </mark>,
    );
    at = h.end;
  }
  pieces.push(text.slice(at));
  return <>{pieces}</>;
}

function nonOverlapping(highlights: Highlight[], length: number): Highlight[] {
  const sorted = highlights.filter((h) => h.start >= 0 && h.end <= length && h.end > h.start).sort((a, b) => a.start - b.start);
  const kept: Highlight[] = [];
  for (const h of sorted) {
    const last = kept.at(-1);
    if (!last || h.start >= last.end) kept.push(h);
  }
  return kept;
}
