import { existsSync } from "node:fs";
import { readJsonl as readCorpus, sharedData } from "@/scripts/lib/data-path";

/** A file of the real corpora beside the project (scripts/lib/data-path.ts); tests that need them skip when absent. */
export function sharedFile(relative: string): string {
  return sharedData(relative);
}

export function hasShared(relative: string): boolean {
  return existsSync(sharedFile(relative));
}

export function skipMessage(relative: string): string {
  return `needs ../shared/data/${relative}; skipped without it`;
}

export function readJsonl<T>(relative: string): T[] {
  return readCorpus<T>(sharedFile(relative));
}
