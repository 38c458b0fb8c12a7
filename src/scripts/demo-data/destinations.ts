/**
 * The demo's world: real country calling codes (E.164) and real fixed and
 * mobile number ranges, with a retail price per range. Prices are integers in
 * units of 0.0001 GBP per minute (see money.ts); mobile is dearer than fixed,
 * remote and high-termination-cost destinations dearer than big markets.
 *
 * Ranges are the public numbering plans as commonly published in carrier
 * decks (mobile blocks by operator, major city codes); they are realistic,
 * not an authoritative numbering database.
 */
import { CA_AREA_CODE_LIST, NANP_CARIBBEAN, US_AREA_CODE_LIST } from "./nanp"

export type Region =
  | "UK"
  | "EUROPE"
  | "NORTH_AMERICA"
  | "CARIBBEAN"
  | "LATIN_AMERICA"
  | "MIDDLE_EAST"
  | "SOUTH_ASIA"
  | "ASIA_PACIFIC"
  | "AFRICA"
  | "SATELLITE"

export type RangeKind = "fixed" | "mobile" | "special"

/** One priced range: every prefix of it gets one deck row (per band when banded). */
export interface Range {
  /** ISO 3166 alpha-2 of the country or territory (for grouping and carrier choice) */
  iso: string
  region: Region
  kind: RangeKind
  prefixes: string[]
  /** destination shown on invoices */
  destination: string
  destination_group: string
  /** per minute, units of 0.0001 GBP; for banded ranges the peak price */
  rate: number
  /** units of 0.0001 GBP */
  connect_fee?: number
  /** [initial, subsequent] seconds; default 60/60, mobiles 30/6, US/Canada 1/1 */
  increments?: [number, number]
  /** priced per peak/offpeak/weekend band (UK-BUSINESS profile) */
  banded?: boolean
  /** a quarter of the prefixes (chosen by a hash) carry a 5% operator surcharge */
  vary?: boolean
}

/** `stem` + each listed suffix: `list("4915", "1 2 5")` → 49151, 49152, 49155. */
export function list(stem: string, suffixes: string): string[] {
  return suffixes.trim().split(/\s+/).map((s) => stem + s)
}

/** `stem` + every number from..to, zero-padded to the width of `to`: `span("447", 40, 42)` → 44740, 44741, 44742. */
export function span(stem: string, from: number, to: number): string[] {
  const width = String(to).length
  const out: string[] = []
  for (let n = from; n <= to; n++) {
    out.push(stem + String(n).padStart(width, "0"))
  }
  return out
}

type CountrySpec = {
  iso: string
  name: string
  cc: string
  region: Region
  /** per-minute fixed and mobile prices, units of 0.0001 GBP */
  fixed: number
  mobile: number
  /** city codes (full international prefixes) → city name, at the fixed price */
  cities?: Record<string, string>
  mobiles?: string[]
  banded?: boolean
  /** ranges beyond fixed/mobile (services, premium, VoIP) */
  extra?: Array<Omit<Range, "iso" | "region">>
  /** false when the country code belongs to another country's row (Kazakhstan shares +7) */
  ccRow?: boolean
  connect_fee?: number
}

function country(s: CountrySpec): Range[] {
  const base = { iso: s.iso, region: s.region, banded: s.banded }
  const out: Range[] = []
  if (s.ccRow !== false) {
    out.push({
      ...base,
      kind: "fixed",
      prefixes: [s.cc],
      destination: `${s.name} - Fixed`,
      destination_group: `${s.iso}-FIXED`,
      rate: s.fixed,
      connect_fee: s.connect_fee,
    })
  }
  for (const [prefix, city] of Object.entries(s.cities ?? {})) {
    out.push({
      ...base,
      kind: "fixed",
      prefixes: [prefix],
      destination: `${s.name} - ${city}`,
      destination_group: `${s.iso}-FIXED`,
      rate: s.fixed,
      connect_fee: s.connect_fee,
    })
  }
  if (s.mobiles?.length) {
    out.push({
      ...base,
      kind: "mobile",
      prefixes: s.mobiles,
      destination: `${s.name} - Mobile`,
      destination_group: `${s.iso}-MOBILE`,
      rate: s.mobile,
      connect_fee: s.connect_fee,
      increments: [30, 6],
      vary: !s.banded && s.mobiles.length > 3,
    })
  }
  for (const e of s.extra ?? []) {
    out.push({ ...base, ...e })
  }
  return out
}

