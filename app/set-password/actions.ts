"use server";

import { z } from "zod";
import { getDatabase } from "@/db/client";
import { DalError } from "@/lib/dal/errors";
import { setPasswordWithLink } from "@/lib/dal/password-links";

/** Public: the one-time link is the proof of who is asking. */
export async function setPasswordAction(_previous: unknown, form: FormData) {
  const parsed = z.object({ token: z.string().min(1).max(200), password: z.string().max(200), repeat: z.string().max(200) }).safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ok: false as const, error: "That request was not understood; nothing was changed." };
  if (parsed.data.password !== parsed.data.repeat) return { ok: false as const, error: "The two passwords differ." };
  try {
    const { db } = await getDatabase();
    const { email } = await setPasswordWithLink({ db, userId: null }, parsed.data);
    return { ok: true as const, value: email };
  } catch (error) {
    if (error instanceof DalError) return { ok: false as const, error: error.message };
    console.error("setting a password failed", error);
    return { ok: false as const, error: "Something went wrong on our side; nothing was saved. Please try again." };
  }
}
