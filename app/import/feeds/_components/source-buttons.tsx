"use client";

import { useActionState } from "react";
import { deleteFeedAction, pauseFeedAction, pollFeedNowAction } from "@/app/import/feeds/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Poll now, pause or resume, and delete one followed source (its statements stay); what a click did shows below. */
export function SourceButtons({ id, paused, url }: { id: number; paused: boolean; url: string }) {
  const [polled, poll, polling] = useActionState(pollFeedNowAction, null);
  const [toggled, toggle, toggling] = useActionState(pauseFeedAction, null);
  const [deleted, remove, deleting] = useActionState(deleteFeedAction, null);
  return (
    <>
      <form action={poll} style={{ display: "inline" }}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" disabled={polling || paused} aria-label={`Poll ${url} now`}>
          Poll now
        </button>
      </form>{" "}
      <form action={toggle} style={{ display: "inline" }}>
        <input type="hidden" name="id" value={id} />
        {!paused && <input type="hidden" name="paused" value="on" />}
        <button type="submit" className="secondary" disabled={toggling} aria-label={`${paused ? "Resume" : "Pause"} ${url}`}>
          {paused ? "Resume" : "Pause"}
        </button>
      </form>{" "}
      <form action={remove} style={{ display: "inline" }}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="secondary" disabled={deleting} aria-label={`Delete ${url}`}>
          Delete
        </button>
      </form>
      <ActionOutcome state={deleted ?? toggled ?? polled} />
    </>
  );
}
