/** An Atom 1.0 feed (RFC 4287) as text: every text escaped, every date in RFC 3339. */

export interface AtomEntry {
  id: string;
  title: string;
  updated: Date;
  link: string;
  /** Plain text; shown by readers as the entry's body. */
  summary: string;
}

export interface AtomFeed {
  id: string;
  title: string;
  updated: Date;
  /** The feed's own address. */
  self: string;
  /** The page the feed stands for. */
  alternate: string;
  author: string;
  entries: AtomEntry[];
}

// Characters XML 1.0 does not allow at all (a control character from a pasted statement would break the feed).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

export function atomFeed(feed: AtomFeed): string {
  const e = escapeXml;
  const entries = feed.entries.map(
    (entry) => `  <entry>
    <id>${e(entry.id)}</id>
    <title>${e(entry.title)}</title>
    <updated>${entry.updated.toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${e(entry.link)}"/>
    <summary type="text">${e(entry.summary)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${e(feed.id)}</id>
  <title>${e(feed.title)}</title>
  <updated>${feed.updated.toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${e(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${e(feed.alternate)}"/>
  <author><name>${e(feed.author)}</name></author>
  <generator>Dyad</generator>
${entries.join("\n")}
</feed>
`;
}
