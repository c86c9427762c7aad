/**
 * Signs in over HTTP as a script would (no browser), for the load benchmark and the browser tests: the session cookie
 * the server sets, with its attributes, or "" when it set none.
 */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfResponse.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return response.headers.getSetCookie().find((c) => c.includes("session-token=")) ?? "";
}