/** United Kingdom: every domestic range a UK contact centre dials, banded. */
const UNITED_KINGDOM: Range[] = [
  ...country({
    iso: "GB",
    name: "United Kingdom",
    cc: "44",
    region: "UK",
    fixed: 100,
    mobile: 250,
    banded: true,
    cities: {
      "441": "Fixed",
      "442": "Fixed",
      "4420": "London",
      "44113": "Leeds",
      "44117": "Bristol",
      "44121": "Birmingham",
      "44131": "Edinburgh",
      "44141": "Glasgow",
      "44151": "Liverpool",
      "44161": "Manchester",
      "4428": "Belfast",
      "4429": "Cardiff",
    },
    // 071–073 whole, 074x–075x and 077x–079x by block; 070 and 076 are not mobile
    mobiles: ["447", "4471", "4472", "4473", ...span("447", 40, 59), ...span("447", 70, 99)],
    extra: [
      {
        kind: "fixed",
        prefixes: ["443"],
        destination: "United Kingdom - Non-Geographic 03",
        destination_group: "UK-FIXED",
        rate: 100,
        banded: true,
      },
      {
        kind: "fixed",
        prefixes: ["4455", "4456"],
        destination: "United Kingdom - Corporate and VoIP",
        destination_group: "UK-VOIP",
        rate: 120,
        banded: true,
      },
    ],
  }).map((r) => ({ ...r, destination_group: r.destination_group.replace(/^GB-/, "UK-") })),
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["4470"],
    destination: "United Kingdom - Personal Numbers 070",
    destination_group: "UK-PERSONAL",
    rate: 3500,
    connect_fee: 500,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["4476"],
    destination: "United Kingdom - Pagers 076",
    destination_group: "UK-PAGER",
    rate: 2000,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["44800", "44808"],
    destination: "United Kingdom - Freephone",
    destination_group: "UK-FREEPHONE",
    rate: 0,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["44843", "44844", "44845"],
    destination: "United Kingdom - Service 084",
    destination_group: "UK-SERVICE",
    rate: 700,
    connect_fee: 150,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["44870", "44871", "44872", "44873"],
    destination: "United Kingdom - Service 087",
    destination_group: "UK-SERVICE",
    rate: 1300,
    connect_fee: 200,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: list("4490", "0 1 4 5 6 7 8 9"),
    destination: "United Kingdom - Premium 09",
    destination_group: "UK-PREMIUM",
    rate: 15000,
    connect_fee: 1000,
  },
  {
    iso: "GB",
    region: "UK",
    kind: "special",
    prefixes: ["44911"],
    destination: "United Kingdom - Premium 0911",
    destination_group: "UK-PREMIUM",
    rate: 10000,
    connect_fee: 1000,
  },
  // Crown dependencies share +44 but are priced as international destinations
  ...[
    { iso: "GG", name: "Guernsey", fixed: "441481", mobiles: ["447781", "447839", "447911"] },
    { iso: "JE", name: "Jersey", fixed: "441534", mobiles: ["447509", "447797", "447829", "447937"] },
    { iso: "IM", name: "Isle of Man", fixed: "441624", mobiles: ["447524", "447624", "447924"] },
  ].flatMap((cd): Range[] => [
    {
      iso: cd.iso,
      region: "EUROPE",
      kind: "fixed",
      prefixes: [cd.fixed],
      destination: `${cd.name} - Fixed`,
      destination_group: `${cd.iso}-FIXED`,
      rate: 300,
    },
    {
      iso: cd.iso,
      region: "EUROPE",
      kind: "mobile",
      prefixes: cd.mobiles,
      destination: `${cd.name} - Mobile`,
      destination_group: `${cd.iso}-MOBILE`,
      rate: 800,
      increments: [30, 6],
    },
  ]),
]

