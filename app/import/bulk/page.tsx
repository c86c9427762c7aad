import { BulkImport } from "./_components/bulk-import";
import { requireSignedIn } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function BulkImportPage() {
  await requireSignedIn("/import/bulk", "statements:import");
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
