import { currentActor, type DalContext } from "./context";
import { endSessions } from "./internal/accounts";

/** Signing out ends the asker's sessions everywhere (a copied cookie included); false when there was none to end. */
export async function endMySessions(ctx: DalContext): Promise<boolean> {
  const actor = await currentActor(ctx);
  if (!actor) return false;
  await endSessions(ctx.db, actor.id);
  return true;
}
