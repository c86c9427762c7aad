import { BulkImport } from "@/components/import/bulk-import";
import { roleHas } from "@/lib/auth/permissions";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function BulkImportPage() {
  const { actor } = await requireSignedIn("/import/bulk");
  if (!roleHas(actor.role, "statements:import")) return <p>Your role ({actor.role}) cannot import statements.</p>;
  return (
    <>
      <h1>Bulk import</h1>
      <p className="notice">
        One statement per row or object. Re-importing a file adds nothing twice: texts already in Dyad are counted as duplicates.
      </p>
      <BulkImport />
    </>
  );
}
