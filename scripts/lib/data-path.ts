import path from "node:path";

/** The real corpora beside the project: ../shared/data, or the directory DYAD_DATA names. */
export const SHARED_DATA = path.resolve(process.env.DYAD_DATA ?? path.join(process.cwd(), "..", "shared", "data"));

/** A file under SHARED_DATA, e.g. sharedData("ungd", "ungd-dev.jsonl.gz"). */
export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
