import Link from "next/link";
import { plural } from "@/components/charts/chart-data";
import type { DalContext } from "@/lib/dal/context";
import { QUOTE_WORDS, quotedPassages } from "@/lib/dal/profiles";

/** One direction's most quoted passages; streamed in after the rest of the pair page, since it costs phrase searches. */
export async function QuotedPassages({ ctx, speaker, counterpart }: { ctx: DalContext; speaker: string; counterpart: string }) {
  const quoted = await quotedPassages(ctx, speaker, counterpart);
  if (quoted.length === 0)
    return (
      <p className="notice">No passage on a theme was first said here and repeated in a later statement ({QUOTE_WORDS} words in a row).</p>
    );
  return quoted.map((q) => (
    <blockquote key={`${q.statementId}-${q.phrase}`} className="passage" data-testid="quoted-passage">
      <p>{q.text}</p>
      <footer className="notice">
        <Link href={`/statements/${q.statementId}`}>{q.title}</Link> · {q.date} · repeated in{" "}
        <Link href={`/search?${new URLSearchParams({ q: `"${q.phrase}"` })}`}>{plural(q.later, "later statement")}</Link>, {q.byOthers} of
        them by other countries
      </footer>
    </blockquote>
  ));
}
