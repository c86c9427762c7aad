import { existsSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DEFAULT_CODEBOOK } from "@/lib/engine/codebook";
import { findRussianMentions } from "@/lib/engine/russian";
import { segment } from "@/lib/engine/segment";
import { stemRu } from "@/lib/engine/stem-ru";
import { compileCodebook } from "@/lib/engine/tag";
import { toneTowards } from "@/lib/engine/tone";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { sharedFile } from "../support/shared-data";

const codebook = { version: 1, compiled: compileCodebook(DEFAULT_CODEBOOK) };
const themesOf = (a: ReturnType<typeof analyseDraft>) => new Set(a.passages.flatMap((p) => p.tags.map((t) => t.theme)));

describe("Russian morphology and gazetteer", () => {
  it("reads every case form of a country's name as that country", () => {
    for (const form of ["Азербайджан", "Азербайджана", "Азербайджану", "Азербайджаном", "Азербайджане"]) {
      const text = `Мы обсудили отношения с ${form} подробно.`;
      expect(
        findRussianMentions(text).map((m) => m.iso3),
        form,
      ).toEqual(["AZE"]);
    }
    expect(stemRu("Украины")).toBe(stemRu("Украиной"));
    // The instrumental ends as adjectives do (-ой, -ей): still the country.
    expect(findRussianMentions("удары между Россией и Украиной прекращены").map((m) => m.iso3)).toEqual(["RUS", "UKR"]);
  });

  it("knows adjectives, capitals and metonyms, and that cargo is not Georgia", () => {
    const text =
      "Азербайджанская сторона встретилась в Баку с представителями Госдепа, а Кремль и Белый дом обменялись заявлениями; груз прибыл в Тбилиси, МИД России и Киевский режим — тоже.";
    const found = findRussianMentions(text).map((m) => `${m.iso3}:${m.surface}`);
    expect(found).toEqual([
      "AZE:Азербайджанская",
      "AZE:Баку",
      "USA:Госдепа",
      "RUS:Кремль",
      "USA:Белый дом",
      "GEO:Тбилиси",
      "RUS:МИД России",
      "UKR:Киевский режим",
    ]);
  });

  it("does not take the Minsk agreements for Belarus", () => {
    expect(findRussianMentions("Никто не собирается выполнять Минские соглашения.")).toEqual([]);
    expect(findRussianMentions("Встреча прошла в Минске.").map((m) => m.iso3)).toEqual(["BLR"]);
  });
});

describe("Russian statements through the import pipeline", () => {
  it("puts a Russian passage and an English one on the same topic in the same themes", () => {
    const ru = analyseDraft(
      {
        raw: "Мы обсудили энергетическую безопасность Европы, транзит газа через Украину и строительство нового газопровода.",
        speakerCountry: "RUS",
      },
      codebook,
    );
    const en = analyseDraft(
      {
        raw: "We discussed Europe's energy security, gas transit through Ukraine and the construction of a new gas pipeline.",
        speakerCountry: "USA",
      },
      codebook,
    );
    expect(ru.language).toBe("ru");
    expect(themesOf(ru).has("energy-security")).toBe(true);
    expect(themesOf(en).has("energy-security")).toBe(true);

    const ruTerror = analyseDraft(
      { raw: "Контртеррористическая операция против боевиков продолжается; террористов не будет.", speakerCountry: "RUS" },
      codebook,
    );
    expect(themesOf(ruTerror).has("counterterrorism")).toBe(true);
    const ruKarabakh = analyseDraft(
      { raw: "Ситуация вокруг Нагорного Карабаха и Лачинского коридора обсуждалась с официальным Баку.", speakerCountry: "RUS" },
      codebook,
    );
    expect(themesOf(ruKarabakh).has("nagorno-karabakh")).toBe(true);
    expect(ruKarabakh.pairs.map((p) => p.counterpartIso3)).toContain("AZE");
  });

  it("says when it cannot read a language, with no themes and no tone rather than a neutral one", () => {
    const az = analyseDraft(
      {
        raw: "Azərbaycan Respublikası Ermənistanın təxribatlarını qətiyyətlə pisləyir və beynəlxalq ictimaiyyəti buna reaksiya verməyə çağırır.",
        speakerCountry: "AZE",
      },
      codebook,
    );
    expect(az.language).toBe("az");
    expect(az.languageNote).toMatch(/not supported.*themes and tone not scored/);
    expect(az.tone).toBeNull();
    expect(az.passages.every((p) => p.tone === null && p.tags.length === 0)).toBe(true);
    const hy = analyseDraft(
      { raw: "Հայաստանի Հանրապետության արտաքին գործերի նախարարությունը դատապարտում է սադրանքը։", speakerCountry: "ARM" },
      codebook,
    );
    expect(hy.languageNote).toMatch(/not supported/);
    expect(hy.tone).toBeNull();
    const en = analyseDraft({ raw: "We condemn the provocation and call for restraint.", speakerCountry: "USA" }, codebook);
    expect(en.languageNote).toBeNull();
  });
});

const CORPUS = sharedFile("us-ru-statements/us-ru-statements-dev.jsonl.gz");

describe.skipIf(!existsSync(CORPUS))(
  "a Russian statement on Ukraine, 2022 (needs ../shared/data/us-ru-statements; skipped without it)",
  () => {
    it("is negative and directed towards Ukraine, with the words behind it", () => {
      const docs = gunzipSync(readFileSync(CORPUS))
        .toString()
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { id: string; text: string });
      const address = docs.find((d) => d.id === "RUS-8ccb860d413d")!; // Обращение Президента Российской Федерации, February 2022
      const analysed = analyseDraft({ raw: address.text, speakerCountry: "RUS", language: "ru" }, codebook);
      expect(analysed.pairs[0]?.counterpartIso3).toBe("UKR");
      const mentions = findRussianMentions(analysed.text);
      const sentences = segment(analysed.text).flatMap((p) => p.sentences);
      const towards = toneTowards(
        analysed.text,
        sentences,
        mentions,
        "UKR",
        analysed.passages.flatMap((p) => p.toneWords),
      )!;
      expect(towards.score).toBeLessThan(-0.2);
      const words = towards.words.map((w) => w.word.toLowerCase());
      expect(words.some((w) => w.startsWith("неонацист"))).toBe(true);
      expect(words.some((w) => w.startsWith("геноцид"))).toBe(true);
    });
  },
);
