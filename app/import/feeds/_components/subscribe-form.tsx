"use client";

import { useActionState } from "react";
import { subscribeFeedAction } from "@/app/import/feeds/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Follows a feed or sitemap: its address, whose releases they are (speaker's country, language), how often to poll. */
export function SubscribeForm() {
  const [state, submit, pending] = useActionState(subscribeFeedAction, null);
  return (
    <form action={submit} className="filters" aria-label="Follow a source">
      <label>
        Feed or sitemap address
        <input name="url" type="url" required maxLength={2000} size={50} placeholder="https://www.mid.ru/en/press_service/rss.xml" />
      </label>
      <label>
        Speaker&apos;s country
        <input name="speakerCountry" required maxLength={3} size={4} placeholder="RUS" />
      </label>
      <label>
        Language
        <input name="language" required maxLength={3} size={4} defaultValue="en" />
      </label>
      <label>
        Poll every (minutes)
        <input name="intervalMinutes" type="number" required min={5} max={10080} defaultValue={60} />
      </label>
      <button type="submit" disabled={pending}>
        Follow
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}
