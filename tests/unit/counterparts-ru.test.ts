import { describe, expect, it } from "vitest";
import { passageCounterparts } from "@/lib/engine/counterparts";
import { findRussianMentions } from "@/lib/engine/russian";
import { segment } from "@/lib/engine/segment";

function read(text: string, speaker: string | null, language = "ru") {
  const perPassage = passageCounterparts({ text, passages: segment(text), mentions: findRussianMentions(text), speaker, language });
  const addressed = perPassage.map((cs) =>
    cs
      .filter((c) => c.addressed)
      .map((c) => c.iso3)
      .sort(),
  );
  const passing = perPassage.flatMap((cs) =>
    cs.flatMap((c) => c.evidence.flatMap((e) => ("passing" in e && e.passing ? [`${c.iso3}:${e.passing}`] : []))),
  );
  return { addressed, passing };
}

describe("passage counterparts in Russian", () => {
  it("reads a Russian list of three or more countries as in passing, joined by commas and и", () => {
    const { addressed, passing } = read("Договор помимо России подписали Армения, Беларусь, Казахстан, Кыргызстан и Таджикистан.", "RUS");
    expect(addressed).toEqual([[]]);
    expect(passing).toEqual(["ARM:list", "BLR:list", "KAZ:list", "KGZ:list", "TJK:list"]);
    // The same list read by the English cues would leave Таджикистан (after "и") addressed: the Russian cues are what passes it.
    expect(read("Договор помимо России подписали Армения, Беларусь, Казахстан, Кыргызстан и Таджикистан.", "RUS", "en").addressed).toEqual([
      ["TJK"],
    ]);
  });

  it("reads a capital as a leg of a trip or the place of a meeting, and a country as a transit route, in passing", () => {
    expect(read("Глава Российского государства по пути из Душанбе в Москву сделал остановку в Моздоке.", "RUS").passing).toEqual([
      "TJK:venue",
    ]);
    expect(read("Переговоры прошли в Берлине.", "RUS").addressed).toEqual([[]]);
    expect(read("Маршрут поставок энергоносителей через Украину не может быть единственным.", "RUS").passing).toEqual(["UKR:venue"]);
  });

  it("reads a country given as an example as in passing for the rest of its sentence, and a country spoken to as addressed", () => {
    const example = read(
      "Если мы обратимся к ситуации, скажем, в Афганистане, там произошла оккупация Афганистана и афганского народа экстремистами.",
      "RUS",
    );
    expect(example.addressed).toEqual([[]]);
    expect(example.passing).toEqual(["AFG:example", "AFG:example", "AFG:example"]);
    const spoken = read(
      "Наши ведомства вступили в контакт с грузинскими коллегами. Грузинская сторона не была готова предоставить информацию.",
      "RUS",
    );
    expect(spoken.addressed).toEqual([["GEO"]]);
  });

  it("reads a Russian date line as in passing", () => {
    expect(read("Баку, 3 марта 2025 года\n\nСостоялась встреча министров.", "RUS").passing).toEqual(["AZE:dateline"]);
  });
});
