import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDatabase } from "@/db/client";
import { sessionYoungEnough } from "@/lib/dal/context";
import { recordSignInAttempt, signInThrottled, SIGN_IN_THROTTLE } from "@/lib/dal/internal/sign-in-throttle";
import { endMySessions } from "@/lib/dal/sessions";
import { verifyCredentials } from "@/lib/dal/public/sign-in";
import { safeRedirectUrl } from "./safe-redirect";

const credentialsSchema = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

/** Error codes next-auth passes back to the sign-in page, which turns them into sentences. */
export const SIGN_IN_ERRORS = {
  CredentialsSignin: "That email and password do not match an account.",
  AccountDisabled: "This account has been disabled. Ask a manager to re-enable it.",
  TooManyAttempts: `Too many failed sign-ins. Wait ${SIGN_IN_THROTTLE.windowMinutes} minutes and try again, or ask a manager to reset your password.`,
} as const;

export const authOptions: NextAuthOptions = {
  // A cookie unused for 8 hours lapses; however often it is used, it ends SESSION_LIFETIME_HOURS after sign-in
  // (the jwt callback below, and the DAL on every request).
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
        return { id: String(result.user.id), email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = user.sessionVersion ?? 0;
        token.signedInAt = Math.floor(Date.now() / 1000);
      }
      // Throwing makes next-auth clear the cookie instead of refreshing it (the DAL refuses it regardless).
      if (!sessionYoungEnough(token.signedInAt ?? Number.NaN)) throw new Error("The session has ended; sign in again.");
      return token;
    },
    session({ session, token }) {
      // Role and disabled are read fresh from the database per request; the DAL checks the claims every time.
      session.user = { id: token.uid ?? 0, email: token.email, name: token.name };
      session.claims = { uid: token.uid ?? 0, sv: token.sv ?? -1, signedInAt: token.signedInAt ?? 0 };
      return session;
    },
    redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
  },
  events: {
    // Signing out ends every session of the account, so a copied cookie dies with the one signed out.
    async signOut({ token }) {
      if (!token?.uid || token.sv === undefined || token.signedInAt === undefined) return;
      const { db } = await getDatabase();
      await endMySessions({ db, userId: token.uid, auth: { kind: "session", version: token.sv, signedInAt: token.signedInAt } });
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
