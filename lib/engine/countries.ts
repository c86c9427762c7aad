import type { Country } from "./types";

/**
 * Every ISO 3166-1 alpha-3 country plus Kosovo (XKX, the user-assigned code in common use), one per line:
 * `ISO Name|alias|@capital|~historical name|^metonym|!office`. Names of former states go to their successor as the
 * UN seats them (Soviet Union → RUS, Yugoslavia → SRB, Zaire → COD, United Arab Republic → EGY) and are marked `~`;
 * `^` marks a place that stands for the government (the Kremlin, Whitehall), `!` a ministry (the State Department).
 *
 * Aliases are proper nouns: the gazetteer requires them capitalised in the text, and all-capital short forms
 * (US, UK, DPRK) to match exactly, so "us" and "turkey" never count. Left out on purpose because they name
 * several places, or ordinary things, more often than the country: "Dominican" (Dominica or the Dominican
 * Republic), "Congolese", "Korean", "Guiana", "English"; the capitals Victoria, Hamilton, Georgetown, Douglas,
 * Stanley, Plymouth, Jamestown, Malé ("male"); and Jerusalem, whose status is itself disputed in the statements.
 * Regions (Chechnya, Crimea, Nagorno-Karabakh, Abkhazia, Kashmir, Tibet) are not countries and are not listed.
 * Plain "Congo" is the Republic of the Congo, as in ISO 3166; plain "Korea" is the Republic of Korea. Both change
 * meaning with the date of the statement: the gazetteer reads them by date (gazetteer.ts).
 */
