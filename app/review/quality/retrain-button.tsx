"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { retrainAction } from "./actions";

export function RetrainButton() {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <p>
      <button
        type="button"
        onClick={async () => {
          const result = await retrainAction();
          setMessage(result.ok ? "Training in the background; reload in a moment." : result.error);
          setTimeout(() => router.refresh(), 2000);
        }}
      >
        Retrain now
      </button>{" "}
      {message && <span role="status">{message}</span>}
    </p>
  );
}
