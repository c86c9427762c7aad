/**
 * Next.js answers a server-action POST whose body it cannot decode with a 500. The proxy asks this first and
 * answers 400 instead. It checks the encoding only (JSON rows, a readable multipart form); what the arguments
 * mean is each action's business.
 */

/** The proxy sees at most this much of a body (Next's proxyClientMaxBodySize); larger forms are left to Next. */
const READABLE_BYTES = 10 * 1024 * 1024;

/** Why a server-action body cannot be decoded, or null when it can (or is too large to check here). */
export async function actionBodyProblem(request: Request): Promise<string | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return isArgumentList(await request.clone().text()) ? null : NOT_ARGUMENTS;
  }
  // A browser always sends the length of a form; only a larger one than the proxy can see whole is let through.
  if (Number(request.headers.get("content-length") ?? 0) > READABLE_BYTES) return null;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return "The server action's form data cannot be read.";
  }
  // React's reply rows are numbered fields holding JSON; row 0 holds the argument list.
  for (const [name, value] of form) {
    if (!/^\d+$/.test(name) || typeof value !== "string") continue;
    if (name === "0" ? !isArgumentList(value) : parseJson(value) === undefined) return NOT_ARGUMENTS;
  }
  return null;
}

const NOT_ARGUMENTS = "The server action's arguments are not a JSON list.";

const isArgumentList = (text: string) => Array.isArray(parseJson(text));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
