"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { ROLES } from "@/lib/dal/permissions";
import { passwordLinkPath } from "@/lib/dal/public/password-link";
import { changeUserRole, createUser, resetUserPassword, setUserDisabled, type IssuedCredential } from "@/lib/dal/user-admin";
import { recordIdSchema as userId } from "@/lib/validation";

const credential = z.enum(["password", "link"]);
const role = z.enum(ROLES);

/** A secret is shown once: a first password as it is, a link as the path to open. */
const shown = (issued: IssuedCredential) =>
  "password" in issued ? { password: issued.password } : { link: passwordLinkPath(issued.link) };

export const createUserAction = action(z.object({ email: z.string(), name: z.string(), role, credential }), async (ctx, input) => {
  const made = await createUser(ctx, input);
  revalidatePath("/admin/users");
  return { email: input.email.trim().toLowerCase(), ...shown(made) };
});

export const changeRoleAction = action(z.object({ userId, role }), async (ctx, input) => {
  const user = await changeUserRole(ctx, input);
  revalidatePath("/admin/users");
  return `${user.email} is now ${user.role}.`;
});

export const setDisabledAction = action(
  z.object({ userId, disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  async (ctx, input) => {
    const user = await setUserDisabled(ctx, input);
    revalidatePath("/admin/users");
    return `${user.email} is ${user.disabled ? "disabled" : "enabled"}.`;
  },
);

export const resetPasswordAction = action(z.object({ userId, credential }), async (ctx, input) =>
  shown(await resetUserPassword(ctx, input)),
);