/** +1: US and Canada per area code on 1/1 billing, the Caribbean apart. */
const NORTH_AMERICA: Range[] = [
  {
    iso: "US",
    region: "NORTH_AMERICA",
    kind: "fixed",
    prefixes: ["1"],
    destination: "United States / Canada - Other",
    destination_group: "US",
    rate: 100,
    increments: [1, 1],
  },
  ...US_AREA_CODE_LIST.map((a): Range => {
    // Alaska and Hawaii terminate dearer than the contiguous states
    const remote = a.code === "907" || a.code === "808"
    return {
      iso: "US",
      region: "NORTH_AMERICA",
      kind: "fixed",
      prefixes: ["1" + a.code],
      destination: `United States - ${a.region}`,
      destination_group: "US",
      rate: remote ? 300 : 80,
      increments: [1, 1],
    }
  }),
  ...CA_AREA_CODE_LIST.map(
    (a): Range => ({
      iso: "CA",
      region: "NORTH_AMERICA",
      kind: "fixed",
      prefixes: ["1" + a.code],
      destination: `Canada - ${a.region}`,
      destination_group: "CA",
      rate: a.region === "Northern Territories" ? 400 : 80,
      increments: [1, 1],
    })
  ),
  ...NANP_CARIBBEAN.map(
    (c): Range => ({
      iso: c.iso,
      region: "CARIBBEAN",
      kind: "fixed",
      prefixes: ["1" + c.code],
      destination: c.name,
      destination_group: `${c.iso}`,
      rate: c.rate,
    })
  ),
]

