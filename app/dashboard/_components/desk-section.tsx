import type { DalContext } from "@/lib/dal/context";
import { deskFront } from "@/lib/dal/changes";
import type { PairSeriesQuery } from "@/lib/dal/pair-series";
import { DeskFront } from "./desk-front";

/**
 * The front page's "what changed", fetched on its own inside a Suspense boundary: a first scan of every pair takes
 * seconds, and the charts above it should not wait for it.
 */
export async function DeskSection({
  ctx,
  selection,
  query,
  canSave,
}: {
  ctx: DalContext;
  selection: PairSeriesQuery;
  query: string;
  canSave: boolean;
}) {
  return <DeskFront desk={await deskFront(ctx, selection)} query={query} canSave={canSave} />;
}

export function DeskLoading() {
  return (
    <section className="card" aria-labelledby="changed-title" aria-busy="true">
      <h2 id="changed-title">What changed</h2>
      <p className="notice">Comparing each pair and theme with its own recent past…</p>
    </section>
  );
}
