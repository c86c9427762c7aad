"use client";

import { useActionState } from "react";
import { replaceFeedTokenAction } from "@/app/views/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Gives a view a new secret feed address (the old one stops) and shows it once. */
export function FeedTokenButton({ id }: { id: number }) {
  const [state, submit, pending] = useActionState(replaceFeedTokenAction, null);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <form action={submit}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="secondary" disabled={pending}>
        New feed address
      </button>
      <ActionOutcome state={state}>{(v) => <code>{`${origin}/feeds/${v.feedToken}`}</code>}</ActionOutcome>
    </form>
  );
}
