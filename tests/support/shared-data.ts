import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The real corpora beside the project (../shared/data); tests that need them skip when they are absent. */
export const SHARED_DATA = path.resolve(process.cwd(), "..", "shared", "data");

export function sharedFile(relative: string): string {
  return path.join(SHARED_DATA, relative);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedFile(relative));
}

export function skipMessage(relative: string): string {
  return `needs ../shared/data/${relative}; skipped without it`;
}

export function readJsonl<T>(relative: string): T[] {
  return gunzipSync(readFileSync(sharedFile(relative)))
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}
