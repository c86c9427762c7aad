"use client";

import { useActionState } from "react";
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from "@/app/admin/users/actions";
import type { Role } from "@/lib/dal/permissions";
import { ActionOutcome } from "@/components/action-outcome";

/** A first password or a set-password link: shown here once, never again. */
function Secret({ value }: { value: { password?: string; link?: string } }) {
  if (value.password) {
    return (
      <>
        First password (shown only now; pass it on safely): <code data-testid="secret">{value.password}</code>
      </>
    );
  }
  const url = typeof window === "undefined" ? value.link : `${window.location.origin}${value.link}`;
  return (
    <>
      Set-password link (shown only now, works once): <code data-testid="secret">{url}</code>
    </>
  );
}

export function CreateUserForm({ roles }: { roles: readonly Role[] }) {
  const [state, submit, pending] = useActionState(createUserAction, null);
  return (
    <form action={submit} className="filters card" aria-label="Create a user">
      <label>
        Email
        <input name="email" type="email" required maxLength={320} />
      </label>
      <label>
        Name
        <input name="name" required maxLength={100} />
      </label>
      <label>
        Role
        <select name="role" defaultValue="analyst">
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        Access
        <select name="credential" defaultValue="link">
          <option value="link">invitation link</option>
          <option value="password">first password</option>
        </select>
      </label>
      <button type="submit" disabled={pending}>
        Create user
      </button>
      <ActionOutcome state={state}>
        {(v) => (
          <>
            Created {v.email}. <Secret value={v} />
          </>
        )}
      </ActionOutcome>
    </form>
  );
}

export function UserRowActions({
  user,
  roles,
  self,
}: {
  user: { id: number; email: string; role: Role; disabled: boolean };
  roles: readonly Role[];
  self: boolean;
}) {
  const [roleState, changeRole, rolePending] = useActionState(changeRoleAction, null);
  const [statusState, changeStatus, statusPending] = useActionState(setDisabledAction, null);
  const [resetState, reset, resetPending] = useActionState(resetPasswordAction, null);
  return (
    <div>
      <form action={changeRole} style={{ display: "inline-flex", gap: "0.25rem" }}>
        <input type="hidden" name="userId" value={user.id} />
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
          {roles.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <button type="submit" className="secondary" disabled={rolePending} aria-label={`Change role of ${user.email}`}>
          Change role
        </button>
      </form>{" "}
      {!self && (
        <form action={changeStatus} style={{ display: "inline" }}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disabled" value={String(!user.disabled)} />
          <button
            type="submit"
            className="secondary"
            disabled={statusPending}
            aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.email}`}
          >
            {user.disabled ? "Enable" : "Disable"}
          </button>
        </form>
      )}{" "}
      <form action={reset} style={{ display: "inline-flex", gap: "0.25rem" }}>
        <input type="hidden" name="userId" value={user.id} />
        <select name="credential" defaultValue="link" aria-label={`New password for ${user.email} as`}>
          <option value="link">reset link</option>
          <option value="password">new password</option>
        </select>
        <button type="submit" className="secondary" disabled={resetPending} aria-label={`Reset password of ${user.email}`}>
          Reset password
        </button>
      </form>
      <ActionOutcome state={roleState} />
      <ActionOutcome state={statusState} />
      <ActionOutcome state={resetState}>{(v) => <Secret value={v} />}</ActionOutcome>
    </div>
  );
}
