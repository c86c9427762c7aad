"use client";

import Link from "next/link";
import { useActionState } from "react";
import { setPasswordAction } from "@/app/set-password/actions";
import { PASSWORD_LENGTH } from "@/lib/dal/passwords";

export function SetPasswordForm({ token }: { token: string }) {
  const [state, submit, pending] = useActionState(setPasswordAction, null);
  if (state?.ok) {
    return (
      <p role="status">
        Password set for {state.value}. <Link href="/signin">Sign in</Link>
      </p>
    );
  }
  return (
    <form action={submit}>
      <input type="hidden" name="token" value={token} />
      <label>
        New password (at least {PASSWORD_LENGTH.min} characters)
        <input
          name="password"
          type="password"
          required
          minLength={PASSWORD_LENGTH.min}
          maxLength={PASSWORD_LENGTH.max}
          autoComplete="new-password"
        />
      </label>
      <label>
        The same again
        <input
          name="repeat"
          type="password"
          required
          minLength={PASSWORD_LENGTH.min}
          maxLength={PASSWORD_LENGTH.max}
          autoComplete="new-password"
        />
      </label>
      {state && !state.ok && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        Set password
      </button>
    </form>
  );
}
