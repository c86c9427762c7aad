export type IngestErrorCode =
  "too_large" | "wrong_type" | "empty" | "invalid_utf8" | "malformed" | "too_deep" | "bomb" | "blocked_url" | "fetch_failed" | "timeout";

/** Why a source could not be read, in words for the person who brought it. */
export class IngestError extends Error {
  name = "IngestError";
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
  }
}
