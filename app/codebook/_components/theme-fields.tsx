"use client";

import { useActionState } from "react";
import { createThemeAction, updateThemeAction } from "@/app/codebook/actions";
import { ActionOutcome } from "@/components/action-outcome";
import { ThemeOptions } from "@/components/theme-options";

interface ThemeOption {
  slug: string;
  name: string;
}

interface FieldsProps {
  theme?: { slug: string; name: string; color: string; parent: string | null; enabled: boolean };
  themes: ThemeOption[];
  version: number;
}

/** Name, colour, parent and on/off of a theme; or, without a theme, a new one. Each save is a new codebook version. */
export function ThemeFields({ theme, themes, version }: FieldsProps) {
  const [state, submit, pending] = useActionState(theme ? updateThemeAction : createThemeAction, null);
  const parents = themes.filter((t) => t.slug !== theme?.slug);
  return (
    <form action={submit} className="filters" aria-label={theme ? `Theme ${theme.name}` : "New theme"}>
      <input type="hidden" name="version" value={version} />
      {theme ? (
        <input type="hidden" name="slug" value={theme.slug} />
      ) : (
        <label>
          Short name (slug)
          <input name="slug" required pattern="[a-z0-9-]{1,64}" placeholder="caspian-sea" />
        </label>
      )}
      <label>
        Name
        <input name="name" required maxLength={80} defaultValue={theme?.name ?? ""} />
      </label>
      <label>
        Colour
        <input name="color" type="color" defaultValue={theme?.color ?? "#777777"} />
      </label>
      <label>
        Part of
        <select name="parent" defaultValue={theme?.parent ?? ""}>
          <option value="">(top level)</option>
          <ThemeOptions themes={parents} />
        </select>
      </label>
      <label>
        <input name="enabled" type="checkbox" defaultChecked={theme?.enabled ?? true} /> Enabled
      </label>
      <button type="submit" disabled={pending} className={theme ? "secondary" : undefined}>
        {theme ? "Save theme" : "Create theme"}
      </button>
      <ActionOutcome state={state}>{(saved) => `Saved as codebook version ${saved.version}.`}</ActionOutcome>
    </form>
  );
}