const EUROPE: Range[] = [
  ...country({
    iso: "IE", name: "Ireland", cc: "353", region: "EUROPE", fixed: 150, mobile: 400, banded: true,
    cities: { "3531": "Dublin" },
    mobiles: list("3538", "3 5 6 7 9"),
  }),
  ...country({
    iso: "DE", name: "Germany", cc: "49", region: "EUROPE", fixed: 120, mobile: 450, banded: true,
    cities: { "4930": "Berlin", "4940": "Hamburg", "4989": "Munich", "4969": "Frankfurt", "49221": "Cologne", "49211": "Dusseldorf", "49711": "Stuttgart" },
    mobiles: [...list("4915", "1 2 5 7 9"), ...list("4916", "0 2 3"), ...span("4917", 0, 9)],
    extra: [
      { kind: "special", prefixes: ["49180"], destination: "Germany - Service 0180", destination_group: "DE-SERVICE", rate: 1500, connect_fee: 300 },
      { kind: "special", prefixes: ["49900"], destination: "Germany - Premium 0900", destination_group: "DE-PREMIUM", rate: 20000, connect_fee: 1000 },
    ],
  }),
  ...country({
    iso: "FR", name: "France", cc: "33", region: "EUROPE", fixed: 120, mobile: 400, banded: true,
    cities: { "331": "Paris", "332": "North West", "333": "North East", "334": "South East", "335": "South West" },
    mobiles: [...span("336", 0, 9), ...span("337", 3, 8)],
    extra: [
      { kind: "fixed", prefixes: ["339"], destination: "France - VoIP 09", destination_group: "FR-VOIP", rate: 120 },
      { kind: "special", prefixes: ["3389"], destination: "France - Premium 089", destination_group: "FR-PREMIUM", rate: 8000, connect_fee: 500 },
    ],
  }),
  ...country({
    iso: "ES", name: "Spain", cc: "34", region: "EUROPE", fixed: 120, mobile: 380,
    cities: { "3491": "Madrid", "3493": "Barcelona", "3496": "Valencia", "3495": "Seville" },
    mobiles: [...span("346", 0, 9), ...span("347", 1, 4)],
  }),
  ...country({
    iso: "IT", name: "Italy", cc: "39", region: "EUROPE", fixed: 130, mobile: 420,
    cities: { "3902": "Milan", "3906": "Rome", "39081": "Naples", "39011": "Turin" },
    mobiles: list("393", "20 23 27 28 29 30 31 33 34 35 36 37 38 39 40 42 45 46 47 48 49 50 60 66 68 80 88 89 91 92 93"),
  }),
  ...country({
    iso: "NL", name: "Netherlands", cc: "31", region: "EUROPE", fixed: 110, mobile: 500,
    cities: { "3120": "Amsterdam", "3110": "Rotterdam", "3170": "The Hague", "3130": "Utrecht" },
    mobiles: list("316", "1 2 3 4 5 8"),
    extra: [{ kind: "fixed", prefixes: ["3185", "3188"], destination: "Netherlands - VoIP", destination_group: "NL-VOIP", rate: 110 }],
  }),
  ...country({
    iso: "BE", name: "Belgium", cc: "32", region: "EUROPE", fixed: 130, mobile: 550,
    cities: { "322": "Brussels", "323": "Antwerp", "329": "Ghent" },
    mobiles: list("324", "6 7 8 9"),
  }),
  ...country({
    iso: "PT", name: "Portugal", cc: "351", region: "EUROPE", fixed: 130, mobile: 420,
    cities: { "35121": "Lisbon", "35122": "Porto" },
    mobiles: list("3519", "1 2 3 6"),
  }),
  ...country({
    iso: "CH", name: "Switzerland", cc: "41", region: "EUROPE", fixed: 180, mobile: 1400,
    cities: { "4144": "Zurich", "4122": "Geneva", "4131": "Bern", "4161": "Basel" },
    mobiles: list("417", "5 6 7 8 9"),
  }),
  ...country({
    iso: "AT", name: "Austria", cc: "43", region: "EUROPE", fixed: 150, mobile: 700,
    cities: { "431": "Vienna" },
    mobiles: list("436", "50 60 64 76 80 81 88 99"),
  }),
  ...country({
    iso: "SE", name: "Sweden", cc: "46", region: "EUROPE", fixed: 110, mobile: 380,
    cities: { "468": "Stockholm", "4631": "Gothenburg", "4640": "Malmo" },
    mobiles: list("467", "0 2 3 6 9"),
  }),
  ...country({
    iso: "NO", name: "Norway", cc: "47", region: "EUROPE", fixed: 120, mobile: 400,
    cities: { "4722": "Oslo" },
    mobiles: list("47", "4 9"),
  }),
  ...country({
    iso: "DK", name: "Denmark", cc: "45", region: "EUROPE", fixed: 120, mobile: 400,
    mobiles: [...span("452", 0, 9), ...list("45", "30 31 40 41 42 50 51 52 53 60 61 71 81 91 92 93")],
  }),
  ...country({
    iso: "FI", name: "Finland", cc: "358", region: "EUROPE", fixed: 200, mobile: 900,
    cities: { "3589": "Helsinki" },
    mobiles: list("3584", "0 1 2 3 4 5 6").concat(["35850"]),
  }),
  ...country({
    iso: "PL", name: "Poland", cc: "48", region: "EUROPE", fixed: 120, mobile: 300,
    cities: { "4822": "Warsaw", "4812": "Krakow" },
    mobiles: list("48", "50 51 53 57 60 66 69 72 73 78 79 88"),
  }),
  ...country({
    iso: "CZ", name: "Czech Republic", cc: "420", region: "EUROPE", fixed: 150, mobile: 500,
    cities: { "4202": "Prague" },
    mobiles: list("420", "60 70 72 73 77 79"),
  }),
  ...country({
    iso: "HU", name: "Hungary", cc: "36", region: "EUROPE", fixed: 150, mobile: 650,
    cities: { "361": "Budapest" },
    mobiles: list("36", "20 30 31 50 70"),
  }),
  ...country({
    iso: "RO", name: "Romania", cc: "40", region: "EUROPE", fixed: 150, mobile: 500,
    cities: { "4021": "Bucharest" },
    mobiles: span("407", 2, 8),
  }),
  ...country({
    iso: "GR", name: "Greece", cc: "30", region: "EUROPE", fixed: 130, mobile: 500,
    cities: { "30210": "Athens", "30231": "Thessaloniki" },
    mobiles: list("3069", "0 3 4 5 7 8 9"),
  }),
  ...country({
    iso: "LU", name: "Luxembourg", cc: "352", region: "EUROPE", fixed: 150, mobile: 900,
    mobiles: list("352", "621 661 691"),
  }),
  ...country({
    iso: "MT", name: "Malta", cc: "356", region: "EUROPE", fixed: 300, mobile: 1200,
    mobiles: list("356", "77 79 99"),
  }),
  ...country({
    iso: "CY", name: "Cyprus", cc: "357", region: "EUROPE", fixed: 200, mobile: 900,
    mobiles: list("357", "96 97 99"),
  }),
  ...country({
    iso: "HR", name: "Croatia", cc: "385", region: "EUROPE", fixed: 200, mobile: 1100,
    cities: { "3851": "Zagreb" },
    mobiles: list("3859", "1 2 5 7 8 9"),
  }),
  ...country({
    iso: "BG", name: "Bulgaria", cc: "359", region: "EUROPE", fixed: 250, mobile: 1200,
    cities: { "3592": "Sofia" },
    mobiles: list("3598", "7 8 9").concat(["35998"]),
  }),
  ...country({
    iso: "IS", name: "Iceland", cc: "354", region: "EUROPE", fixed: 300, mobile: 1000,
    mobiles: list("354", "6 7 8"),
  }),
  ...country({
    iso: "UA", name: "Ukraine", cc: "380", region: "EUROPE", fixed: 600, mobile: 1500,
    cities: { "38044": "Kyiv" },
    mobiles: list("380", "50 63 66 67 68 73 93 95 96 97 98 99"),
  }),
  ...country({
    iso: "RU", name: "Russia", cc: "7", region: "EUROPE", fixed: 400, mobile: 1500,
    cities: { "7495": "Moscow", "7499": "Moscow", "7812": "St Petersburg" },
    mobiles: ["79"],
  }),
  // Kazakhstan shares +7 with Russia: +7 7xx is its range
  ...country({
    iso: "KZ", name: "Kazakhstan", cc: "7", region: "EUROPE", fixed: 900, mobile: 1300, ccRow: false,
    cities: { "77": "Fixed", "7717": "Astana", "7727": "Almaty" },
    mobiles: list("77", "00 01 02 05 07 08 47 71 75 76 77 78"),
  }),
  ...country({
    iso: "TR", name: "Turkey", cc: "90", region: "EUROPE", fixed: 200, mobile: 900,
    cities: { "90212": "Istanbul Europe", "90216": "Istanbul Asia", "90312": "Ankara" },
    mobiles: list("905", "0 3 4 5"),
  }),
]

