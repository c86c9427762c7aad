"use client";

import { useActionState } from "react";
import { addEventAction } from "@/app/dashboard/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Staff mark a dated event on the charts of a pair, or on every chart. */
export function EventForm({ pairs }: { pairs: { value: string; label: string }[] }) {
  const [state, submit, pending] = useActionState(addEventAction, null);
  return (
    <form action={submit} className="filters" aria-label="Add an event marker">
      <label>
        Date
        <input name="day" type="date" required />
      </label>
      <label>
        Event
        <input name="label" required maxLength={200} placeholder="War resumes in Nagorno-Karabakh" />
      </label>
      <label>
        Shown on
        <select name="pair">
          <option value="">every chart</option>
          {pairs.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={pending}>
        Add event
      </button>
      <ActionOutcome state={state}>{() => "Event added."}</ActionOutcome>
    </form>
  );
}
