"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { restoreAction } from "@/app/review/[id]/actions";

/** Restores the state before one change, against the version the page shows; a stale page is refused. */
export function RestoreButton({
  statementId,
  version,
  auditId,
  fromVersion,
}: {
  statementId: number;
  version: number;
  auditId: number;
  fromVersion: number | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const result = await restoreAction({ statementId, version, auditId });
          setPending(false);
          if (!result.ok) return setError(result.error);
          setError(null);
          router.refresh();
        }}
      >
        Restore version {fromVersion}
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
