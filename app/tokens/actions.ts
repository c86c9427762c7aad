"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/auth/action";
import { createApiToken, revokeApiToken } from "@/lib/dal/api-tokens";
import { parseId } from "@/lib/dal/filters";

export async function createTokenAction(_previous: unknown, form: FormData) {
  const parsed = z.object({ name: z.string().trim().min(1, "name the token").max(100) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: parsed.error.issues[0]?.message ?? "That request was not understood." };
  const result = await runAction((ctx) => createApiToken(ctx, parsed.data.name));
  if (result.ok) revalidatePath("/tokens");
  return result;
}

export async function revokeTokenAction(form: FormData) {
  const id = parseId(form.get("id"));
  if (id === null) return;
  await runAction((ctx) => revokeApiToken(ctx, id));
  revalidatePath("/tokens");
}
