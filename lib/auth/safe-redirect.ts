/** A callback URL we will follow after sign-in: a path on our own site, never another origin. */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/dashboard"): string {
  if (!raw) return fallback;
  let candidate = raw.trim();
  try {
    const url = new URL(candidate, "http://dyad.invalid");
    if (url.origin !== "http://dyad.invalid") return fallback;
    candidate = url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.includes("\\")) return fallback;
  return candidate;
}
