import Link from "next/link";
import { SingleImport } from "./_components/single-import";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function ImportPage() {
  await requireSignedIn("/import", "statements:import");
  return (
    <>
      <h1>Import a statement</h1>
      <p className="notice">
        Many statements in one file (.csv, .json, .jsonl, .jsonl.gz)? Use <Link href="/import/bulk">bulk import</Link>. A ministry&apos;s
        press releases as they appear? <Link href="/import/feeds">Follow its feed</Link>.
      </p>
      <SingleImport />
    </>
  );
}
