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

export type Outcome<T> = { value: T; problem: null } | { value: null; problem: string };

/** For pages: what `work` gives, or the DAL's refusal as the message to show instead; anything unexpected still throws. */
export async function valueOrProblem<T>(work: () => T | Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await work(), problem: null };
  } catch (error) {
    if (error instanceof DalError) return { value: null, problem: error.message };
    throw error;
  }
}
