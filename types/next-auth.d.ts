import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: number; email?: string | null; name?: string | null };
    /** What the DAL checks on every request: the account, its session version at sign-in, and when that was. */
    claims?: { uid: number; sv: number; signedInAt: number };
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    /** The account's session version at sign-in; bumping it in the database ends the session. */
    sv?: number;
    /** Seconds since the epoch at sign-in; kept through every refresh, so the session has an absolute lifetime. */
    signedInAt?: number;
  }
}
