import Link from "next/link";
import type { ReactNode } from "react";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** A convenience for people: the DAL refuses every administrative read and write on its own. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireSignedIn("/admin", "users:manage");
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
