import { and, eq, isNull } from "drizzle-orm";
import { passages, toneOverrides } from "@/db/schema";
import { isToneOverride, TONE_OVERRIDE_MAX, TONE_OVERRIDE_MIN } from "@/lib/engine/tone-override";
import type { DalContext } from "./context";
import { DalError } from "./errors";
import { editStatement, type EditResult, type EditTarget } from "./history";
import { applyTone } from "./internal/tone";

export interface ToneOverrideChange extends EditTarget {
  /** The passage it applies to; null for the whole statement. */
  passageId: number | null;
  /** −2..+2, or null to go back to the machine's tone. */
  value: number | null;
  note?: string | null;
}

/** Sets or clears a person's tone on a passage or the statement; the charts' tone follows in the same transaction. */
export async function setToneOverride(ctx: DalContext, change: ToneOverrideChange): Promise<EditResult> {
  const { value } = change;
  if (value !== null && !isToneOverride(value)) {
    throw new DalError("invalid", `A tone override is a whole number from ${TONE_OVERRIDE_MIN} to +${TONE_OVERRIDE_MAX}.`);
  }
  const note = change.note?.trim() || null;
  if (note && note.length > 2000) throw new DalError("invalid", "A tone note is at most 2,000 characters.");
  return editStatement(ctx, change, value === null ? "tone.clear" : "tone.override", async (tx, actor) => {
    if (change.passageId !== null) {
      const [passage] = await tx
        .select({ id: passages.id })
        .from(passages)
        .where(and(eq(passages.id, change.passageId), eq(passages.statementId, change.statementId)));
      if (!passage) throw new DalError("invalid", "That passage is not part of this statement.");
    }
    const target = and(
      eq(toneOverrides.statementId, change.statementId),
      change.passageId === null ? isNull(toneOverrides.passageId) : eq(toneOverrides.passageId, change.passageId),
    );
    await tx.delete(toneOverrides).where(target);
    if (value !== null) {
      await tx
        .insert(toneOverrides)
        .values({ statementId: change.statementId, passageId: change.passageId, value, note, authorId: actor.id });
    }
    await applyTone(tx, change.statementId);
    return { passageId: change.passageId, value, note };
  });
}
