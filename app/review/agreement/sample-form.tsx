"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createSampleAction } from "./actions";

export function SampleForm({ coders }: { coders: { id: number; name: string; role: string }[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  return (
    <form
      className="card"
      aria-label="New sample"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const result = await createSampleAction({
          name: String(form.get("name") ?? ""),
          size: Number(form.get("size")),
          coderIds: form.getAll("coder").map(Number),
        });
        setMessage(
          result.ok
            ? { error: false, text: `Sample created with ${result.value.statements} statements.` }
            : { error: true, text: result.error },
        );
        if (result.ok) router.refresh();
      }}
    >
      <h2 style={{ marginTop: 0 }}>New sample</h2>
      {message && (
        <p className={message.error ? "error" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      <label>
        Name <input name="name" required />
      </label>{" "}
      <label>
        Statements drawn at random <input name="size" type="number" min={1} max={500} defaultValue={10} />
      </label>
      <fieldset>
        <legend>Coders (two or more)</legend>
        {coders.map((c) => (
          <label key={c.id} style={{ marginRight: "1rem" }}>
            <input type="checkbox" name="coder" value={c.id} /> {c.name} ({c.role})
          </label>
        ))}
      </fieldset>
      <button type="submit">Assign sample</button>
    </form>
  );
}
