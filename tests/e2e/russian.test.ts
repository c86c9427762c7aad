import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appAndBrowser } from "./support/suite";

const e2e = appAndBrowser();
const files = mkdtempSync(join(tmpdir(), "dyad-ru-e2e-"));

const PASTED =
  "Заявление МИД России о поставках газа\n\nМосква, 3 марта 2025 года. Российская сторона провела переговоры с Украиной о транзите газа. Мы осуждаем провокации киевского режима против газопровода и требуем от Украины соблюдать договорённости об энергетической безопасности.";
const UPLOADED =
  "О переговорах с Украиной\n\nРоссия и Украина обсудили поставки газа и нефти. Мы приветствуем конструктивный диалог с украинской стороной по энергетической безопасности и газопроводам.";

/** English and Russian statements of one pair, RUS → UKR, on energy: 2020 English only, 2022 Russian only, 2024 both (even years: the demo corpus holds odd ones). */
const BULK = [
  "text,date,speaker_name,speaker_country_iso3,counterpart",
  `"Russia and Ukraine discussed gas transit and the energy security of Europe; Russia welcomes talks with Ukraine on the pipeline.",2020-04-05,Sergey Lavrov,RUS,UKR`,
  `"Россия и Украина обсудили транзит газа и энергетическую безопасность Европы. Мы приветствуем переговоры с Украиной по газопроводу.",2022-06-07,Сергей Лавров,RUS,UKR`,
  `"Россия требует от Украины обеспечить безопасность газопровода и поставок газа. Энергетическая безопасность Европы под угрозой.",2024-02-10,Мария Захарова,RUS,UKR`,
  `"Russia warns Ukraine that gas supplies and the energy security of Europe depend on the pipeline.",2024-09-12,Maria Zakharova,RUS,UKR`,
].join("\n");

describe("Russian statements, imported by staff", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await e2e.signIn("staff")));
  afterAll(() => context?.close());

  async function reviewAndSave(): Promise<void> {
    await page.getByTestId("cleaned-text").waitFor();
    // Nothing in the text names the speaker's country in a way the metadata reads: staff give it, the counterparts are left to the engine.
    await page.getByLabel("Speaker's country (ISO3)").fill("RUS");
    await page.getByRole("button", { name: "Save statement" }).click();
    await page.getByRole("link", { name: "Open the statement" }).click();
    await page.getByTestId("pairs").waitFor();
    expect(await page.getByTestId("pairs").textContent()).toMatch(/RUS.*UKR/);
  }

  it("pastes a Russian statement: dated from its Russian date line, Ukraine its counterpart, tagged energy security", async () => {
    await page.goto("/import");
    await page.getByLabel("Statement text").fill(PASTED);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("cleaned-text").waitFor();
    expect(await page.getByLabel("Date", { exact: true }).inputValue()).toBe("2025-03-03");
    await reviewAndSave();
    await page.getByRole("heading", { level: 1, name: "Заявление МИД России о поставках газа" }).waitFor();
    expect(await page.getByTestId("themes").textContent()).toContain("Energy security");
    expect(await page.getByTestId("language-note").count()).toBe(0);
  });

  it("uploads a Russian text file", async () => {
    const file = join(files, "ukraina.txt");
    writeFileSync(file, UPLOADED);
    await page.goto("/import");
    await page.getByLabel("Upload a file").check();
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByTestId("cleaned-text").waitFor();
    expect(await page.getByTestId("cleaned-text").textContent()).toContain("конструктивный диалог");
    await page.getByLabel("Date", { exact: true }).fill("2025-04-01");
    await reviewAndSave();
    await page.getByRole("heading", { level: 1, name: "О переговорах с Украиной" }).waitFor();
    expect(await page.getByTestId("themes").textContent()).toContain("Energy security");
  });

  it("bulk-imports a CSV of English and Russian statements", async () => {
    const file = join(files, "mixed.csv");
    writeFileSync(file, BULK);
    await page.goto("/import/bulk");
    await page.getByLabel(/^File/).setInputFiles(file);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("form", { name: "Column mapping" }).waitFor();
    await page.getByRole("button", { name: /^Import/ }).click();
    await page.getByRole("heading", { name: "Import finished" }).waitFor();
    expect(await page.getByTestId("import-report").textContent()).toBe("4 rows processed: 4 imported, 0 duplicates, 0 rejected.");
  });
});

describe("Russian and English statements of one pair, read by an analyst", () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => ({ context, page } = await e2e.signIn("analyst")));
  afterAll(() => context?.close());

  const frequency = () => page.locator("section", { has: page.getByRole("heading", { name: /^Theme frequency/ }) });
  const periods = async () => {
    await frequency().locator("[data-testid=chart-point]").first().waitFor({ state: "attached" });
    const found = await frequency()
      .locator("[data-testid=chart-point][data-series='RUS→UKR|energy-security']")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-period")));
    return [...new Set(found)].sort();
  };

  it("sees both languages on one chart, and filters them by language", async () => {
    await page.goto("/dashboard?pair=RUS>UKR&theme=energy-security&interval=year");
    // 2020: English only; 2022: Russian only; 2024: both; 2025: the pasted and uploaded Russian statements.
    expect(await periods()).toEqual(expect.arrayContaining(["2020", "2022", "2024", "2025"]));
    await page.getByRole("form", { name: "Chart filters" }).getByLabel("Language").selectOption("ru");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/language=ru/);
    expect(await periods()).toEqual(["2022", "2024", "2025"]);
    await page.getByRole("form", { name: "Chart filters" }).getByLabel("Language").selectOption("en");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/language=en/);
    const english = await periods();
    expect(english).toEqual(expect.arrayContaining(["2020", "2024"]));
    expect(english).not.toContain("2022");
    expect(english).not.toContain("2025");
  });

  it("lists the statements of one language", async () => {
    await page.goto("/statements");
    await page.getByRole("form", { name: "Filter statements" }).getByLabel("Language").selectOption("ru");
    await page.getByRole("button", { name: "Filter" }).click();
    await page.waitForURL(/language=ru/);
    const languages = await page.locator("tbody tr td:nth-child(4)").allTextContents();
    expect(languages.length).toBe(4);
    expect(new Set(languages)).toEqual(new Set(["Russian"]));
  });
});
