import type { CivicAddress } from "../../src/addresses/civic-fields.js";

/** One good address per covered country: what is sent, and what must come back. */
export const GOOD_ADDRESSES: readonly { input: Record<string, string>; expected: CivicAddress }[] = [
  {
    input: { country: "at", city: "Wien", street: "Stephansplatz", houseNumber: "1", postalCode: "A-1010" },
    expected: { country: "AT", city: "Wien", street: "Stephansplatz", houseNumber: "1", postalCode: "1010" },
  },
  {
    input: {
      country: "AU",
      region: "nsw",
      city: "Sydney",
      street: "Macquarie Street",
      houseNumber: "1",
      postalCode: "2000",
    },
    expected: {
      country: "AU",
      region: "AU-NSW",
      city: "Sydney",
      street: "Macquarie Street",
      houseNumber: "1",
      postalCode: "2000",
    },
  },
  {
    input: {
      country: "BE",
      region: "BE-BRU",
      city: "Bruxelles",
      street: "Rue de la Loi",
      houseNumber: "16",
      postalCode: "1000",
    },
    expected: {
      country: "BE",
      region: "BE-BRU",
      city: "Bruxelles",
      street: "Rue de la Loi",
      houseNumber: "16",
      postalCode: "1000",
    },
  },
  {
    input: { country: "BG", city: "Sofia", street: "bul. Vitosha", houseNumber: "1", postalCode: "1000" },
    expected: { country: "BG", city: "Sofia", street: "bul. Vitosha", houseNumber: "1", postalCode: "1000" },
  },
  {
    input: {
      country: "BR",
      region: "br-sp",
      city: "São Paulo",
      district: "Bela Vista",
      street: "Avenida Paulista",
      houseNumber: "1578",
      postalCode: "01310100",
    },
    expected: {
      country: "BR",
      region: "BR-SP",
      city: "São Paulo",
      district: "Bela Vista",
      street: "Avenida Paulista",
      houseNumber: "1578",
      postalCode: "01310-100",
    },
  },
  {
    input: {
      country: "CA",
      region: "CA-ON",
      city: "Ottawa",
      street: "Wellington",
      streetSuffix: "Street",
      houseNumber: "111",
      postalCode: "k1a0a9",
    },
    expected: {
      country: "CA",
      region: "CA-ON",
      city: "Ottawa",
      street: "Wellington",
      streetSuffix: "Street",
      houseNumber: "111",
      postalCode: "K1A 0A9",
    },
  },
  {
    input: { country: "CY", city: "Nicosia", street: "Ledra Street", houseNumber: "10", postalCode: "1010" },
    expected: { country: "CY", city: "Nicosia", street: "Ledra Street", houseNumber: "10", postalCode: "1010" },
  },
  {
    input: {
      country: "CZ",
      region: "CZ-10",
      city: "Praha",
      street: "Václavské náměstí",
      houseNumber: "1",
      postalCode: "11000",
    },
    expected: {
      country: "CZ",
      region: "CZ-10",
      city: "Praha",
      street: "Václavské náměstí",
      houseNumber: "1",
      postalCode: "110 00",
    },
  },
  {
    input: {
      country: "DE",
      region: "by",
      city: "Mu\u0308nchen",
      street: "Leopoldstraße",
      houseNumber: "12",
      postalCode: "80802",
    },
    expected: {
      country: "DE",
      region: "DE-BY",
      city: "München",
      street: "Leopoldstraße",
      houseNumber: "12",
      postalCode: "80802",
    },
  },
  {
    input: { country: "DK", city: "København K", street: "Kongens Nytorv", houseNumber: "1", postalCode: "DK-1050" },
    expected: { country: "DK", city: "København K", street: "Kongens Nytorv", houseNumber: "1", postalCode: "1050" },
  },
  {
    input: {
      country: "EE",
      region: "EE-37",
      city: "Tallinn",
      street: "Vabaduse väljak",
      houseNumber: "7",
      postalCode: "10111",
    },
    expected: {
      country: "EE",
      region: "EE-37",
      city: "Tallinn",
      street: "Vabaduse väljak",
      houseNumber: "7",
      postalCode: "10111",
    },
  },
  {
    input: {
      country: "ES",
      region: "ES-MD",
      city: "Madrid",
      street: "Calle Mayor",
      houseNumber: "1",
      postalCode: "28013",
    },
    expected: {
      country: "ES",
      region: "ES-MD",
      city: "Madrid",
      street: "Calle Mayor",
      houseNumber: "1",
      postalCode: "28013",
    },
  },
  {
    input: { country: "FI", city: "Helsinki", street: "Mannerheimintie", houseNumber: "1", postalCode: "00100" },
    expected: { country: "FI", city: "Helsinki", street: "Mannerheimintie", houseNumber: "1", postalCode: "00100" },
  },
  {
    input: {
      country: "FR",
      region: "fr-idf",
      city: "Paris",
      street: "rue de Rivoli",
      houseNumber: "10",
      houseNumberSuffix: "bis",
      postalCode: "75 001",
    },
    expected: {
      country: "FR",
      region: "FR-IDF",
      city: "Paris",
      street: "rue de Rivoli",
      houseNumber: "10",
      houseNumberSuffix: "bis",
      postalCode: "75001",
    },
  },
  {
    input: {
      country: "GB",
      region: "GB-ENG",
      city: "London",
      street: "Downing Street",
      houseNumber: "10",
      postalCode: "sw1a2aa",
    },
    expected: {
      country: "GB",
      region: "GB-ENG",
      city: "London",
      street: "Downing Street",
      houseNumber: "10",
      postalCode: "SW1A 2AA",
    },
  },
  {
    input: { country: "GR", region: "GR-I", city: "Athina", street: "Ermou", houseNumber: "1", postalCode: "10557" },
    expected: {
      country: "GR",
      region: "GR-I",
      city: "Athina",
      street: "Ermou",
      houseNumber: "1",
      postalCode: "105 57",
    },
  },
  {
    input: { country: "HR", city: "Zagreb", street: "Ilica", houseNumber: "1", postalCode: "10000" },
    expected: { country: "HR", city: "Zagreb", street: "Ilica", houseNumber: "1", postalCode: "10000" },
  },
  {
    input: {
      country: "HU",
      region: "HU-BU",
      city: "Budapest",
      street: "Fő utca",
      houseNumber: "1",
      postalCode: "1011",
    },
    expected: {
      country: "HU",
      region: "HU-BU",
      city: "Budapest",
      street: "Fő utca",
      houseNumber: "1",
      postalCode: "1011",
    },
  },
  {
    // A rural address: no street, the Eircode identifies the building.
    input: { country: "IE", region: "ie-wh", city: "Ballymore", landmark: "Rose Cottage", postalCode: "n37a6x2" },
    expected: { country: "IE", region: "IE-WH", city: "Ballymore", landmark: "Rose Cottage", postalCode: "N37 A6X2" },
  },
  {
    input: {
      country: "IT",
      region: "IT-RM",
      city: "Roma",
      street: "Via Nazionale",
      houseNumber: "1",
      postalCode: "00184",
    },
    expected: {
      country: "IT",
      region: "IT-RM",
      city: "Roma",
      street: "Via Nazionale",
      houseNumber: "1",
      postalCode: "00184",
    },
  },
  {
    input: { country: "LT", city: "Vilnius", street: "Gedimino pr.", houseNumber: "1", postalCode: "lt-01100" },
    expected: { country: "LT", city: "Vilnius", street: "Gedimino pr.", houseNumber: "1", postalCode: "LT-01100" },
  },
  {
    input: {
      country: "LU",
      region: "LU-LU",
      city: "Luxembourg",
      street: "rue de la Gare",
      houseNumber: "12",
      postalCode: "L-1118",
    },
    expected: {
      country: "LU",
      region: "LU-LU",
      city: "Luxembourg",
      street: "rue de la Gare",
      houseNumber: "12",
      postalCode: "1118",
    },
  },
  {
    input: { country: "LV", city: "Rīga", street: "Brīvības iela", houseNumber: "1", postalCode: "1050" },
    expected: { country: "LV", city: "Rīga", street: "Brīvības iela", houseNumber: "1", postalCode: "LV-1050" },
  },
  {
    input: { country: "MT", city: "Valletta", street: "Triq ir-Repubblika", houseNumber: "12", postalCode: "vlt1117" },
    expected: {
      country: "MT",
      city: "Valletta",
      street: "Triq ir-Repubblika",
      houseNumber: "12",
      postalCode: "VLT 1117",
    },
  },
  {
    input: { country: "NL", region: "NL-NH", city: "Amsterdam", street: "Dam", houseNumber: "1", postalCode: "1012js" },
    expected: {
      country: "NL",
      region: "NL-NH",
      city: "Amsterdam",
      street: "Dam",
      houseNumber: "1",
      postalCode: "1012 JS",
    },
  },
  {
    input: {
      country: "PL",
      region: "PL-14",
      city: "Warszawa",
      street: "ul. Marszałkowska",
      houseNumber: "1",
      postalCode: "00950",
    },
    expected: {
      country: "PL",
      region: "PL-14",
      city: "Warszawa",
      street: "ul. Marszałkowska",
      houseNumber: "1",
      postalCode: "00-950",
    },
  },
  {
    input: { country: "PT", city: "Lisboa", street: "Rua Augusta", houseNumber: "100", postalCode: "1100148" },
    expected: { country: "PT", city: "Lisboa", street: "Rua Augusta", houseNumber: "100", postalCode: "1100-148" },
  },
  {
    input: {
      country: "RO",
      region: "RO-B",
      city: "București",
      street: "Calea Victoriei",
      houseNumber: "1",
      postalCode: "010011",
    },
    expected: {
      country: "RO",
      region: "RO-B",
      city: "București",
      street: "Calea Victoriei",
      houseNumber: "1",
      postalCode: "010011",
    },
  },
  {
    input: { country: "SE", city: "Stockholm", street: "Drottninggatan", houseNumber: "1", postalCode: "11122" },
    expected: { country: "SE", city: "Stockholm", street: "Drottninggatan", houseNumber: "1", postalCode: "111 22" },
  },
  {
    input: { country: "SI", city: "Ljubljana", street: "Prešernov trg", houseNumber: "1", postalCode: "SI-1000" },
    expected: { country: "SI", city: "Ljubljana", street: "Prešernov trg", houseNumber: "1", postalCode: "1000" },
  },
  {
    input: {
      country: "SK",
      region: "SK-BL",
      city: "Bratislava",
      street: "Hlavné námestie",
      houseNumber: "1",
      postalCode: "81101",
    },
    expected: {
      country: "SK",
      region: "SK-BL",
      city: "Bratislava",
      street: "Hlavné námestie",
      houseNumber: "1",
      postalCode: "811 01",
    },
  },
  {
    input: {
      country: "US",
      region: "ca",
      city: " San  Francisco ",
      street: "Market",
      streetSuffix: "St",
      houseNumber: "100",
      postalCode: "941051234",
      floor: "5",
    },
    expected: {
      country: "US",
      region: "US-CA",
      city: "San Francisco",
      street: "Market",
      streetSuffix: "St",
      houseNumber: "100",
      floor: "5",
      postalCode: "94105-1234",
    },
  },
];