const MIDDLE_EAST_AND_SOUTH_ASIA: Range[] = [
  ...country({
    iso: "IL", name: "Israel", cc: "972", region: "MIDDLE_EAST", fixed: 250, mobile: 600,
    cities: { "9722": "Jerusalem", "9723": "Tel Aviv" },
    mobiles: list("9725", "0 2 3 4 5 8"),
  }),
  ...country({
    iso: "AE", name: "United Arab Emirates", cc: "971", region: "MIDDLE_EAST", fixed: 1400, mobile: 1600,
    cities: { "9712": "Abu Dhabi", "9714": "Dubai" },
    mobiles: list("9715", "0 2 4 5 6 8"),
  }),
  ...country({
    iso: "SA", name: "Saudi Arabia", cc: "966", region: "MIDDLE_EAST", fixed: 900, mobile: 1100,
    cities: { "96611": "Riyadh", "96612": "Jeddah" },
    mobiles: list("9665", "0 3 4 5 6 7 8 9"),
  }),
  ...country({
    iso: "QA", name: "Qatar", cc: "974", region: "MIDDLE_EAST", fixed: 1500, mobile: 1600,
    mobiles: list("974", "3 5 6 7"),
  }),
  ...country({
    iso: "KW", name: "Kuwait", cc: "965", region: "MIDDLE_EAST", fixed: 900, mobile: 1000,
    mobiles: list("965", "5 6 9"),
  }),
  ...country({
    iso: "JO", name: "Jordan", cc: "962", region: "MIDDLE_EAST", fixed: 1100, mobile: 1400,
    cities: { "9626": "Amman" },
    mobiles: list("9627", "7 8 9"),
  }),
  ...country({
    iso: "LB", name: "Lebanon", cc: "961", region: "MIDDLE_EAST", fixed: 1200, mobile: 1500,
    mobiles: ["9613", ...list("9617", "0 1 6 8 9"), "96181"],
  }),
  ...country({
    iso: "EG", name: "Egypt", cc: "20", region: "AFRICA", fixed: 900, mobile: 1200,
    cities: { "202": "Cairo", "203": "Alexandria" },
    mobiles: list("201", "0 1 2 5"),
  }),
  ...country({
    iso: "IN", name: "India", cc: "91", region: "SOUTH_ASIA", fixed: 150, mobile: 180,
    cities: { "9111": "Delhi", "9122": "Mumbai", "9133": "Kolkata", "9144": "Chennai", "9140": "Hyderabad", "9120": "Pune" },
    mobiles: [...span("916", 2, 9), ...span("917", 0, 9), ...span("918", 1, 9), ...span("919", 0, 9)],
  }),
  ...country({
    iso: "PK", name: "Pakistan", cc: "92", region: "SOUTH_ASIA", fixed: 700, mobile: 800,
    cities: { "9221": "Karachi", "9242": "Lahore", "9251": "Islamabad" },
    mobiles: span("923", 0, 4),
  }),
  ...country({
    iso: "BD", name: "Bangladesh", cc: "880", region: "SOUTH_ASIA", fixed: 600, mobile: 650,
    cities: { "8802": "Dhaka" },
    mobiles: span("8801", 3, 9),
  }),
  ...country({
    iso: "LK", name: "Sri Lanka", cc: "94", region: "SOUTH_ASIA", fixed: 1000, mobile: 1200,
    cities: { "9411": "Colombo" },
    mobiles: list("947", "0 1 2 4 5 6 7 8"),
  }),
  ...country({
    iso: "NP", name: "Nepal", cc: "977", region: "SOUTH_ASIA", fixed: 1200, mobile: 1400,
    cities: { "9771": "Kathmandu" },
    mobiles: ["97798"],
  }),
]

