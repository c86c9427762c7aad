import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { recordSignInAttempt, signInThrottled, SIGN_IN_THROTTLE } from "@/lib/dal/sign-in-throttle";
import { verifyCredentials } from "@/lib/dal/users";

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Error codes next-auth passes back to the sign-in page, which turns them into sentences. */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "That email and password do not match an account.",
  AccountDisabled: "This account has been disabled. Ask a manager to re-enable it.",
  TooManyAttempts: `Too many failed sign-ins. Wait ${SIGN_IN_THROTTLE.windowMinutes} minutes and try again, or ask a manager to reset your password.`,
} as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { db } = await getDatabase();
        const ip = clientAddress(request?.headers);
        if (await signInThrottled(db, parsed.data.email, ip)) throw new Error("TooManyAttempts");
        const result = await verifyCredentials(db, parsed.data.email, parsed.data.password);
        await recordSignInAttempt(db, parsed.data.email, ip, result.ok);
        if (!result.ok) {
          if (result.reason === "disabled") throw new Error("AccountDisabled");
          return null;
        }
        return { id: String(result.user.id), email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = Number(user.id);
      return token;
    },
    session({ session, token }) {
      // Only the id travels in the token; role and disabled are read fresh from the database per request.
      session.user = { id: token.uid ?? 0, email: token.email, name: token.name };
      return session;
    },
  },
};

/**
 * The client address as a proxy in front reports it. A forged header only moves a guesser to another address
 * bucket; the per-account limit holds regardless.
 */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"] ?? headers?.["x-real-ip"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first ? first.slice(0, 64) : null;
}
