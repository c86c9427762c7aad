import Link from "next/link";
import { SingleImport } from "@/components/import/single-import";
import { roleHas } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  const { actor } = await requireSignedIn("/import");
  if (!roleHas(actor.role, "statements:import")) return <p>Your role ({actor.role}) cannot import statements.</p>;
  return (
    <>
      <h1>Import a statement</h1>
      <p className="notice">
        Many statements in one file (.csv, .json, .jsonl, .jsonl.gz)? Use <Link href="/import/bulk">bulk import</Link>.
      </p>
      <SingleImport />
    </>
  );
}
