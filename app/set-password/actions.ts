"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { setPasswordWithLink } from "@/lib/dal/public/password-link";

const newPassword = z
  .object({ token: z.string().min(1).max(200), password: z.string().max(200), repeat: z.string().max(200) })
  .refine((p) => p.password === p.repeat, { message: "the two passwords differ", path: ["repeat"] });

/** Public: the one-time link is the proof of who is asking (the DAL ignores any session). */
export const setPasswordAction = action(newPassword, async (ctx, input) => (await setPasswordWithLink(ctx, input)).email);
