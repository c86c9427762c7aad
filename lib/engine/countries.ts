import worldCountries from "world-countries";
import type { Country } from "./types";

/**
 * Names that official data leaves out but statements use: short forms, demonyms in the plural, capitals
 * used as metonyms ("Moscow said"), historical names. Keyed by ISO 3166-1 alpha-3.
 */
const EXTRA_ALIASES: Record<string, string[]> = {
  USA: ["U.S.", "US", "U.S.A.", "USA", "United States", "United States of America", "America", "American", "Americans", "Washington"],
  RUS: ["Russia", "Russian Federation", "Russian", "Russians", "Moscow", "Kremlin", "Soviet Union", "USSR", "U.S.S.R.", "Soviet"],
  GBR: ["UK", "U.K.", "Britain", "Great Britain", "British", "United Kingdom", "London"],
  UKR: ["Ukraine", "Ukrainian", "Ukrainians", "Kyiv", "Kiev"],
  AZE: ["Azerbaijan", "Azerbaijani", "Azerbaijanis", "Azeri", "Azeris", "Baku"],
  ARM: ["Armenia", "Armenian", "Armenians", "Yerevan"],
  GEO: ["Georgia", "Georgian", "Georgians", "Tbilisi"],
  FRA: ["France", "French", "Paris"],
  DEU: ["Germany", "German", "Germans", "Berlin", "Federal Republic of Germany", "West Germany"],
  CHN: ["China", "Chinese", "Beijing", "Peking", "People's Republic of China", "PRC"],
  TWN: ["Taiwan", "Taipei", "Republic of China"],
  IRN: ["Iran", "Iranian", "Iranians", "Tehran", "Islamic Republic of Iran", "Persia"],
  TUR: ["Turkey", "Türkiye", "Turkish", "Turks", "Ankara"],
  AFG: ["Afghanistan", "Afghan", "Afghans", "Kabul"],
  PAK: ["Pakistan", "Pakistani", "Pakistanis", "Islamabad"],
  IND: ["India", "Indian", "Indians", "New Delhi"],
  ISR: ["Israel", "Israeli", "Israelis", "Jerusalem"],
  PSE: ["Palestine", "Palestinian", "Palestinians", "West Bank", "Gaza", "Ramallah"],
  SAU: ["Saudi Arabia", "Saudi", "Saudis", "Riyadh"],
  EGY: ["Egypt", "Egyptian", "Egyptians", "Cairo", "United Arab Republic"],
  KAZ: ["Kazakhstan", "Kazakh", "Kazakhstani", "Astana", "Almaty"],
  BRA: ["Brazil", "Brazilian", "Brasilia", "Brasília"],
  PRK: ["North Korea", "DPRK", "Pyongyang", "Democratic People's Republic of Korea"],
  KOR: ["South Korea", "Seoul", "Republic of Korea", "ROK"],
  SYR: ["Syria", "Syrian", "Syrians", "Damascus"],
  IRQ: ["Iraq", "Iraqi", "Iraqis", "Baghdad"],
  COD: ["Democratic Republic of the Congo", "DRC", "Kinshasa", "Zaire"],
  COG: ["Republic of the Congo", "Congo-Brazzaville", "Brazzaville"],
  MMR: ["Myanmar", "Burma", "Burmese"],
  CZE: ["Czech Republic", "Czechia", "Czech", "Prague"],
  MKD: ["North Macedonia", "Macedonia", "Skopje"],
  CIV: ["Côte d'Ivoire", "Ivory Coast", "Ivorian"],
  VAT: ["Holy See", "Vatican"],
  XKX: ["Kosovo", "Pristina", "Kosovar"],
  BLR: ["Belarus", "Belarusian", "Minsk"],
  MDA: ["Moldova", "Moldovan", "Chisinau", "Chișinău"],
  VNM: ["Vietnam", "Viet Nam", "Vietnamese", "Hanoi"],
  LAO: ["Laos", "Lao"],
  SRB: ["Serbia", "Serbian", "Serbs", "Belgrade", "Yugoslavia"],
};

/** Aliases that are ordinary words or belong to several places more often than to the country. */
const DROPPED_ALIASES = new Set(["Male", "Malé", "Victoria", "Kingston", "Hamilton", "Georgetown", "Dominican", "Guinean", "Congolese", "Sudanese", "Korean", "Koreans", "Chad", "Jersey", "Guernsey", "Minsk Group", "Saint", "Island", "Islands", "Republic", "Kingdom", "City", "The"]);

const KOSOVO_DATA_CODE = "UNK";

function aliasesOf(entry: (typeof worldCountries)[number]): string[] {
  const names = [entry.name.common, entry.name.official, ...entry.altSpellings, ...entry.capital];
  const eng = entry.demonyms?.eng;
  if (eng) names.push(eng.m, eng.f);
  return names.filter((n) => n && n.length > 2 && /^[\p{Script=Latin}\s'.\-,()]+$/u.test(n) && !/^[A-Z]{2,3}$/.test(n));
}

function buildCountries(): Country[] {
  const countries = worldCountries.map((entry) => {
    const iso3 = entry.cca3 === KOSOVO_DATA_CODE ? "XKX" : entry.cca3;
    const aliases = new Set([...aliasesOf(entry), ...(EXTRA_ALIASES[iso3] ?? [])]);
    return { iso3, name: entry.name.common, aliases: [...aliases].filter((a) => !DROPPED_ALIASES.has(a) || EXTRA_ALIASES[iso3]?.includes(a)) };
  });
  return withoutSharedAliases(countries);
}

/** An alias claimed by two countries (outside the curated list) says nothing about either: drop it from both. */
function withoutSharedAliases(countries: Country[]): Country[] {
  const claims = new Map<string, number>();
  for (const c of countries) for (const a of c.aliases) claims.set(a.toLowerCase(), (claims.get(a.toLowerCase()) ?? 0) + 1);
  return countries.map((c) => ({
    ...c,
    aliases: c.aliases.filter((a) => claims.get(a.toLowerCase()) === 1 || EXTRA_ALIASES[c.iso3]?.includes(a)),
  }));
}

/** Every ISO 3166-1 country (plus Kosovo as XKX) with its names, demonyms, capitals and variants. */
export const COUNTRIES: Country[] = buildCountries().sort((a, b) => a.iso3.localeCompare(b.iso3));