const ASIA_PACIFIC: Range[] = [
  ...country({
    iso: "CN", name: "China", cc: "86", region: "ASIA_PACIFIC", fixed: 100, mobile: 120,
    cities: { "8610": "Beijing", "8621": "Shanghai", "8620": "Guangzhou", "86755": "Shenzhen" },
    mobiles: list("861", "3 5 7 8 9"),
  }),
  ...country({
    iso: "HK", name: "Hong Kong", cc: "852", region: "ASIA_PACIFIC", fixed: 150, mobile: 200,
    cities: { "8522": "Island", "8523": "Kowloon" },
    mobiles: list("852", "5 6 9"),
  }),
  ...country({
    iso: "JP", name: "Japan", cc: "81", region: "ASIA_PACIFIC", fixed: 300, mobile: 1200,
    cities: { "813": "Tokyo", "816": "Osaka" },
    mobiles: list("81", "70 80 90"),
    extra: [{ kind: "fixed", prefixes: ["8150"], destination: "Japan - IP Phone 050", destination_group: "JP-VOIP", rate: 300 }],
  }),
  ...country({
    iso: "KR", name: "South Korea", cc: "82", region: "ASIA_PACIFIC", fixed: 250, mobile: 350,
    cities: { "822": "Seoul" },
    mobiles: ["8210"],
  }),
  ...country({
    iso: "SG", name: "Singapore", cc: "65", region: "ASIA_PACIFIC", fixed: 150, mobile: 200,
    cities: { "656": "Fixed" },
    mobiles: list("65", "8 9"),
  }),
  ...country({
    iso: "MY", name: "Malaysia", cc: "60", region: "ASIA_PACIFIC", fixed: 200, mobile: 350,
    cities: { "603": "Kuala Lumpur" },
    mobiles: list("601", "0 1 2 3 4 6 7 8 9"),
  }),
  ...country({
    iso: "ID", name: "Indonesia", cc: "62", region: "ASIA_PACIFIC", fixed: 500, mobile: 900,
    cities: { "6221": "Jakarta" },
    mobiles: list("628", "11 12 13 14 15 16 17 18 19 21 22 23 52 53 55 56 57 58 77 78 81 82 83 95 96 97 98 99"),
  }),
  ...country({
    iso: "TH", name: "Thailand", cc: "66", region: "ASIA_PACIFIC", fixed: 300, mobile: 400,
    cities: { "662": "Bangkok" },
    mobiles: list("66", "6 8 9"),
  }),
  ...country({
    iso: "VN", name: "Vietnam", cc: "84", region: "ASIA_PACIFIC", fixed: 700, mobile: 900,
    cities: { "8424": "Hanoi", "8428": "Ho Chi Minh City" },
    mobiles: list("84", "3 5 7 8 9"),
  }),
  ...country({
    iso: "PH", name: "Philippines", cc: "63", region: "ASIA_PACIFIC", fixed: 1400, mobile: 1500,
    cities: { "632": "Manila" },
    mobiles: list(
      "639",
      "05 06 07 08 09 10 12 15 16 17 18 19 20 21 22 23 25 26 27 28 29 30 31 32 33 34 35 36 38 39 " +
        "42 43 44 45 46 47 48 49 55 56 65 66 67 75 77 89 91 92 93 94 95 97 98 99"
    ),
  }),
  ...country({
    iso: "AU", name: "Australia", cc: "61", region: "ASIA_PACIFIC", fixed: 250, mobile: 500,
    cities: { "612": "New South Wales and ACT", "613": "Victoria and Tasmania", "617": "Queensland", "618": "South, West Australia and NT" },
    mobiles: ["614", ...span("614", 0, 9)],
  }),
  ...country({
    iso: "NZ", name: "New Zealand", cc: "64", region: "ASIA_PACIFIC", fixed: 300, mobile: 900,
    cities: { "649": "Auckland", "644": "Wellington", "643": "Christchurch" },
    mobiles: list("642", "1 2 7 9"),
  }),
]

