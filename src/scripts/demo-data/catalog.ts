/**
 * What the demo seed creates: the time profile, the cards (settings and
 * deck), the tenants and which card rates whose calls. Data only; the seed
 * (../seed-demo.ts) turns it into workflow calls.
 */
import {
  carrierRows,
  convertRows,
  PricedRow,
  regionalRows,
  retailRows,
  tollFreeRows,
  vipRows,
} from "./decks"

export const DEMO_EFFECTIVE_FROM = "2026-01-01T00:00:00.000Z"

export const UK_BUSINESS_PROFILE = {
  code: "UK-BUSINESS",
  name: "UK business hours",
  description: "Peak Mon–Fri 08:00–19:00, off-peak other weekday hours, weekend Sat–Sun; UK bank holidays at weekend rates.",
  rules: [
    { band: "peak", days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "19:00" },
    { band: "offpeak", days: ["mon", "tue", "wed", "thu", "fri"], from: "00:00", to: "24:00" },
    { band: "weekend", days: ["sat", "sun"], from: "00:00", to: "24:00" },
  ] as Array<{ band: string; days: Array<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun">; from: string; to: string }>,
  holidays: [
    { date: "2026-12-25", band: "weekend" },
    { date: "2026-12-26", band: "weekend" },
    { date: "2027-01-01", band: "weekend" },
  ],
}

/**
 * Demo exchange rates, fixed so the decks never change between runs: the
 * regional cards are priced from the GBP retail card at these rates.
 */
const USD_PER_GBP: [number, number] = [127, 100]
const AUD_PER_GBP: [number, number] = [193, 100]

export type DemoCard = {
  code: string
  name: string
  description: string
  kind: "sell" | "buy"
  currency_code: string
  decimals: number
  rounding: "half_up"
  direction: "outbound" | "inbound"
  carrier?: string
  /** code of the time profile, when the card is banded */
  time_profile?: string
  filename: string
  rows: () => PricedRow[]
}

/** Cards in creation order (a deck is generated only when the card needs a version). */
export const DEMO_CARDS: DemoCard[] = [
  {
    code: "RETAIL-2026",
    name: "Retail 2026",
    description: "Standard outbound prices for 2026: UK, Ireland, Germany and France by time band.",
    kind: "sell",
    currency_code: "GBP",
    decimals: 4,
    rounding: "half_up",
    direction: "outbound",
    time_profile: UK_BUSINESS_PROFILE.code,
    filename: "retail-2026.csv",
    rows: retailRows,
  },
  {
    code: "TOLLFREE-IN",
    name: "Toll-free inbound",
    description: "What the call centre pays per minute for calls to its freephone numbers.",
    kind: "sell",
    currency_code: "GBP",
    decimals: 4,
    rounding: "half_up",
    direction: "inbound",
    filename: "tollfree-in.csv",
    rows: tollFreeRows,
  },
  {
    code: "ACME-VIP",
    name: "Acme VIP override",
    description: "Acme's negotiated UK mobile and US/Canada prices; everything else from the retail card.",
    kind: "sell",
    currency_code: "GBP",
    decimals: 4,
    rounding: "half_up",
    direction: "outbound",
    time_profile: UK_BUSINESS_PROFILE.code,
    filename: "acme-vip.csv",
    rows: () => vipRows(retailRows()),
  },
  // Carriers really invoice in USD; the demo prices them in GBP so that
  // cost and margin are computable against the GBP sell cards.
  {
    code: "CARRIER-A",
    name: "Carrier A wholesale",
    description: "Buy prices of carrier-a (cheaper in the UK and Europe), per-second billing.",
    kind: "buy",
    currency_code: "GBP",
    decimals: 6,
    rounding: "half_up",
    direction: "outbound",
    carrier: "carrier-a",
    filename: "carrier-a.csv",
    rows: () => carrierRows(retailRows(), "carrier-a"),
  },
  {
    code: "CARRIER-B",
    name: "Carrier B wholesale",
    description: "Buy prices of carrier-b (cheaper in the Americas and Asia-Pacific), 6/6 billing.",
    kind: "buy",
    currency_code: "GBP",
    decimals: 6,
    rounding: "half_up",
    direction: "outbound",
    carrier: "carrier-b",
    filename: "carrier-b.csv",
    rows: () => carrierRows(retailRows(), "carrier-b"),
  },
  {
    code: "RETAIL-USD",
    name: "Retail USD",
    description: "Outbound prices for tenants billed in US dollars.",
    kind: "sell",
    currency_code: "USD",
    decimals: 4,
    rounding: "half_up",
    direction: "outbound",
    filename: "retail-usd.csv",
    rows: () => regionalRows(retailRows(), { detail: [], per_gbp: USD_PER_GBP, card: "RETAIL-USD" }),
  },
  {
    code: "TOLLFREE-IN-USD",
    name: "Toll-free inbound USD",
    description: "Toll-free inbound prices for tenants billed in US dollars.",
    kind: "sell",
    currency_code: "USD",
    decimals: 4,
    rounding: "half_up",
    direction: "inbound",
    filename: "tollfree-in-usd.csv",
    rows: () => convertRows(tollFreeRows(), USD_PER_GBP),
  },
  {
    code: "RETAIL-AUD",
    name: "Retail AUD",
    description: "Outbound prices for tenants billed in Australian dollars, Australia in detail.",
    kind: "sell",
    currency_code: "AUD",
    decimals: 4,
    rounding: "half_up",
    direction: "outbound",
    filename: "retail-aud.csv",
    rows: () => regionalRows(retailRows(), { detail: ["AU"], per_gbp: AUD_PER_GBP, card: "RETAIL-AUD" }),
  },
  {
    code: "TOLLFREE-IN-AUD",
    name: "Toll-free inbound AUD",
    description: "Toll-free inbound prices for tenants billed in Australian dollars.",
    kind: "sell",
    currency_code: "AUD",
    decimals: 4,
    rounding: "half_up",
    direction: "inbound",
    filename: "tollfree-in-aud.csv",
    rows: () => convertRows(tollFreeRows(), AUD_PER_GBP),
  },
]

export type DemoTenant = {
  code: string
  name: string
  email: string
  first_name: string
  last_name: string
  phone: string
  currency_code: string
  timezone: string
  country_code: string
  international_prefix: string
  trunk_prefix: string
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    code: "ACME",
    name: "Acme Contact Centre Ltd",
    email: "billing@acme-contact.example",
    first_name: "Alice",
    last_name: "Hart",
    phone: "+442079460000",
    currency_code: "GBP",
    timezone: "Europe/London",
    country_code: "44",
    international_prefix: "00",
    trunk_prefix: "0",
  },
  {
    code: "SUNRISE",
    name: "Sunrise Support Inc",
    email: "ap@sunrise-support.example",
    first_name: "Sam",
    last_name: "Rivera",
    phone: "+12125550100",
    currency_code: "USD",
    timezone: "America/New_York",
    country_code: "1",
    international_prefix: "011",
    // NANP has no trunk prefix: a national number is dialled as 1 + area code
    trunk_prefix: "1",
  },
  {
    code: "KOALA",
    name: "Koala Callers Pty Ltd",
    email: "accounts@koala-callers.example",
    first_name: "Kylie",
    last_name: "Nguyen",
    phone: "+61255500100",
    currency_code: "AUD",
    timezone: "Australia/Sydney",
    country_code: "61",
    international_prefix: "0011",
    trunk_prefix: "0",
  },
]

export type DemoAssignment = {
  scope: "system" | "account" | "override"
  /** tenant code; none for the system default */
  account?: string
  direction: "outbound" | "inbound"
  card: string
  priority?: number
}

/** Which card rates whose calls (RATING.md §3.1); every tenant's cards are in its currency. */
export const DEMO_ASSIGNMENTS: DemoAssignment[] = [
  { scope: "system", direction: "outbound", card: "RETAIL-2026" },
  { scope: "system", direction: "inbound", card: "TOLLFREE-IN" },
  { scope: "override", account: "ACME", direction: "outbound", card: "ACME-VIP", priority: 0 },
  { scope: "account", account: "SUNRISE", direction: "outbound", card: "RETAIL-USD" },
  { scope: "account", account: "SUNRISE", direction: "inbound", card: "TOLLFREE-IN-USD" },
  { scope: "account", account: "KOALA", direction: "outbound", card: "RETAIL-AUD" },
  { scope: "account", account: "KOALA", direction: "inbound", card: "TOLLFREE-IN-AUD" },
]
