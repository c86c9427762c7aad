"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { NOT_A_FORM, runAction } from "@/lib/auth/action";
import { ROLES } from "@/lib/dal/permissions";
import { recordIdSchema } from "@/lib/dal/filters";
import { passwordLinkPath } from "@/lib/dal/password-links";
import { changeUserRole, createUser, resetUserPassword, setUserDisabled, type IssuedCredential } from "@/lib/dal/user-admin";

const NOT_UNDERSTOOD = { ok: false as const, error: "That request was not understood; nothing was changed." };
const userId = recordIdSchema;
const credential = z.enum(["password", "link"]);

/** A secret is shown once: a first password as it is, a link as the path to open. */
const shown = (issued: IssuedCredential) => ("password" in issued ? { password: issued.password } : { link: passwordLinkPath(issued.link) });

export async function createUserAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ email: z.string(), name: z.string(), role: z.enum(ROLES), credential }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const result = await runAction(async (ctx) => {
    const made = await createUser(ctx, parsed.data);
    return { email: parsed.data.email.trim().toLowerCase(), ...shown(made) };
  });
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function changeRoleAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ userId, role: z.enum(ROLES) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const result = await runAction((ctx) => changeUserRole(ctx, parsed.data).then((u) => `${u.email} is now ${u.role}.`));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setDisabledAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ userId, disabled: z.enum(["true", "false"]) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  const disabled = parsed.data.disabled === "true";
  const result = await runAction((ctx) => setUserDisabled(ctx, { userId: parsed.data.userId, disabled }).then((u) => `${u.email} is ${u.disabled ? "disabled" : "enabled"}.`));
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function resetPasswordAction(_previous: unknown, form: FormData) {
  if (!(form instanceof FormData)) return NOT_A_FORM;
  const parsed = z.object({ userId, credential }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return NOT_UNDERSTOOD;
  return runAction(async (ctx) => shown(await resetUserPassword(ctx, parsed.data)));
}
