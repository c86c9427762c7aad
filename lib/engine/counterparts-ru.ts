import type { CountryMention, MentionVia, Span } from "./types";

/**
 * The Russian cues of counterparts.ts: when a country named in a Russian passage is only named in passing.
 * Tuned on the Russian dev statements whose id starts 0–7 (docs/evaluation.md, "Russian").
 */

type Passing = "list" | "venue" | "dateline" | "example";

/** Only separators between two names: "Армения, Беларусь, Казахстан и Таджикистан", "Ираке или Иране". */
export const LIST_GAP_RU = /^(?:[\s,;/]|(?<![\p{L}])(?:и|или|либо|а также|как и)(?![\p{L}]))*$/iu;

const MONTH_RU = "(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)";
/** A Russian date line: "МОСКВА, 3 марта —", "Баку, 12 мая 2010 года". */
const DATE_AFTER_RU = new RegExp(`^[\\s,.:—–-]*(?:\\d{1,2}\\s+${MONTH_RU}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2})`, "iu");

/** A capital as the place of an event or a leg of a trip: "в Берлине", "по пути из Душанбе в Москву", "через Киев". */
const PLACE_BEFORE_RU = /(?<![\p{L}])(?:в|во|из|через|до)\s+$/iu;
/** Any country as a route: "маршрут поставок через Украину", "транзит через территорию Литвы". */
const ROUTE_BEFORE_RU = /(?<![\p{L}])(?:через|транзит\p{L}*\s+через)\s+(?:территорию\s+)?$/iu;
/** A country given as an example or a comparison: "скажем, в Афганистане", "например, послевоенная Германия". */
const EXAMPLE_BEFORE_RU =
  /(?<![\p{L}])(?:скажем|например|допустим|к примеру|в частности|как в|как и в|в отличие от|по примеру)[\s,]+(?:[\p{L}-]+\s+){0,2}$/iu;

function clauseBefore(text: string, passage: Span, at: number): string {
  let start = at;
  while (start > passage.start && at - start < 80 && !/[.!?;:]/.test(text[start - 1]!)) start--;
  return text.slice(start, at);
}

/** Why a mention in a Russian passage is only in passing, or undefined when it addresses its country. */
export function passingReasonRu(
  text: string,
  passage: Span,
  mention: CountryMention,
  via: MentionVia,
  inList: boolean,
): Passing | undefined {
  if (inList) return "list";
  const lineStart = text.lastIndexOf("\n", mention.start - 1) + 1;
  if (text.slice(lineStart, mention.start).trim() === "" && DATE_AFTER_RU.test(text.slice(mention.end, mention.end + 40)))
    return "dateline";
  const before = clauseBefore(text, passage, mention.start);
  if (via === "capital" && PLACE_BEFORE_RU.test(before)) return "venue";
  if (ROUTE_BEFORE_RU.test(before)) return "venue";
  if (EXAMPLE_BEFORE_RU.test(before)) return "example";
  return undefined;
}
