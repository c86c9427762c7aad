import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/sign-out-button";
import { roleHas } from "@/lib/dal/permissions";
import { currentActor } from "@/lib/dal/context";
import { requestContext } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: "Dyad",
  description: "What governments say to and about each other, by theme and tone over time.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor(await requestContext());
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/dashboard" className="brand">
            Dyad
          </Link>
          {actor && (
            <nav aria-label="Main">
              <Link href="/dashboard">Dashboard</Link>
              <Link href="/views">Saved views</Link>
              <Link href="/statements">Statements</Link>
              <Link href="/search">Search</Link>
              <Link href="/codebook">Codebook</Link>
              <Link href="/tokens">API tokens</Link>
              {roleHas(actor.role, "statements:import") && <Link href="/import">Import</Link>}
              {roleHas(actor.role, "tags:write") && <Link href="/review">Review</Link>}
              {roleHas(actor.role, "users:manage") && <Link href="/admin/users">Administration</Link>}
              {roleHas(actor.role, "reports:export") && <Link href="/reports">Reports</Link>}
            </nav>
          )}
          {actor && (
            <span className="who">
              {actor.name} · {actor.role} <SignOutButton />
            </span>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
