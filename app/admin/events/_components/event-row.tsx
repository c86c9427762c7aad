"use client";

import { useActionState } from "react";
import { deleteEventAction, updateEventAction } from "@/app/admin/events/actions";

interface EventRowProps {
  event: { id: number; day: string; label: string; countryA: string | null; countryB: string | null };
}

/** One event marker, edited in place; the inputs belong to the row's form through their form attribute. */
export function EventRow({ event }: EventRowProps) {
  const [saved, save, saving] = useActionState(updateEventAction, null);
  const [deleted, remove, deleting] = useActionState(deleteEventAction, null);
  const form = `event-${event.id}`;
  const outcome = deleted ?? saved;
  return (
    <tr>
      <td>
        <input form={form} name="day" type="date" required defaultValue={event.day} aria-label="Date" />
      </td>
      <td>
        <input form={form} name="label" required maxLength={200} defaultValue={event.label} aria-label="Event" size={40} />
      </td>
      <td>
        <input form={form} name="countryA" maxLength={3} size={4} defaultValue={event.countryA ?? ""} aria-label="Country A" />
      </td>
      <td>
        <input form={form} name="countryB" maxLength={3} size={4} defaultValue={event.countryB ?? ""} aria-label="Country B" />
      </td>
      <td>
        <form id={form} action={save} style={{ display: "inline" }}>
          <input type="hidden" name="id" value={event.id} />
          <button type="submit" disabled={saving}>
            Save
          </button>
        </form>{" "}
        <form action={remove} style={{ display: "inline" }}>
          <input type="hidden" name="id" value={event.id} />
          <button type="submit" className="secondary" disabled={deleting}>
            Delete
          </button>
        </form>
        {outcome && (
          <p className={outcome.ok ? undefined : "error"} role={outcome.ok ? "status" : "alert"}>
            {outcome.ok ? outcome.value : outcome.error}
          </p>
        )}
      </td>
    </tr>
  );
}
