"use client";

import { useActionState } from "react";
import { createTokenAction } from "@/app/tokens/actions";
import { ActionOutcome } from "@/components/action-outcome";

/** Creates a personal API token and shows its secret once. */
export function TokenForm() {
  const [state, submit, pending] = useActionState(createTokenAction, null);
  return (
    <form action={submit} className="filters" aria-label="Create a token">
      <label>
        Name
        <input name="name" required maxLength={100} placeholder="R notebook" />
      </label>
      <button type="submit" disabled={pending}>
        Create token
      </button>
      <ActionOutcome state={state}>
        {(created) => (
          <>
            Copy it now, it is shown only once: <code data-testid="new-token">{created.token}</code>
          </>
        )}
      </ActionOutcome>
    </form>
  );
}