const LATIN_AMERICA: Range[] = [
  ...country({
    iso: "MX", name: "Mexico", cc: "52", region: "LATIN_AMERICA", fixed: 250, mobile: 300,
    cities: { "5255": "Mexico City", "5233": "Guadalajara", "5281": "Monterrey" },
    // the legacy "1" mobile marker is still published by carriers for mobile termination
    mobiles: ["521"],
  }),
  ...country({
    iso: "BR", name: "Brazil", cc: "55", region: "LATIN_AMERICA", fixed: 200, mobile: 700,
    cities: { "5511": "Sao Paulo", "5521": "Rio de Janeiro", "5561": "Brasilia", "5531": "Belo Horizonte" },
    mobiles: list("55", "119 219 319 419 519 619 719 819 859"),
  }),
  ...country({
    iso: "AR", name: "Argentina", cc: "54", region: "LATIN_AMERICA", fixed: 300, mobile: 1000,
    cities: { "5411": "Buenos Aires" },
    mobiles: ["549", "54911"],
  }),
  ...country({
    iso: "CL", name: "Chile", cc: "56", region: "LATIN_AMERICA", fixed: 300, mobile: 800,
    cities: { "562": "Santiago" },
    mobiles: ["569"],
  }),
  ...country({
    iso: "CO", name: "Colombia", cc: "57", region: "LATIN_AMERICA", fixed: 300, mobile: 600,
    cities: { "57601": "Bogota" },
    mobiles: list("573", "0 1 2 5"),
  }),
  ...country({
    iso: "PE", name: "Peru", cc: "51", region: "LATIN_AMERICA", fixed: 300, mobile: 700,
    cities: { "511": "Lima" },
    mobiles: ["519"],
  }),
  ...country({
    iso: "VE", name: "Venezuela", cc: "58", region: "LATIN_AMERICA", fixed: 500, mobile: 1000,
    cities: { "58212": "Caracas" },
    mobiles: list("584", "12 14 16 24 26"),
  }),
  ...country({
    iso: "CU", name: "Cuba", cc: "53", region: "CARIBBEAN", fixed: 6000, mobile: 6500, connect_fee: 1000,
    mobiles: ["535"],
  }),
]

