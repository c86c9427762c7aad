"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createApiToken, revokeApiToken } from "@/lib/dal/api-tokens";
import { recordIdSchema as id } from "@/lib/validation";

const newToken = z.object({
  name: z.string().trim().min(1, "name the token").max(100),
  access: z.enum(["read", "write"]).default("read"),
  days: z.coerce.number().int().positive().optional(),
});

export const createTokenAction = action(newToken, async (ctx, { name, access, days }) => {
  const created = await createApiToken(ctx, { name, scopes: access === "write" ? ["read", "write"] : ["read"], days });
  revalidatePath("/tokens");
  return created;
});

export const revokeTokenAction = action(z.object({ id }), async (ctx, { id }) => {
  await revokeApiToken(ctx, id);
  revalidatePath("/tokens");
});
