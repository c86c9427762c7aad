import { expect } from "vitest";
import { IngestError } from "@/lib/ingest/errors";

/** Awaits a promise that must fail with an IngestError, and returns the error for closer checks. */
export async function ingestRefusal(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}