const TABLE = `
ABW Aruba|Aruban|@Oranjestad
AFG Afghanistan|Islamic Republic of Afghanistan|Afghan|Afghans|@Kabul
AGO Angola|Republic of Angola|Angolan|Angolans|@Luanda
AIA Anguilla|Anguillian|Anguillians
ALA Åland Islands|Aland Islands|Åland|Aland|@Mariehamn
ALB Albania|Republic of Albania|Albanian|Albanians|@Tirana
AND Andorra|Principality of Andorra|Andorran|Andorrans|@Andorra la Vella
ARE United Arab Emirates|UAE|U.A.E.|Emirates|Emirati|Emiratis|@Abu Dhabi
ARG Argentina|Argentine Republic|Argentine|Argentinian|Argentines|Argentinians|@Buenos Aires
ARM Armenia|Republic of Armenia|Armenian|Armenians|@Yerevan|~Armenian SSR|~Armenian Soviet Socialist Republic
ASM American Samoa|American Samoan|American Samoans|@Pago Pago
ATA Antarctica
ATF French Southern Territories|French Southern and Antarctic Lands
ATG Antigua and Barbuda|Antigua|Antiguan|Antiguans|@Saint John's|@St. John's
AUS Australia|Commonwealth of Australia|Australian|Australians|@Canberra
AUT Austria|Republic of Austria|Austrian|Austrians|@Vienna
AZE Azerbaijan|Republic of Azerbaijan|Azerbaijani|Azerbaijanis|Azeri|Azeris|@Baku|~Azerbaijan SSR|~Azerbaijan Soviet Socialist Republic
BDI Burundi|Republic of Burundi|Burundian|Burundians|@Gitega|~Bujumbura
BEL Belgium|Kingdom of Belgium|Belgian|Belgians|@Brussels
BEN Benin|Republic of Benin|Beninese|@Porto-Novo|~Dahomey
BES Bonaire, Sint Eustatius and Saba|Caribbean Netherlands|Bonaire|Sint Eustatius|Saba|@Kralendijk
BFA Burkina Faso|Burkinabe|Burkinabè|@Ouagadougou|~Upper Volta
BGD Bangladesh|People's Republic of Bangladesh|Bangladeshi|Bangladeshis|@Dhaka|~Dacca|~East Pakistan
BGR Bulgaria|Republic of Bulgaria|Bulgarian|Bulgarians|@Sofia
BHR Bahrain|Kingdom of Bahrain|Bahraini|Bahrainis|@Manama
BHS Bahamas|Commonwealth of the Bahamas|Bahamian|Bahamians|@Nassau
BIH Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia|Herzegovina|Bosnian|Bosnians|BiH|@Sarajevo
BLM Saint Barthélemy|Saint Barthelemy|St. Barthélemy|St. Barts|@Gustavia
BLR Belarus|Republic of Belarus|Belarusian|Belarusians|@Minsk|~Byelorussia|~Belorussia|~Byelorussian SSR|~Byelorussian Soviet Socialist Republic|~Byelorussian|~Belorussian
BLZ Belize|Belizean|Belizeans|@Belmopan|~British Honduras
BMU Bermuda|Bermudian|Bermudians
BOL Bolivia|Plurinational State of Bolivia|Bolivian|Bolivians|@Sucre|@La Paz
BRA Brazil|Federative Republic of Brazil|Brasil|Brazilian|Brazilians|@Brasília|@Brasilia
BRB Barbados|Barbadian|Barbadians|Bajan|@Bridgetown
BRN Brunei|Brunei Darussalam|Bruneian|Bruneians|@Bandar Seri Begawan
BTN Bhutan|Kingdom of Bhutan|Bhutanese|@Thimphu
BVT Bouvet Island
BWA Botswana|Republic of Botswana|Motswana|Batswana|@Gaborone|~Bechuanaland
CAF Central African Republic|Central Africans|@Bangui|~Central African Empire
CAN Canada|Canadian|Canadians|@Ottawa
CCK Cocos (Keeling) Islands|Cocos Islands|Keeling Islands
CHE Switzerland|Swiss Confederation|Swiss|@Bern|@Berne
CHL Chile|Republic of Chile|Chilean|Chileans|@Santiago
CHN China|People's Republic of China|PRC|P.R.C.|Chinese|@Beijing|^Zhongnanhai|~Peking|~Communist China|~Red China
CIV Côte d'Ivoire|Cote d'Ivoire|Republic of Côte d'Ivoire|Ivory Coast|Ivorian|Ivorians|@Yamoussoukro|Abidjan
CMR Cameroon|Republic of Cameroon|Cameroonian|Cameroonians|@Yaoundé|@Yaounde
COD Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|D.R. Congo|DRC|Congo-Kinshasa|@Kinshasa|~Léopoldville|~Leopoldville|~Congo-Léopoldville|~Congo-Leopoldville|~Zaire|~Zairian|~Zairean|~Belgian Congo|~Republic of Zaire
COG Congo|Republic of the Congo|Republic of Congo|Congo-Brazzaville|@Brazzaville
COK Cook Islands|Cook Islander|Cook Islanders|@Avarua
COL Colombia|Republic of Colombia|Colombian|Colombians|@Bogotá|@Bogota
COM Comoros|Union of the Comoros|Comoran|Comorian|Comorians|@Moroni
CPV Cabo Verde|Cape Verde|Republic of Cabo Verde|Cape Verdean|Cabo Verdean|Cape Verdeans|@Praia
CRI Costa Rica|Republic of Costa Rica|Costa Rican|Costa Ricans|@San José|@San Jose
CUB Cuba|Republic of Cuba|Cuban|Cubans|@Havana
CUW Curaçao|Curacao|Curaçaoan|@Willemstad
CXR Christmas Island|@Flying Fish Cove
CYM Cayman Islands|Caymanian|Caymanians
CYP Cyprus|Republic of Cyprus|Cypriot|Cypriots|@Nicosia
CZE Czechia|Czech Republic|Czech|Czechs|@Prague|~Czechoslovakia|~Czechoslovak|~Czechoslovakian
DEU Germany|Federal Republic of Germany|German|Germans|@Berlin|~Bonn|~West Germany|~East Germany|~German Democratic Republic|~GDR|~FRG
DJI Djibouti|Republic of Djibouti|Djiboutian|Djiboutians|@Djibouti City|~French Somaliland
DMA Dominica|Commonwealth of Dominica|@Roseau
DNK Denmark|Kingdom of Denmark|Danish|Danes|@Copenhagen
DOM Dominican Republic|@Santo Domingo
DZA Algeria|People's Democratic Republic of Algeria|Algerian|Algerians|@Algiers
ECU Ecuador|Republic of Ecuador|Ecuadorian|Ecuadorean|Ecuadorians|@Quito
EGY Egypt|Arab Republic of Egypt|Egyptian|Egyptians|@Cairo|~United Arab Republic
ERI Eritrea|State of Eritrea|Eritrean|Eritreans|@Asmara
ESH Western Sahara|Sahrawi Arab Democratic Republic|Sahrawi|Sahrawis|@Laayoune|@El Aaiún|~Spanish Sahara
ESP Spain|Kingdom of Spain|Spanish|Spaniards|@Madrid
EST Estonia|Republic of Estonia|Estonian|Estonians|@Tallinn
ETH Ethiopia|Federal Democratic Republic of Ethiopia|Ethiopian|Ethiopians|@Addis Ababa|~Abyssinia
FIN Finland|Republic of Finland|Finnish|Finns|@Helsinki
FJI Fiji|Republic of Fiji|Fijian|Fijians|@Suva
FLK Falkland Islands|Falklands|Malvinas|Islas Malvinas|Falkland Islanders
FRA France|French Republic|French|Frenchman|Frenchmen|@Paris|^Quai d'Orsay|^Élysée|^Elysee|^Élysée Palace|^Elysee Palace
FRO Faroe Islands|Faeroe Islands|Faroes|Faroese|@Tórshavn|@Torshavn
FSM Micronesia|Federated States of Micronesia|Micronesian|Micronesians|@Palikir
GAB Gabon|Gabonese Republic|Gabonese|@Libreville
GBR United Kingdom|United Kingdom of Great Britain and Northern Ireland|UK|U.K.|Britain|Great Britain|British|Britons|Brits|England|Scotland|Wales|Northern Ireland|Scottish|Welsh|@London|^Downing Street|^Whitehall|!Foreign and Commonwealth Office
GEO Georgia|Georgian|Georgians|Sakartvelo|@Tbilisi|~Tiflis|~Georgian SSR|~Georgian Soviet Socialist Republic
GGY Guernsey|Bailiwick of Guernsey|@St. Peter Port|@Saint Peter Port
GHA Ghana|Republic of Ghana|Ghanaian|Ghanaians|@Accra|~Gold Coast
GIB Gibraltar|@Gibraltar|Gibraltarian|Gibraltarians
GIN Guinea|Republic of Guinea|Guinea-Conakry|Guinean|Guineans|@Conakry
GLP Guadeloupe|Guadeloupean|@Basse-Terre
GMB Gambia|The Gambia|Republic of the Gambia|Gambian|Gambians|@Banjul|~Bathurst
GNB Guinea-Bissau|Guinea Bissau|Republic of Guinea-Bissau|Bissau-Guinean|Bissau-Guineans|@Bissau|~Portuguese Guinea
GNQ Equatorial Guinea|Republic of Equatorial Guinea|Equatorial Guinean|Equatoguinean|@Malabo|~Spanish Guinea|~Fernando Po|~Rio Muni
GRC Greece|Hellenic Republic|Greek|Greeks|Hellenic|@Athens
GRD Grenada|Grenadian|Grenadians|@St. George's|@Saint George's
GRL Greenland|Greenlandic|Greenlanders|@Nuuk|~Godthåb
GTM Guatemala|Republic of Guatemala|Guatemalan|Guatemalans|@Guatemala City
GUF French Guiana|Guyane|@Cayenne
GUM Guam|Guamanian|Guamanians|@Hagåtña|@Hagatna
GUY Guyana|Co-operative Republic of Guyana|Cooperative Republic of Guyana|Guyanese|~British Guiana
HKG Hong Kong|Hong Kong Special Administrative Region|Hong Konger|Hong Kongers
HMD Heard Island and McDonald Islands|Heard Island|McDonald Islands
HND Honduras|Republic of Honduras|Honduran|Hondurans|@Tegucigalpa
HRV Croatia|Republic of Croatia|Croatian|Croatians|Croats|@Zagreb
HTI Haiti|Republic of Haiti|Haitian|Haitians|@Port-au-Prince
HUN Hungary|Hungarian|Hungarians|@Budapest
IDN Indonesia|Republic of Indonesia|Indonesian|Indonesians|@Jakarta|~Djakarta|~Dutch East Indies
IMN Isle of Man|Manx
IND India|Republic of India|Bharat|Indian|Indians|@New Delhi|Delhi
IOT British Indian Ocean Territory|Chagos Archipelago|Chagos Islands|@Diego Garcia
IRL Ireland|Republic of Ireland|Éire|Eire|Irish|@Dublin
IRN Iran|Islamic Republic of Iran|Iranian|Iranians|@Tehran|~Teheran|~Persia
IRQ Iraq|Republic of Iraq|Iraqi|Iraqis|@Baghdad
ISL Iceland|Republic of Iceland|Icelandic|Icelanders|@Reykjavik|@Reykjavík
ISR Israel|State of Israel|Israeli|Israelis
ITA Italy|Italian Republic|Italian|Italians|@Rome
JAM Jamaica|Jamaican|Jamaicans|@Kingston
JEY Jersey|Bailiwick of Jersey|@Saint Helier|@St. Helier
JOR Jordan|Hashemite Kingdom of Jordan|Jordanian|Jordanians|@Amman|~Transjordan
JPN Japan|Japanese|Nippon|@Tokyo
KAZ Kazakhstan|Republic of Kazakhstan|Kazakh|Kazakhs|Kazakhstani|Kazakhstanis|@Astana|~Nur-Sultan|Almaty|~Alma-Ata|~Kazakh SSR
KEN Kenya|Republic of Kenya|Kenyan|Kenyans|@Nairobi
KGZ Kyrgyzstan|Kyrgyz Republic|Kyrgyz|Kirghiz|Kyrgyzstani|@Bishkek|~Kirghizia|~Frunze
KHM Cambodia|Kingdom of Cambodia|Cambodian|Cambodians|@Phnom Penh|~Kampuchea|~Democratic Kampuchea|~Khmer Republic
KIR Kiribati|Republic of Kiribati|I-Kiribati|@Tarawa|@South Tarawa
KNA Saint Kitts and Nevis|St. Kitts and Nevis|St Kitts and Nevis|Saint Christopher and Nevis|Kittitian|Nevisian|@Basseterre
KOR Republic of Korea|South Korea|Korea|ROK|R.O.K.|South Korean|South Koreans|@Seoul
KWT Kuwait|State of Kuwait|Kuwaiti|Kuwaitis|@Kuwait City
LAO Laos|Lao People's Democratic Republic|Lao PDR|Lao|Laotian|Laotians|@Vientiane
LBN Lebanon|Lebanese Republic|Lebanese|@Beirut
LBR Liberia|Republic of Liberia|Liberian|Liberians|@Monrovia
LBY Libya|State of Libya|Libyan|Libyans|@Tripoli|~Libyan Arab Jamahiriya|~Great Socialist People's Libyan Arab Jamahiriya
LCA Saint Lucia|St. Lucia|St Lucia|Saint Lucian|Saint Lucians|@Castries
LIE Liechtenstein|Principality of Liechtenstein|Liechtensteiner|Liechtensteiners|@Vaduz
LKA Sri Lanka|Democratic Socialist Republic of Sri Lanka|Sri Lankan|Sri Lankans|@Colombo|@Sri Jayawardenepura Kotte|~Ceylon
LSO Lesotho|Kingdom of Lesotho|Basotho|Mosotho|@Maseru|~Basutoland
LTU Lithuania|Republic of Lithuania|Lithuanian|Lithuanians|@Vilnius
LUX Luxembourg|@Luxembourg|Grand Duchy of Luxembourg|Luxembourger|Luxembourgers|Luxembourgish
LVA Latvia|Republic of Latvia|Latvian|Latvians|@Riga
MAC Macao|Macau|Macao Special Administrative Region|Macanese
MAF Saint Martin|Saint-Martin|Collectivity of Saint Martin|@Marigot
MAR Morocco|Kingdom of Morocco|Moroccan|Moroccans|@Rabat
MCO Monaco|@Monaco|Principality of Monaco|Monegasque|Monégasque
MDA Moldova|Republic of Moldova|Moldovan|Moldovans|@Chisinau|@Chișinău|@Chişinău|~Moldavia|~Moldavian SSR|~Kishinev
MDG Madagascar|Republic of Madagascar|Malagasy|@Antananarivo|~Malagasy Republic
MDV Maldives|Republic of Maldives|Republic of the Maldives|Maldivian|Maldivians
MEX Mexico|United Mexican States|Mexican|Mexicans|@Mexico City
MHL Marshall Islands|Republic of the Marshall Islands|Marshallese|@Majuro
MKD North Macedonia|Republic of North Macedonia|Macedonia|~Yugoslav Republic of Macedonia|Macedonian|Macedonians|@Skopje
MLI Mali|Republic of Mali|Malian|Malians|@Bamako
MLT Malta|Republic of Malta|Maltese|@Valletta
MMR Myanmar|Republic of the Union of Myanmar|Burma|Burmese|@Naypyidaw|@Nay Pyi Taw|Yangon|~Rangoon
MNE Montenegro|Montenegrin|Montenegrins|@Podgorica
MNG Mongolia|Mongolian|Mongolians|@Ulaanbaatar|@Ulan Bator
MNP Northern Mariana Islands|Commonwealth of the Northern Mariana Islands|Northern Marianas|@Saipan
MOZ Mozambique|Republic of Mozambique|Mozambican|Mozambicans|@Maputo
MRT Mauritania|Islamic Republic of Mauritania|Mauritanian|Mauritanians|@Nouakchott
MSR Montserrat|Montserratian|@Brades
MTQ Martinique|Martinican|@Fort-de-France
MUS Mauritius|Republic of Mauritius|Mauritian|Mauritians|@Port Louis
MWI Malawi|Republic of Malawi|Malawian|Malawians|@Lilongwe|~Nyasaland
MYS Malaysia|Malaysian|Malaysians|@Kuala Lumpur|@Putrajaya|~Malaya
MYT Mayotte|Mahoran|@Mamoudzou
NAM Namibia|Republic of Namibia|Namibian|Namibians|@Windhoek|~South West Africa
NCL New Caledonia|New Caledonian|@Nouméa|@Noumea
NER Niger|Republic of Niger|Republic of the Niger|Nigerien|Nigeriens|@Niamey
NFK Norfolk Island|Norfolk Islander
NGA Nigeria|Federal Republic of Nigeria|Nigerian|Nigerians|@Abuja|Lagos
NIC Nicaragua|Republic of Nicaragua|Nicaraguan|Nicaraguans|@Managua
NIU Niue|Niuean|@Alofi
NLD Netherlands|Kingdom of the Netherlands|Holland|Dutch|@The Hague|Hague|@Amsterdam
NOR Norway|Kingdom of Norway|Norwegian|Norwegians|@Oslo
NPL Nepal|Federal Democratic Republic of Nepal|Nepalese|Nepali|@Kathmandu
NRU Nauru|Republic of Nauru|Nauruan|@Yaren
NZL New Zealand|Aotearoa|New Zealander|New Zealanders|@Wellington
OMN Oman|Sultanate of Oman|Omani|Omanis|@Muscat
PAK Pakistan|Islamic Republic of Pakistan|Pakistani|Pakistanis|@Islamabad|Karachi
PAN Panama|Republic of Panama|Panamanian|Panamanians|@Panama City
PCN Pitcairn Islands|Pitcairn|Pitcairn Islanders|@Adamstown
PER Peru|Republic of Peru|Peruvian|Peruvians|@Lima
PHL Philippines|Republic of the Philippines|Philippine|Filipino|Filipinos|@Manila
PLW Palau|Republic of Palau|Palauan|@Ngerulmud
PNG Papua New Guinea|Independent State of Papua New Guinea|Papua New Guinean|Papua New Guineans|@Port Moresby
POL Poland|Republic of Poland|Polish|Poles|@Warsaw
PRI Puerto Rico|Commonwealth of Puerto Rico|Puerto Rican|Puerto Ricans|@San Juan
PRK Democratic People's Republic of Korea|North Korea|DPRK|D.P.R.K.|North Korean|North Koreans|@Pyongyang
PRT Portugal|Portuguese Republic|Portuguese|@Lisbon
PRY Paraguay|Republic of Paraguay|Paraguayan|Paraguayans|@Asunción|@Asuncion
PSE State of Palestine|Palestine|Palestinian|Palestinians|Gaza|Gaza Strip|West Bank|@Ramallah
PYF French Polynesia|French Polynesian|Tahiti|Tahitian|@Papeete|@Papeetē
QAT Qatar|State of Qatar|Qatari|Qataris|@Doha
REU Réunion|Reunion|Réunion Island|Réunionese
ROU Romania|Rumania|Roumania|Romanian|Romanians|@Bucharest
RUS Russia|Russian Federation|Russian|Russians|^Kremlin|Rossiya|@Moscow|~Soviet Union|~USSR|~U.S.S.R.|~Union of Soviet Socialist Republics|~Soviet|~Soviets|~Russian SFSR
RWA Rwanda|Republic of Rwanda|Rwandan|Rwandans|@Kigali
SAU Saudi Arabia|Kingdom of Saudi Arabia|KSA|Saudi|Saudis|Saudi Arabian|Saudi Arabians|@Riyadh
SDN Sudan|Republic of the Sudan|Republic of Sudan|Sudanese|@Khartoum
SEN Senegal|Republic of Senegal|Senegalese|@Dakar
SGP Singapore|@Singapore|Republic of Singapore|Singaporean|Singaporeans
SGS South Georgia and the South Sandwich Islands|South Georgia|South Sandwich Islands|@King Edward Point
SHN Saint Helena, Ascension and Tristan da Cunha|Saint Helena|St. Helena|St Helena|Ascension Island|Tristan da Cunha
SJM Svalbard and Jan Mayen|Svalbard|Jan Mayen|@Longyearbyen
SLB Solomon Islands|Solomon Islander|Solomon Islanders|@Honiara
SLE Sierra Leone|Republic of Sierra Leone|Sierra Leonean|Sierra Leoneans|@Freetown
SLV El Salvador|Republic of El Salvador|Salvadoran|Salvadorans|Salvadorean|@San Salvador
SMR San Marino|Republic of San Marino|Sammarinese|@City of San Marino
SOM Somalia|Federal Republic of Somalia|Somali|Somalis|@Mogadishu|~Somali Democratic Republic
SPM Saint Pierre and Miquelon|St. Pierre and Miquelon|Miquelon
SRB Serbia|Republic of Serbia|Serbian|Serbians|Serbs|@Belgrade|~Yugoslavia|~Federal Republic of Yugoslavia|~Socialist Federal Republic of Yugoslavia|~Yugoslav|~Serbia and Montenegro
SSD South Sudan|Republic of South Sudan|South Sudanese|@Juba
STP Sao Tome and Principe|São Tomé and Príncipe|Democratic Republic of Sao Tome and Principe|Santomean|@São Tomé|Sao Tome
SUR Suriname|Surinam|Republic of Suriname|Surinamese|Surinamer|@Paramaribo|~Dutch Guiana
SVK Slovakia|Slovak Republic|Slovak|Slovaks|@Bratislava
SVN Slovenia|Republic of Slovenia|Slovenian|Slovene|Slovenians|Slovenes|@Ljubljana
SWE Sweden|Kingdom of Sweden|Swedish|Swedes|@Stockholm
SWZ Eswatini|Kingdom of Eswatini|Swazi|Swazis|@Mbabane|@Lobamba|~Swaziland
SXM Sint Maarten|Sint Maartener|@Philipsburg
SYC Seychelles|Republic of Seychelles|Seychellois
SYR Syria|Syrian Arab Republic|Syrian|Syrians|@Damascus
TCA Turks and Caicos Islands|Turks and Caicos|@Cockburn Town
TCD Chad|Republic of Chad|Chadian|Chadians|@N'Djamena|@Ndjamena|~Fort-Lamy
TGO Togo|Togolese Republic|Togolese|@Lomé|@Lome
THA Thailand|Kingdom of Thailand|Thai|Thais|@Bangkok|~Siam
TJK Tajikistan|Republic of Tajikistan|Tajik|Tajiks|Tajikistani|Tadjik|Tadzhik|@Dushanbe|~Tadzhikistan|~Stalinabad
TKL Tokelau|Tokelauan|@Fakaofo
TKM Turkmenistan|Turkmen|Turkmens|@Ashgabat|~Ashkhabad|~Turkmenia
TLS Timor-Leste|Democratic Republic of Timor-Leste|East Timor|Timor|Timorese|East Timorese|@Dili
TON Tonga|Kingdom of Tonga|Tongan|Tongans|@Nuku'alofa
TTO Trinidad and Tobago|Republic of Trinidad and Tobago|Trinidad|Tobago|Trinidadian|Tobagonian|Trinidadians|@Port of Spain|@Port-of-Spain
TUN Tunisia|Republic of Tunisia|Tunisian|Tunisians|@Tunis
TUR Türkiye|Turkiye|Turkey|Republic of Türkiye|Republic of Turkey|Turkish|Turks|@Ankara|~Ottoman Empire
TUV Tuvalu|Tuvaluan|Tuvaluans|@Funafuti
TWN Taiwan|Republic of China|Chinese Taipei|Taiwanese|@Taipei|~Formosa|~Nationalist China
TZA Tanzania|United Republic of Tanzania|Tanzanian|Tanzanians|@Dodoma|Dar es Salaam|~Tanganyika|~Zanzibar
UGA Uganda|Republic of Uganda|Ugandan|Ugandans|@Kampala
UKR Ukraine|Ukrainian|Ukrainians|@Kyiv|@Kiev|~Ukrainian SSR|~Ukrainian Soviet Socialist Republic
UMI United States Minor Outlying Islands|U.S. Minor Outlying Islands|Wake Island|Midway Islands
URY Uruguay|Oriental Republic of Uruguay|Uruguayan|Uruguayans|@Montevideo
USA United States|United States of America|U.S.|US|U.S.A.|USA|America|American|Americans|@Washington|^White House|^Foggy Bottom|^Capitol Hill|!State Department|!Pentagon
UZB Uzbekistan|Republic of Uzbekistan|Uzbek|Uzbeks|Uzbekistani|@Tashkent|~Uzbek SSR
VAT Holy See|@Vatican City|Vatican|Vatican City State
VCT Saint Vincent and the Grenadines|St. Vincent and the Grenadines|Saint Vincent|St. Vincent|Vincentian|Vincentians|@Kingstown
VEN Venezuela|Bolivarian Republic of Venezuela|Venezuelan|Venezuelans|@Caracas
VGB British Virgin Islands|Virgin Islands, British|@Road Town
VIR United States Virgin Islands|U.S. Virgin Islands|US Virgin Islands|Virgin Islands|@Charlotte Amalie
VNM Viet Nam|Vietnam|Socialist Republic of Viet Nam|Socialist Republic of Vietnam|Vietnamese|@Hanoi|~Saigon|~South Vietnam|~North Vietnam|~Republic of Viet-Nam
VUT Vanuatu|Republic of Vanuatu|Ni-Vanuatu|@Port Vila|~New Hebrides
WLF Wallis and Futuna|Wallis and Futuna Islands|Wallisian|Futunan|@Mata-Utu
WSM Samoa|Independent State of Samoa|Samoan|Samoans|@Apia|~Western Samoa
XKX Kosovo|Republic of Kosovo|Kosovar|Kosovars|Kosovan|@Pristina|@Prishtina
YEM Yemen|Republic of Yemen|Yemeni|Yemenis|@Sana'a|@Sanaa|Aden|~South Yemen|~North Yemen|~Yemen Arab Republic
ZAF South Africa|Republic of South Africa|South African|South Africans|@Pretoria|@Cape Town|@Bloemfontein|~Union of South Africa
ZMB Zambia|Republic of Zambia|Zambian|Zambians|@Lusaka|~Northern Rhodesia
ZWE Zimbabwe|Republic of Zimbabwe|Zimbabwean|Zimbabweans|@Harare|~Rhodesia|~Southern Rhodesia|~Salisbury
`;

export interface CountryEntry extends Country {
  capitals: string[];
  /** Names of the country's predecessor states, which statements before their dissolution use. */
  historical: string[];
  /** Places that stand for the government: the Kremlin, the White House, Whitehall. */
  metonyms: string[];
  /** Ministries named without the country: the State Department. */
  offices: string[];
}

function parse(line: string): CountryEntry {
  const [head = "", ...names] = line.split("|");
  const iso3 = head.slice(0, 3);
  const name = head.slice(4);
  const marked = (mark: string) => names.filter((n) => n.startsWith(mark)).map((n) => n.slice(1));
  return {
    iso3,
    name,
    aliases: [...new Set(names.map((n) => n.replace(/^[@~^!]/, "")))],
    capitals: marked("@"),
    historical: marked("~"),
    metonyms: marked("^"),
    offices: marked("!"),
  };
}

/** Every ISO 3166-1 country (plus Kosovo as XKX) with its names, demonyms, capitals and variants, by ISO code. */
export const COUNTRIES: CountryEntry[] = TABLE.trim().split("\n").map(parse);
