import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import type { StatementDraft } from "./draft";
import { isUsableDay } from "@/lib/engine/dates";

/**
 * The main text of a web page, found by Mozilla's Readability (Firefox Reader View) over a linkedom DOM.
 * Scripts are never run: linkedom builds a DOM without executing anything. Title, date and byline from
 * the page's own metadata become suggestions.
 */
export function draftFromHtmlPage(html: string, sourceUrl: string | null): StatementDraft {
  let { document } = parseHTML(html);
  // linkedom makes the first element the root, or none for bare text; Readability and document.body need <html>.
  if (document.documentElement?.localName !== "html") ({ document } = parseHTML(`<!DOCTYPE html><html><body>${html}</body></html>`));
  for (const el of document.querySelectorAll("script, style, noscript, template, iframe, object")) el.remove();
  const meta = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || null;
  const published = meta('meta[property="article:published_time"]') ?? meta('meta[name="date"]') ?? meta('meta[name="dcterms.date"]');
  // A page's own date is a suggestion: one outside the usable years is dropped, not allowed to refuse the page.
  const publishedDay = published && isUsableDay(published.slice(0, 10)) ? published.slice(0, 10) : null;
  const article = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const content = article?.content ?? document.body?.innerHTML ?? html;
  return {
    raw: content,
    format: "html",
    title: article?.title?.trim() || meta('meta[property="og:title"]') || document.querySelector("title")?.textContent?.trim() || null,
    date: publishedDay,
    datePrecision: publishedDay ? "day" : null,
    sourceUrl,
  };
}
