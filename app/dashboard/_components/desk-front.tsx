import Link from "next/link";
import type { Change } from "@/lib/dal/changes";
import type { SavedView } from "@/lib/dal/saved-views";
import { SaveViewForm, ShortLinkForm } from "./save-view-form";
import { WhatChanged } from "@/components/desk/what-changed";

interface Desk {
  busiest: { interval: string; period: string | null; pairs: number; changes: Change[] };
  chosen: { changes: Change[] };
  views: { view: SavedView; changes: Change[] }[];
}

/** The front page's desk: what changed (busiest pairs, this selection, each saved view), save and share. */
export function DeskFront({ desk, query, canSave }: { desk: Desk; query: string; canSave: boolean }) {
  const { interval, pairs } = desk.busiest;
  return (
    <section className="card" aria-labelledby="changed-title">
      <h2 id="changed-title">What changed</h2>
      <p className="notice">
        Each pair × theme in the newest {interval} with statements against up to four earlier {interval}s that have statements; listed only
        where the two 95% intervals do not overlap, largest first (attention: share of the pair&apos;s passages; tone: mean passage tone).
        See <Link href="/api/v1/changes">the JSON</Link>.
      </p>
      <h3>
        Across {pairs} pairs{desk.busiest.period && `, ${desk.busiest.period}`}
      </h3>
      <WhatChanged
        label="Changes across all pairs"
        changes={desk.busiest.changes}
        empty="Nothing changed beyond the noise in the latest period."
      />
      <h3>In this selection</h3>
      <WhatChanged
        label="Changes in this selection"
        changes={desk.chosen.changes}
        empty="Nothing in this selection changed beyond the noise."
      />
      {desk.views.length > 0 && (
        <>
          <h3>Your saved views</h3>
          <ul className="saved-views">
            {desk.views.map(({ view, changes }) => (
              <li key={view.id}>
                <Link href={`/dashboard?${view.query}`}>{view.name}</Link>
                <WhatChanged label={`Changes in ${view.name}`} changes={changes} empty="Nothing changed beyond the noise." />
              </li>
            ))}
          </ul>
          <p>
            <Link href="/views">Manage saved views and their feeds</Link>
          </p>
        </>
      )}
      {canSave && <SaveViewForm query={query} />}
      <p>
        <ShortLinkForm query={query} />
      </p>
    </section>
  );
}
