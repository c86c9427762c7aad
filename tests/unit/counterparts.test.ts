import { describe, expect, it } from "vitest";
import { addressedCountries, passageCounterparts } from "@/lib/engine/counterparts";
import { findCountryMentions } from "@/lib/engine/gazetteer";
import { segment } from "@/lib/engine/segment";

function read(text: string, speaker: string | null, inherit: "none" | "previous" = "none") {
  const perPassage = passageCounterparts({ text, passages: segment(text), mentions: findCountryMentions(text), speaker }, inherit);
  const addressed = perPassage.map((cs) =>
    cs
      .filter((c) => c.addressed)
      .map((c) => c.iso3)
      .sort(),
  );
  const passing = perPassage.map((cs) =>
    cs
      .filter((c) => !c.addressed)
      .map((c) => c.iso3)
      .sort(),
  );
  return { perPassage, addressed, passing };
}

const UN_SPEECH = [
  "Mr. President, allow me to congratulate you on your election.",
  "The conflict between Armenia and Azerbaijan must end with a settlement that respects international law.",
  "We are deeply worried by the humanitarian situation in Afghanistan and call for free and fair elections.",
  "The people of Ukraine deserve peace and democracy.",
  "We support the efforts of Egypt to mediate.",
  "We also wish to stress the importance of sustainable development for all.",
].join("\n\n");

describe("passage counterparts", () => {
  it("gives each passage of a UN-style speech only the countries it names, and nothing to a passage without names", () => {
    const { addressed } = read(UN_SPEECH, "TUR");
    expect(addressed).toEqual([[], ["ARM", "AZE"], ["AFG"], ["UKR"], ["EGY"], []]);
  });

  it("with the 'previous' rule a passage without names takes the one country the passage before addressed", () => {
    const { addressed, perPassage } = read(UN_SPEECH, "TUR", "previous");
    expect(addressed[5]).toEqual(["EGY"]);
    expect(perPassage[5]![0]!.evidence).toEqual([{ via: "context", rule: "previous" }]);
    expect(addressed[0]).toEqual([]);
  });

  it("gives every passage of a bilateral press release to its one counterpart", () => {
    const text =
      "Under Secretary Burns met President Aliyev of Azerbaijan in Baku.\n\nThey discussed energy security and the Southern Corridor.\n\nThe United States values this partnership.";
    const { addressed, perPassage } = read(text, "USA");
    expect(addressed).toEqual([["AZE"], ["AZE"], ["AZE"]]);
    expect(perPassage[1]![0]!.evidence).toEqual([{ via: "context", rule: "bilateral" }]);
  });

  it("makes no addressed pair of a welcome to new members or of a list of three or more countries", () => {
    const welcome = read("We welcome Palau, Nauru and Kiribati as new Members of the United Nations.", "ARM");
    expect(welcome.addressed).toEqual([[]]);
    expect(welcome.passing).toEqual([["KIR", "NRU", "PLW"]]);
    expect(addressedCountries(welcome.perPassage).size).toBe(0);
    const two = read("We warmly welcome Tuvalu as a new Member of our Organization.", "ARM");
    expect(two.addressed).toEqual([[]]);
    const chair = read(
      "I congratulate you, Sir, on your election. Your country, Malaysia, is a friend of peace.\n\nMalaysia and Indonesia must settle their dispute.",
      "PAK",
    );
    expect(chair.addressed).toEqual([[], ["IDN", "MYS"]]);
    expect(chair.passing[0]).toEqual(["MYS"]);
    const list = read("Delegations from France, Germany, Italy and Spain attended.\n\nFrance remains our partner.", "POL");
    expect(list.addressed).toEqual([["FRA"], ["FRA"]]);
    expect(list.passing[0]).toEqual(["DEU", "ESP", "ITA"]);
  });

  it("counts two named countries as addressed, and the speaker's own country never", () => {
    const { addressed } = read("Armenia and Azerbaijan must talk.", "ARM");
    expect(addressed).toEqual([["AZE"]]);
  });

  it("treats a venue capital and a date line as passing, and says how each country was named", () => {
    const venue = read(
      "The talks held in Vienna were useful.\n\nThe Tehran Declaration was signed.\n\nRussian troops must leave Georgia.",
      "USA",
    );
    expect(venue.passing[0]).toEqual(["AUT"]);
    expect(venue.perPassage[1]).toEqual([]); // the gazetteer reads "Tehran Declaration" as the name of a text, not Iran
    expect(venue.addressed[2]).toEqual(["GEO", "RUS"]);
    const russian = venue.perPassage[2]!.find((c) => c.iso3 === "RUS")!;
    expect(russian.evidence[0]).toMatchObject({ via: "demonym", surface: "Russian" });
    const dateline = read("BAKU, March 3 — The minister spoke about Iran.\n\nIran must comply.", "USA");
    expect(dateline.passing[0]).toEqual(["AZE"]);
    expect(dateline.addressed).toEqual([["IRN"], ["IRN"]]);
    const capital = read("Moscow must withdraw its troops.", "UKR");
    expect(capital.perPassage[0]![0]!.evidence[0]).toMatchObject({ via: "capital", surface: "Moscow" });
  });
});
