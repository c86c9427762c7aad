export type DalErrorCode = "unauthenticated" | "forbidden" | "not_found" | "conflict" | "invalid";

const HTTP_STATUS: Record<DalErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 400,
};

/** An expected refusal whose message is safe to show to the person who caused it. */
export class DalError extends Error {
  constructor(
    readonly code: DalErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DalError";
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
