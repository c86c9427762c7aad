"use client";

import { useEffect, useRef } from "react";

const KEYS: [string, string][] = [
  ["j / k", "next / previous passage"],
  ["a", "accept every suggestion in the current passage"],
  ["1 … 9, 0", "toggle a theme on the current passage; with text selected, tag that span"],
  ["u", "undo your last change on this page"],
  ["r", "mark reviewed and open the next statement in the queue"],
  ["n", "next statement in the queue without marking"],
  ["?", "show or hide these keys (Esc closes)"],
];

export function HelpOverlay({ themes, onClose }: { themes: { key: string; name: string }[]; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="overlay" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-labelledby="keys-title" onClick={(e) => e.stopPropagation()}>
        <h2 id="keys-title" style={{ marginTop: 0 }}>
          Keyboard shortcuts
        </h2>
        <table>
          <tbody>
            {KEYS.map(([key, what]) => (
              <tr key={key}>
                <td>
                  <kbd>{key}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="kbd-hint">{themes.map((t) => `${t.key} ${t.name}`).join(" · ")}</p>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
