import Link from "next/link";
import type { ReactNode } from "react";
import { roleHas } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** A convenience for people: the DAL refuses every administrative read and write on its own. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { actor } = await requireSignedIn("/admin");
  if (!roleHas(actor.role, "users:manage")) {
    return (
      <p className="error" role="alert">
        Your role ({actor.role}) cannot use administration; ask a manager.
      </p>
    );
  }
  return (
    <>
      <nav aria-label="Administration" className="filters">
        <Link href="/admin/users">Users</Link>
        <Link href="/codebook">Codebook</Link>
        <Link href="/admin/events">Event markers</Link>
        <Link href="/admin/audit">Audit log</Link>
      </nav>
      {children}
    </>
  );
}
