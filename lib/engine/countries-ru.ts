/**
 * The gazetteer in Russian: names (nominative; other cases are reached through the stemmer, stem-ru.ts),
 * adjectives and demonyms (masculine nominative; all genders and cases share the stem), capitals and metonyms.
 * ISO 3166-1 alpha-3 codes as in countries.ts. Regions are not countries: see RU_REGIONS.
 */
export interface RussianCountry {
  iso3: string;
  names: string[];
  adjectives?: string[];
  capitals?: string[];
  metonyms?: string[];
}

export const COUNTRIES_RU: RussianCountry[] = [
  {
    iso3: "AZE",
    names: ["Азербайджан", "Азербайджанская Республика"],
    adjectives: ["азербайджанский", "азербайджанец"],
    capitals: ["Баку"],
    metonyms: ["официальный Баку"],
  },
  {
    iso3: "ARM",
    names: ["Армения", "Республика Армения"],
    adjectives: ["армянский", "армянин", "армяне"],
    capitals: ["Ереван"],
    metonyms: ["официальный Ереван"],
  },
  { iso3: "GEO", names: ["Грузия"], adjectives: ["грузинский", "грузин"], capitals: ["Тбилиси"], metonyms: ["официальный Тбилиси"] },
  {
    iso3: "RUS",
    names: ["Россия", "Российская Федерация", "РФ", "Советский Союз", "СССР"],
    adjectives: ["российский", "россиянин", "россияне", "русский", "советский"],
    capitals: ["Москва"],
    metonyms: ["Кремль", "Смоленская площадь", "МИД России", "официальная Москва"],
  },
  {
    iso3: "UKR",
    names: ["Украина"],
    adjectives: ["украинский", "украинец", "украинцы"],
    capitals: ["Киев", "Київ", "Кийив"],
    metonyms: ["киевский режим", "киевские власти", "официальный Киев", "Банковая"],
  },
  {
    iso3: "USA",
    names: ["США", "Соединенные Штаты", "Соединенные Штаты Америки", "Штаты", "Америка"],
    adjectives: ["американский", "американец", "американцы"],
    capitals: ["Вашингтон"],
    metonyms: ["Белый дом", "Госдеп", "Госдепартамент", "Пентагон", "Капитолий", "официальный Вашингтон"],
  },
  { iso3: "CHN", names: ["Китай", "КНР", "Китайская Народная Республика"], adjectives: ["китайский", "китаец"], capitals: ["Пекин"] },
  { iso3: "IRN", names: ["Иран", "Исламская Республика Иран"], adjectives: ["иранский", "иранец"], capitals: ["Тегеран"] },
  { iso3: "TUR", names: ["Турция", "Турецкая Республика", "Турция"], adjectives: ["турецкий", "турок"], capitals: ["Анкара"] },
  { iso3: "BLR", names: ["Белоруссия", "Беларусь", "Республика Беларусь"], adjectives: ["белорусский", "белорус"], capitals: ["Минск"] },
  { iso3: "KAZ", names: ["Казахстан"], adjectives: ["казахстанский", "казахский"], capitals: ["Астана", "Алма-Ата"] },
  { iso3: "UZB", names: ["Узбекистан"], adjectives: ["узбекский"], capitals: ["Ташкент"] },
  { iso3: "TKM", names: ["Туркменистан", "Туркмения"], adjectives: ["туркменский"], capitals: ["Ашхабад"] },
  { iso3: "KGZ", names: ["Киргизия", "Киргизстан", "Кыргызстан"], adjectives: ["киргизский", "кыргызский"], capitals: ["Бишкек"] },
  { iso3: "TJK", names: ["Таджикистан"], adjectives: ["таджикский"], capitals: ["Душанбе"] },
  { iso3: "MDA", names: ["Молдавия", "Молдова"], adjectives: ["молдавский", "молдавский"], capitals: ["Кишинев"] },
  {
    iso3: "DEU",
    names: ["Германия", "ФРГ", "Федеративная Республика Германия"],
    adjectives: ["германский", "немецкий", "немец", "немцы"],
    capitals: ["Берлин"],
  },
  {
    iso3: "FRA",
    names: ["Франция"],
    adjectives: ["французский", "француз", "французы"],
    capitals: ["Париж"],
    metonyms: ["Елисейский дворец"],
  },
  {
    iso3: "GBR",
    names: ["Великобритания", "Британия", "Соединенное Королевство", "Англия"],
    adjectives: ["британский", "английский", "англичане"],
    capitals: ["Лондон"],
    metonyms: ["Даунинг-стрит"],
  },
  { iso3: "ITA", names: ["Италия"], adjectives: ["итальянский", "итальянец"], capitals: ["Рим"] },
  { iso3: "ESP", names: ["Испания"], adjectives: ["испанский", "испанец"], capitals: ["Мадрид"] },
  { iso3: "POL", names: ["Польша"], adjectives: ["польский", "поляк", "поляки"], capitals: ["Варшава"] },
  { iso3: "LTU", names: ["Литва"], adjectives: ["литовский"], capitals: ["Вильнюс"] },
  { iso3: "LVA", names: ["Латвия"], adjectives: ["латвийский", "латышский"], capitals: ["Рига"] },
  { iso3: "EST", names: ["Эстония"], adjectives: ["эстонский"], capitals: ["Таллин", "Таллинн"] },
  { iso3: "FIN", names: ["Финляндия"], adjectives: ["финский", "финляндский"], capitals: ["Хельсинки"] },
  { iso3: "SWE", names: ["Швеция"], adjectives: ["шведский"], capitals: ["Стокгольм"] },
  { iso3: "NLD", names: ["Нидерланды", "Голландия"], adjectives: ["нидерландский", "голландский"], capitals: ["Амстердам", "Гаага"] },
  { iso3: "BEL", names: ["Бельгия"], adjectives: ["бельгийский"] },
  { iso3: "AUT", names: ["Австрия"], adjectives: ["австрийский"], capitals: ["Вена"] },
  { iso3: "CZE", names: ["Чехия", "Чешская Республика"], adjectives: ["чешский"], capitals: ["Прага"] },
  { iso3: "SVK", names: ["Словакия"], adjectives: ["словацкий"], capitals: ["Братислава"] },
  { iso3: "HUN", names: ["Венгрия"], adjectives: ["венгерский"], capitals: ["Будапешт"] },
  { iso3: "ROU", names: ["Румыния"], adjectives: ["румынский"], capitals: ["Бухарест"] },
  { iso3: "BGR", names: ["Болгария"], adjectives: ["болгарский"], capitals: ["София"] },
  { iso3: "GRC", names: ["Греция"], adjectives: ["греческий"], capitals: ["Афины"] },
  { iso3: "PRT", names: ["Португалия"], adjectives: ["португальский"], capitals: ["Лиссабон"] },
  { iso3: "DNK", names: ["Дания"], adjectives: ["датский"], capitals: ["Копенгаген"] },
  { iso3: "IRL", names: ["Ирландия"], adjectives: ["ирландский"], capitals: ["Дублин"] },
  { iso3: "HRV", names: ["Хорватия"], adjectives: ["хорватский"], capitals: ["Загреб"] },
  { iso3: "SVN", names: ["Словения"], adjectives: ["словенский"], capitals: ["Любляна"] },
  { iso3: "CYP", names: ["Кипр"], adjectives: ["кипрский"], capitals: ["Никосия"] },
  { iso3: "LUX", names: ["Люксембург"], adjectives: ["люксембургский"] },
  { iso3: "MLT", names: ["Мальта"], adjectives: ["мальтийский"] },
  { iso3: "NOR", names: ["Норвегия"], adjectives: ["норвежский"], capitals: ["Осло"] },
  { iso3: "CHE", names: ["Швейцария"], adjectives: ["швейцарский"], capitals: ["Берн"] },
  { iso3: "SRB", names: ["Сербия", "Югославия"], adjectives: ["сербский", "югославский"], capitals: ["Белград"] },
  { iso3: "JPN", names: ["Япония"], adjectives: ["японский"], capitals: ["Токио"] },
  { iso3: "IND", names: ["Индия"], adjectives: ["индийский"], capitals: ["Нью-Дели", "Дели"] },
  { iso3: "PAK", names: ["Пакистан"], adjectives: ["пакистанский"], capitals: ["Исламабад"] },
  { iso3: "AFG", names: ["Афганистан"], adjectives: ["афганский"], capitals: ["Кабул"] },
  { iso3: "IRQ", names: ["Ирак"], adjectives: ["иракский"], capitals: ["Багдад"] },
  { iso3: "SYR", names: ["Сирия"], adjectives: ["сирийский"], capitals: ["Дамаск"] },
  { iso3: "ISR", names: ["Израиль"], adjectives: ["израильский"], capitals: ["Тель-Авив"] },
  { iso3: "SAU", names: ["Саудовская Аравия"], adjectives: ["саудовский"], capitals: ["Эр-Рияд"] },
  { iso3: "EGY", names: ["Египет"], adjectives: ["египетский"], capitals: ["Каир"] },
  { iso3: "KOR", names: ["Южная Корея", "Республика Корея"], adjectives: ["южнокорейский"], capitals: ["Сеул"] },
  { iso3: "PRK", names: ["Северная Корея", "КНДР"], adjectives: ["северокорейский"], capitals: ["Пхеньян"] },
  { iso3: "CAN", names: ["Канада"], adjectives: ["канадский"], capitals: ["Оттава"] },
  { iso3: "BRA", names: ["Бразилия"], adjectives: ["бразильский"] },
];

/**
 * Places that are not countries but belong to one's themes: Nagorno-Karabakh is Azerbaijan's region (the
 * Karabakh theme's aliases), Chechnya Russia's. Not mentions of the country: "Карабах" is not "Азербайджан".
 */
export const RU_REGIONS: { iso3: string; region: string; names: string[] }[] = [
  {
    iso3: "AZE",
    region: "Nagorno-Karabakh",
    names: ["Нагорный Карабах", "Карабах", "карабахский", "Арцах", "Ханкенди", "Степанакерт", "Лачинский коридор", "Шуша"],
  },
  { iso3: "RUS", region: "Chechnya", names: ["Чечня", "Чеченская Республика", "чеченский", "Грозный"] },
];