const AFRICA: Range[] = [
  ...country({
    iso: "ZA", name: "South Africa", cc: "27", region: "AFRICA", fixed: 350, mobile: 1100,
    cities: { "2711": "Johannesburg", "2712": "Pretoria", "2721": "Cape Town", "2731": "Durban" },
    mobiles: list("27", "60 61 62 63 64 65 66 67 68 71 72 73 74 76 78 79 81 82 83 84"),
  }),
  ...country({
    iso: "NG", name: "Nigeria", cc: "234", region: "AFRICA", fixed: 800, mobile: 1100,
    cities: { "2341": "Lagos", "2349": "Abuja" },
    mobiles: list("234", "701 703 705 706 708 802 803 805 806 807 808 809 810 811 812 813 815 816 817 818 902 903 905 906 907 908 909 913 916"),
  }),
  ...country({
    iso: "KE", name: "Kenya", cc: "254", region: "AFRICA", fixed: 800, mobile: 1000,
    cities: { "25420": "Nairobi" },
    mobiles: list("254", "10 11 70 71 72 73 74 75 78 79"),
  }),
  ...country({
    iso: "GH", name: "Ghana", cc: "233", region: "AFRICA", fixed: 1300, mobile: 1700,
    cities: { "233302": "Accra" },
    mobiles: list("233", "20 24 26 27 50 54 55 57 59"),
  }),
  ...country({
    iso: "MA", name: "Morocco", cc: "212", region: "AFRICA", fixed: 1000, mobile: 3000,
    cities: { "2125": "Fixed" },
    mobiles: list("212", "6 7"),
  }),
  ...country({
    iso: "DZ", name: "Algeria", cc: "213", region: "AFRICA", fixed: 1200, mobile: 4500,
    mobiles: list("213", "5 6 7"),
  }),
  ...country({
    iso: "TN", name: "Tunisia", cc: "216", region: "AFRICA", fixed: 1500, mobile: 3000,
    mobiles: list("216", "2 5 9"),
  }),
  ...country({
    iso: "ET", name: "Ethiopia", cc: "251", region: "AFRICA", fixed: 2000, mobile: 2200,
    cities: { "25111": "Addis Ababa" },
    mobiles: list("251", "7 9"),
  }),
  ...country({
    iso: "TZ", name: "Tanzania", cc: "255", region: "AFRICA", fixed: 2000, mobile: 1800,
    mobiles: list("255", "6 7"),
  }),
  ...country({
    iso: "UG", name: "Uganda", cc: "256", region: "AFRICA", fixed: 2000, mobile: 1800,
    mobiles: ["2567"],
  }),
  ...country({
    iso: "SN", name: "Senegal", cc: "221", region: "AFRICA", fixed: 2000, mobile: 2000,
    mobiles: list("2217", "0 6 7 8"),
  }),
  ...country({
    iso: "SO", name: "Somalia", cc: "252", region: "AFRICA", fixed: 6000, mobile: 8000, connect_fee: 1000,
    mobiles: list("252", "61 62 63 90"),
  }),
]

const SATELLITE: Range[] = [
  { iso: "XS", region: "SATELLITE", kind: "special", prefixes: ["8816", "8817"], destination: "Satellite - Iridium", destination_group: "SATELLITE", rate: 60000, connect_fee: 5000 },
  { iso: "XS", region: "SATELLITE", kind: "special", prefixes: ["870"], destination: "Satellite - Inmarsat", destination_group: "SATELLITE", rate: 70000, connect_fee: 5000 },
  { iso: "XS", region: "SATELLITE", kind: "special", prefixes: ["88216"], destination: "Satellite - Thuraya", destination_group: "SATELLITE", rate: 15000, connect_fee: 2000 },
  { iso: "FK", region: "LATIN_AMERICA", kind: "fixed", prefixes: ["500"], destination: "Falkland Islands - Fixed", destination_group: "FK-FIXED", rate: 20000 },
  { iso: "FK", region: "LATIN_AMERICA", kind: "mobile", prefixes: list("500", "5 6"), destination: "Falkland Islands - Mobile", destination_group: "FK-MOBILE", rate: 25000, increments: [30, 6] },
]

/** Every outbound range of the retail card, in deck order. */
export const WORLD: Range[] = [
  ...UNITED_KINGDOM,
  ...NORTH_AMERICA,
  ...EUROPE,
  ...MIDDLE_EAST_AND_SOUTH_ASIA,
  ...ASIA_PACIFIC,
  ...LATIN_AMERICA,
  ...AFRICA,
  ...SATELLITE,
]
