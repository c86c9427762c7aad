import { createHash } from "node:crypto";

/** Identity of a statement's text: the same words in the same order, whatever the spacing, case or Unicode form. */
export function contentHash(text: string): string {
  const normalised = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normalised).digest("hex");
}
