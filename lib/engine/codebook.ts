import { z } from "zod";
import type { ThemeDefinition, ThemeRules } from "./types";
import { THEMES_RU } from "./themes-ru";

/**
 * A rule phrase: at most eight words separated by single spaces, each of letters, digits and ' ’ . - only,
 * each optionally ending in * (any word ending: terror* → terrorist, terrorism), and an optional weight after
 * a colon ("pipeline*: 0.5"). Literal by construction: a manager cannot write a regular expression, so no rule
 * can make the matcher backtrack. The pattern below is itself linear: every repetition starts with a space.
 */
const PHRASE = /^[\p{L}\p{N}'’.\-]+\*?( [\p{L}\p{N}'’.\-]+\*?){0,7}(: ?\d{1,2}(\.\d{1,2})?)?$/u;
const MAX_PHRASE_LENGTH = 100;

export const phraseSchema = z
  .string()
  .max(MAX_PHRASE_LENGTH * 2, "a phrase is at most 100 characters")
  .trim()
  .max(MAX_PHRASE_LENGTH, "a phrase is at most 100 characters")
  .regex(PHRASE, "a phrase is up to 8 words (letters, digits, ' - .), each optionally ending in *, with an optional weight like ': 2'")
  .refine((p) => /[\p{L}\p{N}]/u.test(p), "a phrase needs at least one letter or digit");

export const themeRulesSchema = z.object({
  phrases: z.array(phraseSchema).max(5000),
  aliases: z.array(phraseSchema).max(500).optional(),
  exclusions: z.array(phraseSchema).max(500).default([]),
  names: z.array(phraseSchema).max(500).optional(),
  rollUpContext: z.array(phraseSchema).max(500).optional(),
  ru: z.object({ phrases: z.array(phraseSchema).max(5000), exclusions: z.array(phraseSchema).max(500).optional() }).optional(),
  weight: z.number().min(0).max(10).default(1),
  threshold: z.number().min(0.1).max(20).optional(),
});

/** A theme's slug, its key everywhere: lower-case letters, digits and hyphens. */
export const THEME_SLUG = /^[a-z0-9-]{1,64}$/;

export const themeDefinitionSchema = z.object({
  slug: z.string().regex(THEME_SLUG),
  name: z.string().trim().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  parent: z.string().regex(THEME_SLUG).nullable(),
  enabled: z.boolean(),
  rules: themeRulesSchema,
});

export const codebookSchema = z
  .array(themeDefinitionSchema)
  .max(200)
  .superRefine((themes, ctx) => {
    for (const problem of hierarchyProblems(themes)) ctx.addIssue({ code: "custom", message: problem });
  });

export type CodebookValidation = { ok: true; themes: ThemeDefinition[] } | { ok: false; errors: string[] };

/** Checks a manager-edited codebook: every phrase literal and bounded, slugs unique, parents known, no cycles. */
export function validateCodebook(input: unknown): CodebookValidation {
  const parsed = codebookSchema.safeParse(input);
  if (parsed.success) return { ok: true, themes: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)) };
}

function hierarchyProblems(themes: { slug: string; parent: string | null }[]): string[] {
  const problems: string[] = [];
  const parentOf = new Map<string, string | null>();
  for (const t of themes) {
    if (parentOf.has(t.slug)) problems.push(`theme "${t.slug}" appears twice`);
    parentOf.set(t.slug, t.parent);
  }
  for (const t of themes) {
    if (t.parent !== null && !parentOf.has(t.parent)) problems.push(`theme "${t.slug}" has an unknown parent "${t.parent}"`);
    const seen = new Set([t.slug]);
    for (let p = t.parent; p; p = parentOf.get(p) ?? null) {
      if (seen.has(p)) {
        problems.push(`theme "${t.slug}" is its own ancestor`);
        break;
      }
      seen.add(p);
    }
  }
  return problems;
}

/** Splits "pipeline*: 0.5" into its words and weight (no regular expression: input may not be validated yet). */
export function parsePhrase(phrase: string): { words: string; weight: number } {
  const trimmed = phrase.trim();
  const colon = trimmed.lastIndexOf(":");
  const weight = colon >= 0 ? Number(trimmed.slice(colon + 1)) : NaN;
  if (colon < 0 || trimmed.slice(colon + 1).trim() === "" || !Number.isFinite(weight)) return { words: trimmed, weight: 1 };
  return { words: trimmed.slice(0, colon).trim(), weight };
}

const rules = (phrases: string[], exclusions: string[] = [], threshold?: number, more: Pick<ThemeRules, "names" | "rollUpContext"> = {}): ThemeRules => ({
  phrases,
  exclusions,
  weight: 1,
  ...(threshold ? { threshold } : {}),
  ...more,
});

