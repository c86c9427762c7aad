import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The real corpora beside the project: ../shared/data, or the directory DYAD_DATA names. */
export const SHARED_DATA = path.resolve(process.env.DYAD_DATA ?? path.join(process.cwd(), "..", "shared", "data"));

/** A file under SHARED_DATA, e.g. sharedData("ungd", "ungd-dev.jsonl.gz"). */
export function sharedData(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}

/** The records of a gzipped JSON-lines corpus (the format of every corpus there). */
export function readJsonl<T>(file: string): T[] {
  return gunzipSync(readFileSync(file))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}
