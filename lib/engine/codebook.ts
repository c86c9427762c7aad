import { z } from "zod";
import type { ThemeDefinition } from "./types";

/**
 * A rule phrase: words separated by single spaces, letters/digits/'/-/. only, a trailing * on a word for
 * any ending (terror* → terrorist, terrorism), and an optional weight after a colon ("pipeline*: 0.5").
 * Literal by construction: there is no regular expression a manager could write to hang the server.
 */
const PHRASE = /^[\p{L}\p{N}'’.\-]+\*?( [\p{L}\p{N}'’.\-]+\*?)*(: ?\d{1,2}(\.\d{1,2})?)?$/u;

export const phraseSchema = z
  .string()
  .trim()
  .max(100, "a phrase is at most 100 characters")
  .regex(PHRASE, "a phrase is words (letters, digits, ' - .), each optionally ending in *, with an optional weight like ': 2'");

export const themeRulesSchema = z.object({
  phrases: z.array(phraseSchema).max(2000),
  exclusions: z.array(phraseSchema).max(500).default([]),
  weight: z.number().min(0).max(10).default(1),
  threshold: z.number().min(0.1).max(20).optional(),
});

export const themeDefinitionSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().trim().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  parent: z.string().regex(/^[a-z0-9-]{1,64}$/).nullable(),
  enabled: z.boolean(),
  rules: themeRulesSchema,
});

/** Splits "pipeline*: 0.5" into its words and weight. */
export function parsePhrase(phrase: string): { words: string; weight: number } {
  const match = /^(.*?)(?::\s*(\d+(?:\.\d+)?))?$/.exec(phrase.trim());
  return { words: match?.[1]?.trim() ?? phrase, weight: match?.[2] ? Number(match[2]) : 1 };
}

const rules = (phrases: string[], exclusions: string[] = [], threshold?: number) => ({ phrases, exclusions, weight: 1, ...(threshold ? { threshold } : {}) });

/** The codebook Dyad ships with (version 1). Colours are Okabe–Ito and Tol, safe for colour-blind readers. */
export const DEFAULT_CODEBOOK: ThemeDefinition[] = [
  {
    slug: "energy-security",
    name: "Energy security",
    color: "#E69F00",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "energy security: 2", "energy supply", "energy supplies", "energy policy", "energy policies", "energy cooperation",
        "energy sector", "energy resources", "energy routes", "energy independence", "energy diversification", "energy crisis",
        "pipeline*: 2", "gas supply", "gas supplies", "natural gas", "oil and gas", "oil supplies", "oil prices", "LNG",
        "supply disruptions", "diverse sources and routes", "Baku-Tbilisi-Ceyhan", "Southern Gas Corridor", "Nord Stream",
        "TANAP", "TAP", "Caspian energy", "energy", "energy transit", "hydrocarbon*", "Gazprom",
      ],
      ["renewable energy", "clean energy", "nuclear energy", "atomic energy", "energy efficiency"],
      2,
    ),
  },
  {
    slug: "counterterrorism",
    name: "Counterterrorism",
    color: "#D55E00",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "terroris*: 2", "terrorist*: 2", "counterterror*: 2", "counter-terror*: 2", "anti-terror*: 2", "extremis*", "violent extremism: 2",
        "Al-Qaida: 2", "Al-Qaeda: 2", "al Qaeda: 2", "Taliban", "ISIS: 2", "ISIL: 2", "Daesh: 2", "Islamic State",
        "suicide bomb*", "hostage*", "radicaliz*", "radicalis*", "Boko Haram", "Hamas", "Hizbullah", "Hezbollah",
      ],
      ["state terrorism"],
      2,
    ),
  },
  {
    slug: "nagorno-karabakh",
    name: "Nagorno-Karabakh",
    color: "#009E73",
    parent: null,
    enabled: true,
    rules: rules([
      "Karabakh", "Karabagh", "Garabagh", "Qarabag", "Qarabağ", "Artsakh", "Nagorny Karabakh", "Nagorno-Karabakh", "Minsk Group",
      "Khankendi", "Stepanakert", "Shusha", "Lachin", "Lachin corridor",
    ]),
  },
  {
    slug: "democracy",
    name: "Democracy",
    color: "#0072B2",
    parent: null,
    enabled: true,
    rules: rules(
      ["democra*: 2", "democratic institutions: 2", "civil society", "pluralism", "good governance", "free press", "freedom of the press", "media freedom", "fundamental freedoms"],
      ["Democratic Republic", "Democratic People's Republic", "Democratic Socialist Republic"],
      2,
    ),
  },
  {
    slug: "elections",
    name: "Elections",
    color: "#56B4E9",
    parent: "democracy",
    enabled: true,
    rules: rules(["election*", "electoral", "ballot*", "voter*", "polling stations", "referendum*"]),
  },
  {
    slug: "rule-of-law",
    name: "Rule of law",
    color: "#332288",
    parent: "democracy",
    enabled: true,
    rules: rules(["rule of law", "independent judiciary", "judicial independence", "judicial reform", "corruption", "anti-corruption", "accountability", "due process"]),
  },
  {
    slug: "human-rights",
    name: "Human rights",
    color: "#CC79A7",
    parent: "democracy",
    enabled: true,
    rules: rules(["human rights", "fundamental rights", "freedom of expression", "freedom of assembly", "freedom of religion", "political prisoners", "torture", "rights of minorities", "minority rights"]),
  },
  {
    slug: "nonproliferation",
    name: "Nonproliferation",
    color: "#882255",
    parent: null,
    enabled: true,
    rules: rules(["nonproliferation", "non-proliferation", "weapons of mass destruction", "nuclear weapon*", "NPT", "IAEA", "disarmament", "chemical weapons", "biological weapons", "fissile material", "enrichment", "ballistic missile*"]),
  },
  {
    slug: "regional-security",
    name: "Regional security",
    color: "#44AA99",
    parent: null,
    enabled: true,
    rules: rules(["regional security: 2", "regional stability: 2", "regional conflicts", "frozen conflict*", "territorial integrity", "ceasefire", "cease-fire", "peacekeep*", "OSCE", "NATO", "CSTO", "border security"], [], 2),
  },
  {
    slug: "trade-economic-cooperation",
    name: "Trade and economic cooperation",
    color: "#999933",
    parent: null,
    enabled: true,
    rules: rules(["trade", "free trade", "investment*", "economic cooperation: 2", "economic ties", "economic relations", "market access", "tariff*", "WTO", "World Trade Organization", "bilateral trade: 2", "exports", "imports"], [], 2),
  },
];