/**
 * The codebook Dyad ships with. Colours: Okabe–Ito for the four core themes and their children, Paul Tol's
 * muted scheme for the adjacent ones; all distinguishable by readers with colour-vision deficiency.
 * Thresholds of 2 mean a passage needs a strong phrase (weight 2) or two weaker ones.
 */
/** The four themes the product began from: what a chart or report shows until someone chooses. */
export const CORE_THEMES = ["energy-security", "counterterrorism", "nagorno-karabakh", "democracy"];

const DEFAULT_THEMES: ThemeDefinition[] = [
  {
    slug: "energy-security",
    name: "Energy security",
    color: "#E69F00",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "energy security: 2", "security of energy supply: 2", "energy supply", "energy supplies", "energy policy", "energy policies",
        "energy cooperation", "energy sector", "energy resources", "energy routes", "energy corridor*: 2", "energy independence: 2",
        "energy diversification: 2", "energy crisis: 1.5", "global energy crisis: 2", "energy transit: 2", "energy markets", "energy infrastructure",
        "energy projects", "energy exports", "energy imports", "energy dependence: 2", "energy blackmail: 2", "energy weapon: 2",
        "pipeline*: 2", "gas supply", "gas supplies", "gas transit: 2", "natural gas", "oil and gas", "oil supplies", "oil supply",
        "oil price*", "price of oil", "prices of oil", "oil market*", "energy price*", "gas price*", "oil embargo", "oil crisis: 1.5",
        "oil-producing", "oil producing", "oil producers", "oil-exporting", "oil exporting", "oil exporters", "oil production: 2",
        "oil output", "oil reserves", "gas reserves", "reserves of oil", "reserves of gas", "oilfield*: 2", "oil field*: 2",
        "oil facilities: 2", "oil installations: 2", "oil-pumping", "oil pumping", "tankers", "flow of oil: 2", "question of oil",
        "question of energy", "energy delivery", "LNG", "supply disruptions", "diverse sources and routes: 2",
        "Baku-Tbilisi-Ceyhan: 2", "Southern Gas Corridor: 2", "Nord Stream: 2", "TANAP: 2", "TAP", "Caspian energy: 2",
        "Caspian oil: 2", "Caspian gas: 2", "hydrocarbon*", "petroleum",
      ],
      [
        "International Atomic Energy Agency", "Atomic Energy Agency", "in the pipeline", "pipeline of",
        // pipelines among roads, railways and cables are connectivity, not energy; data as "the new oil" is a metaphor
        "road rail", "roads railways", "railways and pipelines", "rail links", "fibre*", "fiber*", "the new oil", "new oil fields",
      ],
      2,
      {
        names: [
          "OPEC", "Gazprom", "Organization of the Petroleum Exporting Countries", "Organization of Petroleum Exporting Countries",
          "Organization of Arab Petroleum Exporting Countries", "OAPEC", "International Energy Agency", "Energy Charter",
        ],
      },
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
        "terrorism: 2", "terrorist*: 2", "counterterror*: 2", "counter-terror*: 2", "anti-terror*: 2", "terror attack*: 2",
        "war on terror: 2", "fight against terror: 2", "extremism", "extremist*", "violent extremism: 2", "radicalization", "radicalisation",
        "Al-Qaida: 2", "Al-Qaeda: 2", "al Qaeda: 2", "Qaida: 2", "Taliban", "ISIS: 2", "ISIL: 2", "Daesh: 2", "Islamic State",
        "Jabhat al-Nusra: 2", "Al-Shabaab: 2", "Boko Haram: 2", "Lashkar-e-Taiba: 2", "suicide bomb*", "hijack*", "hostage-taking",
        "taking of hostages", "foreign terrorist fighters: 2", "financing of terrorism: 2", "terrorist financing: 2",
        // "terror" alone is often an insult about something else; in these phrases it is terrorism
        "terror", "terror experienced: 2", "terror campaign*: 2", "global terror: 2", "acts of terror: 2", "act of terror: 2",
        "terror network*: 2", "terror group*: 2", "fighting terror: 2", "fight terror: 2", "11 September: 2", "September 11: 2",
        "World Trade Center",
      ],
      [],
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
      "Karabakh", "Karabagh", "Garabagh", "Qarabag", "Qarabağ", "Karabach", "Artsakh", "Nagorno-Karabakh", "Nagorny Karabakh",
      "Nagorno-Karabagh", "Minsk Group", "Khankendi", "Stepanakert", "Shusha", "Shushi", "Lachin", "Lachin corridor", "Kalbajar",
      "Kelbajar", "Kelbadjar", "Aghdam", "Agdam", "Fuzuli", "Fizuli", "Zangilan", "Zengilan", "Jabrayil", "Jabrail", "Gubadli",
      "Qubadli", "Kubatly", "Khojaly", "Khojali",
      // the conflict without the region's name, in the words Armenia and Azerbaijan use for it
      "Minsk process", "Minsk Conference", "occupied territories of Azerbaijan", "occupied Azerbaijani territories",
      "occupation of Azerbaijani", "territory of Azerbaijan", "territories of Azerbaijan", "territorial integrity of Azerbaijan",
      "aggression against Azerbaijan", "aggression of Armenia", "Armenian aggression", "Armenia against Azerbaijan",
      "Armenian occupation", "Armenian troops", "Armenian armed forces", "armed forces of Armenia", "Armenian-Azerbaijani",
      "Azerbaijani-Armenian", "Armenia-Azerbaijan", "Azerbaijan-Armenia", "between Armenia and Azerbaijan",
      "between Azerbaijan and Armenia", "normalization with Armenia", "normalization with Azerbaijan", "seven districts",
      "occupied districts", "Armenia and Azerbaijan: 0.5", "Azerbaijan and Armenia: 0.5", "line of contact: 0.5",
      "ceasefire violations: 0.5", "occupied territories: 0.5", "occupation of our territories: 0.5", "Azerbaijani armed forces: 0.5",
      "Azerbaijan armed forces: 0.5",
    ]),
  },
  {
    slug: "democracy",
    name: "Democracy",
    color: "#0072B2",
    parent: null,
    enabled: true,
    rules: rules(
      [
        // the adjective alone ("democratic countries", "people's democracies") is a bloc's name as often as governance
        "democra*", "democracy: 2", "democratic institutions: 2", "democratization: 2", "democratisation: 2", "democratic process*: 2",
        "democratic transition*: 2", "democratic reform*: 2", "democratic government*: 2", "democratic elections: 2",
        "democratically elected: 2", "democratic system: 2", "democratic society: 2", "democratic governance: 2", "democratic State: 2",
        "democratic country: 2", "democratic values", "democratic principles", "civil society", "pluralism",
        "political pluralism: 2", "good governance", "free press", "freedom of the press", "media freedom", "fundamental freedoms",
        "open society", "free society", "popular sovereignty", "participatory", "new constitution: 2", "draft constitution: 2",
        "constitutional reform*: 2", "representative government: 2", "accountable government", "Loya Jirga: 2",
      ],
      [
        "Democratic Republic", "Democratic People's Republic", "Democratic Socialist Republic", "Democratic Party", "Social Democratic",
        "Christian Democratic", "Democratic Kampuchea", "Democratic Yemen", "people's democracy", "people's democracies",
        "popular democracies", "democratic countries", "peace-loving democratic", "democratic camp",
        // the United Nations and the world order made "more democratic": institutional reform, not a country's governance
        "democratization of the United Nations", "democratize the United Nations", "democratizing the United Nations",
        "democratic United Nations", "United Nations more democratic", "democratization of the Organization",
        "democratize the Organization", "democratization of this Organization", "democratization of our Organization",
        "Organization more democratic", "Security Council", "General Assembly", "international relations", "world order",
        "international order", "international economic order", "Bretton Woods", "international financial institutions",
        "decision-making", "global governance", "international system",
        // colonies' self-determination and independence
        "self-determination", "colonial*", "decoloni*", "Non-Self-Governing", "Trust Territor*", "apartheid",
      ],
      2,
      {
        // elections, the rule of law and human rights are democracy when the passage is about how a country is governed
        // (not "citizens", "institutions", "society" or "the President": the UN's and the world's as often as a country's)
        rollUpContext: [
          "government", "my Government", "our Government", "parliament*", "constitution*", "opposition", "political part*",
          "my country", "our country", "national", "reform*", "transition*", "judiciary",
          "judicial", "court*", "free and fair", "electoral", "ballot*", "voter*", "polling", "civil society", "media", "journalist*",
          "freedom of expression", "freedom of the press", "political prisoners", "arrest*", "detention*", "corruption",
          "transparen*", "accountab*", "democracy", "democracies", "democratic", "police", "minorities", "legislat*",
          "regime", "elections", "election", "liberty", "liberties", "ombudsman",
          // human rights as a subject of their own: the Council, the treaties, a record
          "Human Rights Council", "universal periodic review", "High Commissioner for Human Rights",
          "protection of human rights", "violations of human rights", "human rights violations", "convention*", "covenant*",
          "human rights defenders", "women's rights", "rights of women", "torture",
        ],
      },
    ),
  },
  {
    slug: "elections",
    name: "Elections",
    color: "#56B4E9",
    parent: "democracy",
    enabled: true,
    rules: rules(
      [
        "elections: 2", "election: 2", "electoral*: 2", "ballot*", "voter*", "voting", "polling stations", "referendum", "free and fair: 2",
        "election observation: 2", "election observers: 2", "electoral commission: 2", "parliamentary elections: 2", "presidential elections: 2",
      ],
      [
        "election of the President of the General Assembly", "on your election", "your election", "his election", "her election", "unanimous election",
        // elections to United Nations offices and bodies, and of their officials
        "re-election", "reelection", "election to the", "elected to the", "election of the", "elected President", "election as President",
        "Secretary-General", "non-permanent", "seat on the", "membership of the", "candidature", "candidacy", "high office",
        "congratulat*", "presidency", "this session", "the Assembly",
      ],
      2,
    ),
  },
  {
    slug: "rule-of-law",
    name: "Rule of law",
    color: "#332288",
    parent: "democracy",
    enabled: true,
    rules: rules(
      [
        "rule of law: 2", "independent judiciary: 2", "judicial independence: 2", "independence of the judiciary: 2", "judicial reform: 2",
        "corruption", "bribery", "anti-corruption: 2", "accountability", "due process: 2", "fair trial*: 2", "separation of powers: 2",
        "constitutional order", "law enforcement",
      ],
      ["international rule of law", "national and international levels", "outer space", "cosmos", "international relations", "among nations"],
      2,
    ),
  },
  {
    slug: "human-rights",
    name: "Human rights",
    color: "#CC79A7",
    parent: "democracy",
    enabled: true,
    rules: rules(
      [
        "human rights: 2", "fundamental rights: 2", "freedom of expression: 2", "freedom of assembly: 2", "freedom of association: 2",
        "freedom of religion: 2", "freedom of speech: 2", "religious freedom: 2", "political prisoners: 2", "torture*", "rights of minorities: 2",
        "minority rights: 2", "civil and political rights: 2", "Universal Declaration of Human Rights: 2", "Human Rights Council: 2",
        "arbitrary detention*: 2", "enforced disappearance*: 2", "journalists", "human dignity",
        "civil political economic social and cultural rights: 2",
      ],
      [
        // rights violated in the conduct of a war or occupation belong to that conflict, not to governance
        "occupation forces", "occupying", "occupiers", "armed confrontation*", "armed conflict*", "civilians", "humanitarian law",
        "European Court of Human Rights",
      ],
      2,
    ),
  },
  {
    slug: "nonproliferation",
    name: "Nonproliferation",
    color: "#882255",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "nonproliferation: 2", "non-proliferation: 2", "proliferation: 2", "weapons of mass destruction: 2", "nuclear weapon*: 2", "NPT: 2",
        "IAEA: 2", "International Atomic Energy Agency: 2", "disarmament", "nuclear disarmament: 2", "chemical weapons: 2",
        "biological weapons: 2", "fissile material*: 2", "uranium enrichment: 2", "enrichment", "ballistic missile*: 2",
        "nuclear test*: 2", "Comprehensive Nuclear-Test-Ban Treaty: 2", "nuclear-weapon-free zone*: 2", "Joint Comprehensive Plan of Action: 2",
        "JCPOA: 2", "safeguards",
      ],
      [],
      2,
    ),
  },
  {
    slug: "regional-security",
    name: "Regional security",
    color: "#44AA99",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "regional security: 2", "regional stability: 2", "regional conflicts: 2", "regional conflict: 2", "frozen conflict*: 2",
        "territorial integrity", "ceasefire", "cease-fire", "peacekeep*", "OSCE", "NATO", "CSTO", "border security: 2",
        "collective security", "security in the region: 2", "stability in the region: 2", "confidence-building measures", "armed conflict*",
      ],
      [],
      2,
    ),
  },
  {
    slug: "trade-economic-cooperation",
    name: "Trade and economic cooperation",
    color: "#999933",
    parent: null,
    enabled: true,
    rules: rules(
      [
        "trade", "free trade: 2", "trade agreement*: 2", "trading system: 2", "investment*", "foreign direct investment: 2",
        "economic cooperation: 2", "economic ties: 2", "economic relations", "economic partnership: 2", "market access: 2", "tariff*",
        "WTO: 2", "World Trade Organization: 2", "bilateral trade: 2", "trade and investment: 2", "exports", "imports", "customs union: 2",
        "trade barriers: 2", "protectionism: 2",
      ],
      [],
      2,
    ),
  },
];

/** The default themes with their Russian rules (themes-ru.ts) beside the English ones. */
export const DEFAULT_CODEBOOK: ThemeDefinition[] = DEFAULT_THEMES.map((t) =>
  THEMES_RU[t.slug] ? { ...t, rules: { ...t.rules, ru: THEMES_RU[t.slug] } } : t,
);
