"use client";

import { useActionState } from "react";
import { saveViewAction, shortLinkAction } from "@/app/views/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Saves the dashboard's current filters under a name; the feed address is shown once, as a token would be. */
export function SaveViewForm({ query }: { query: string }) {
  const [state, submit, pending] = useActionState(saveViewAction, null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <form action={submit} className="filters" aria-label="Save this view">
      <input type="hidden" name="query" value={query} />
      <label>
        Save these filters as
        <input name="name" required maxLength={80} placeholder="e.g. Karabakh desk" />
      </label>
      <button type="submit" disabled={pending}>
        Save view
      </button>
      <ActionOutcome state={state}>
        {(view) => (
          <>
            Saved “{view.name}”. Its feed for any reader (copy it now; it is shown only once):{" "}
            <code>{`${origin}/feeds/${view.feedToken}`}</code>
          </>
        )}
      </ActionOutcome>
    </form>
  );
}

/** A short address for the current view, to paste into a message. */
export function ShortLinkForm({ query }: { query: string }) {
  const [state, submit, pending] = useActionState(shortLinkAction, null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <form action={submit} aria-label="Short link to this view" style={{ display: "inline" }}>
      <input type="hidden" name="query" value={query} />
      <button type="submit" className="secondary" disabled={pending}>
        Short link to this view
      </button>
      <ActionOutcome state={state}>{(link) => <code data-testid="short-link">{`${origin}/v/${link.code}`}</code>}</ActionOutcome>
    </form>
  );
}
