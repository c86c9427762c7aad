import Link from "next/link";
import { requestContext } from "@/lib/auth/session";
import { currentActor } from "@/lib/dal/context";

/** What a signed-in person sees (with status 403) on a page their role may not open. */
export default async function Forbidden() {
  const actor = await currentActor(await requestContext()).catch(() => null);
  return (
    <>
      <h1>Not for your role</h1>
      <p className="error" role="alert">
        Your role{actor ? ` (${actor.role})` : ""} cannot open this page. If your work needs it, ask a manager to change your role.
      </p>
      <p>
        <Link href="/dashboard">Back to the dashboard</Link>
      </p>
    </>
  );
}