/** One bad address per covered country, and the field(s) that must be named. */
export const BAD_ADDRESSES: readonly { input: Record<string, string>; paths: string[] }[] = [
  {
    input: { houseNumber: "1", country: "AT", city: "Wien", street: "Ring", postalCode: "0123" },
    paths: ["postalCode"],
  },
  {
    input: {
      houseNumber: "1",
      country: "AU",
      region: "AU-XX",
      city: "Perth",
      street: "Hay Street",
      postalCode: "6000",
    },
    paths: ["region"],
  },
  {
    input: { houseNumber: "1", country: "BE", city: "Bruxelles", street: "Rue Neuve", postalCode: "01000" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "BG", city: "Sofia", street: "Vitosha", postalCode: "10000" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "BR", city: "Brasília", street: "Eixo Monumental", postalCode: "70000-000" },
    paths: ["region"],
  },
  {
    input: {
      houseNumber: "1",
      country: "CA",
      region: "CA-ON",
      city: "Toronto",
      street: "Yonge",
      postalCode: "W1A 1A1",
    },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "CY", city: "Limassol", street: "Anexartisias", postalCode: "301" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "CZ", city: "Brno", street: "Masarykova", postalCode: "811 01" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "DE", city: "Berlin", street: "Unter den Linden", postalCode: "1011" },
    paths: ["postalCode"],
  },
  { input: { houseNumber: "1", country: "DK", city: "Aarhus", postalCode: "8000" }, paths: ["street"] },
  {
    input: { houseNumber: "1", country: "EE", region: "EE-44", city: "Narva", street: "Puškini", postalCode: "20308" },
    paths: ["region"],
  },
  {
    input: { houseNumber: "1", country: "ES", city: "Madrid", street: "Gran Vía", postalCode: "53001" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "FI", city: "Espoo", street: "Otakaari", postalCode: "0215" },
    paths: ["postalCode"],
  },
  {
    input: {
      houseNumber: "1",
      country: "FR",
      region: "FR-J",
      city: "Paris",
      street: "rue de Rivoli",
      postalCode: "75001",
    },
    paths: ["region"],
  },
  {
    input: { houseNumber: "1", country: "GB", city: "London", street: "Whitehall", postalCode: "SW1A 2A" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "GR", city: "Athina", street: "Ermou", postalCode: "905 57" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "HR", city: "Split", street: "Riva", postalCode: "60000" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "HU", city: "Budapest", street: "Váci utca", postalCode: "0123" },
    paths: ["postalCode"],
  },
  { input: { houseNumber: "1", country: "IE", city: "Ballymore" }, paths: ["street"] },
  {
    input: { houseNumber: "1", country: "IT", city: "Milano", street: "Via Torino", postalCode: "2012" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "LT", city: "Kaunas", street: "Laisvės al.", postalCode: "LT-4403" },
    paths: ["postalCode"],
  },
  { input: { houseNumber: "1", country: "LU", city: "Luxembourg", postalCode: "1118" }, paths: ["street"] },
  {
    input: { houseNumber: "1", country: "LV", city: "Rīga", street: "Elizabetes iela", postalCode: "LV-105" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "MT", city: "Sliema", street: "Tower Road", postalCode: "SL 1234" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "NL", city: "Amsterdam", street: "Dam", postalCode: "1012 SA" },
    paths: ["postalCode"],
  },
  {
    input: {
      houseNumber: "1",
      country: "PL",
      region: "PL-MZ",
      city: "Warszawa",
      street: "Nowy Świat",
      postalCode: "00-950",
    },
    paths: ["region"],
  },
  {
    input: { houseNumber: "1", country: "PT", city: "Porto", street: "Rua de Santa Catarina", postalCode: "4000" },
    paths: ["postalCode"],
  },
  {
    input: {
      houseNumber: "1",
      country: "RO",
      city: "Cluj-Napoca",
      street: "Strada Memorandumului",
      postalCode: "40011",
    },
    paths: ["postalCode"],
  },
  { input: { houseNumber: "1", country: "SE", street: "Kungsgatan", postalCode: "111 22" }, paths: ["city"] },
  {
    input: { houseNumber: "1", country: "SI", city: "Maribor", street: "Glavni trg", postalCode: "0200" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "SK", city: "Košice", street: "Hlavná", postalCode: "110 00" },
    paths: ["postalCode"],
  },
  {
    input: { houseNumber: "1", country: "US", city: "Springfield", street: "Main St", postalCode: "62701" },
    paths: ["region"],
  },
];
