"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import { claimAction } from "./actions";

/** j/k move through the queue, Enter claims the current statement and opens it; a claim held by someone else is shown, not taken. */
export function QueueKeys({ ids, query, children }: { ids: number[]; query: string; children: ReactNode }) {
  const router = useRouter();
  const [current, setCurrent] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const rows = document.querySelectorAll<HTMLTableRowElement>("tr[data-statement-id]");
    rows.forEach((row, i) => row.classList.toggle("current", i === current));
    rows[current]?.scrollIntoView({ block: "nearest" });
  }, [current, ids]);

  useEffect(() => {
    async function open(id: number) {
      const result = await claimAction(id);
      if (!result.ok) return setError(result.error);
      router.push(`/review/${id}${query ? `?${query}` : ""}`);
    }
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLElement && event.target.closest("input, select, textarea, button, a")) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "j") setCurrent((c) => Math.min(ids.length - 1, c + 1));
      else if (event.key === "k") setCurrent((c) => Math.max(0, c - 1));
      else if (event.key === "Enter" && ids[current] !== undefined) void open(ids[current]);
      else return;
      event.preventDefault();
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [ids, current, query, router]);

  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {children}
    </>
  );
}
