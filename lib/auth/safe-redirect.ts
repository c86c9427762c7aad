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

/**
 * Where next-auth may send a browser: `url` if it is a path or an address on `baseUrl`'s own origin, else the
 * dashboard there. Never throws, whatever it is given (a lookalike such as `http://localhost:3000.evil.test/` is
 * not even a valid URL).
 */
export function safeRedirectUrl(url: string, baseUrl: string, fallback = "/dashboard"): string {
  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    return fallback;
  }
  try {
    const target = new URL(url, origin);
    if (target.origin === origin) return `${origin}${safeCallbackPath(target.pathname + target.search + target.hash, fallback)}`;
  } catch {
    // not a URL at all: the fallback below
  }
  return `${origin}${fallback}`;
}

/** Whether next-auth can read `raw` as a redirect target (a path, or an http(s) URL); it fails hard on anything else. */
export function parsesAsRedirect(raw: string): boolean {
  if (raw.startsWith("/")) return true;
  try {
    return /^https?:$/.test(new URL(raw).protocol);
  } catch {
    return false;
  }
}
