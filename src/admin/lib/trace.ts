/**
 * Plain-words explanations of a rated call, and exact decimal arithmetic for
 * margins. Pure: strings and BigInt only, never floats on money.
 */
import type { LcrEntry, RateResult } from "./types"

/** What the user asked to rate (as typed, before normalisation). */
export type TraceInput = {
  number: string
  billsec: number
  direction?: "outbound" | "inbound"
  disposition?: string
}

/** An exact decimal: value × 10^-scale. */
export type Scaled = { value: bigint; scale: number }

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/

/**
 * Parses a decimal string exactly; null when it is not a plain decimal.
 *
 * @example
 * parseDecimal("0.0320") // { value: 320n, scale: 4 }
 */
export function parseDecimal(s: string | null | undefined): Scaled | null {
  if (s === null || s === undefined) return null
  const m = DECIMAL.exec(String(s).trim())
  if (!m) return null
  const frac = m[3] ?? ""
  const abs = BigInt(m[2] + frac)
  return { value: m[1] === "-" ? -abs : abs, scale: frac.length }
}

/**
 * Formats a scaled value with exactly `scale` decimals.
 *
 * @example
 * formatScaled(-5n, 4) // "-0.0005"
 */
export function formatScaled(value: bigint, scale: number): string {
  const neg = value < 0n
  const digits = (neg ? -value : value).toString().padStart(scale + 1, "0")
  const int = digits.slice(0, digits.length - scale)
  const frac = scale > 0 ? "." + digits.slice(digits.length - scale) : ""
  return (neg ? "-" : "") + int + frac
}

/**
 * a − b exactly, at the larger of the two scales; null if either is not a decimal.
 *
 * @example
 * subtractDecimals("0.0320", "0.012") // "0.0200"
 */
export function subtractDecimals(a: string | null | undefined, b: string | null | undefined): string | null {
  const x = parseDecimal(a)
  const y = parseDecimal(b)
  if (x === null || y === null) return null
  const s = Math.max(x.scale, y.scale)
  const diff = x.value * 10n ** BigInt(s - x.scale) - y.value * 10n ** BigInt(s - y.scale)
  return formatScaled(diff, s)
}

/** True when a decimal string is exactly zero (or absent). */
export function isZeroDecimal(s: string | null | undefined): boolean {
  const d = parseDecimal(s)
  return d === null || d.value === 0n
}

/**
 * Margin of a sell charge over a carrier's cost, exact; null across currencies.
 *
 * @example
 * marginOf({ charge: "0.0320", currency: "GBP" }, { cost: "0.0100", currency: "GBP" }) // "0.0220"
 */
export function marginOf(
  sell: { charge?: string | null; currency?: string | null },
  buy: Pick<LcrEntry, "cost" | "currency">
): string | null {
  if (!sell.charge || !sell.currency || sell.currency !== buy.currency) return null
  return subtractDecimals(sell.charge, buy.cost)
}

const REASONS: Record<string, string> = {
  unknown_account: "unknown account",
  invalid_number: "invalid number",
  invalid_record: "invalid call record",
  no_rate: "no rate",
  duplicate: "duplicate call",
  out_of_policy: "out of policy",
}

function increments(t: { initial_increment: number; subsequent_increment: number; grace: number }): string {
  const g = t.grace > 0 ? `, grace ${t.grace} s` : ""
  return `(${t.initial_increment}/${t.subsequent_increment}${g})`
}

/**
 * The rating of one call in plain words, with the arithmetic that produced
 * the charge (rate × seconds/60 + fees), every amount as the API's exact string.
 *
 * @example
 * describeTrace({ number: "+44 7700 900123", billsec: 61 }, result)
 * // '+44 7700 900123 matched 447 "United Kingdom - Mobile" in card "Retail 2026" v3, band peak;
 * //  61 s billed as 66 s (30/6); 0.0200 × 66/60 + connect 0.0100 = 0.0320 GBP'
 */
export function describeTrace(input: TraceInput, result: RateResult): string {
  const number = input.number.trim() || result.number || ""
  if (result.status === "exception") {
    const detail = result.detail ?? ""
    const reason = result.reason ? REASONS[result.reason] ?? result.reason.replace(/_/g, " ") : "not rated"
    // The engine's no_rate detail already reads "no rate for …".
    if (detail.toLowerCase().startsWith(reason)) return detail
    return detail ? `${reason}: ${detail}` : `${reason} for ${number}`
  }

  const charge = `${result.charge ?? "0"}${result.currency ? " " + result.currency : ""}`
  const t = result.trace
  const answered =
    !input.disposition || input.disposition.trim() === "" || input.disposition.trim().toUpperCase() === "ANSWERED"

  if (!t) {
    const why = answered ? `${input.billsec} s` : `not answered (${input.disposition})`
    return `${number}: ${why}, no card lookup; charged ${charge}`
  }

  const dest = t.destination ? ` "${t.destination}"` : ""
  const matched = `${number} matched ${t.prefix}${dest} in card "${t.card}" v${t.version}, band ${t.band}`

  if (!answered || input.billsec === 0) {
    const what = answered ? "0 s" : `not answered (${input.disposition})`
    const fee = isZeroDecimal(result.charge) ? "nothing billed" : `connect fee only`
    return `${matched}; ${what}, ${fee} = ${charge}`
  }

  const fees: string[] = []
  if (!isZeroDecimal(t.connect_fee)) fees.push(`connect ${t.connect_fee}`)
  if (!isZeroDecimal(t.per_call)) fees.push(`per call ${t.per_call}`)

  if (result.rated_seconds === 0) {
    return `${matched}; ${input.billsec} s within grace ${t.grace} s, not billed = ${charge}`
  }

  const billed = `${input.billsec} s billed as ${result.rated_seconds} s ${increments(t)}`
  const sum = [`${t.rate} × ${result.rated_seconds}/60`, ...fees].join(" + ")
  return `${matched}; ${billed}; ${sum} = ${charge}`
}

/**
 * One LCR entry in words.
 *
 * @example
 * describeCarrier(entry) // 'Carrier A: 447 on "Carrier A 2026", band peak, 0.0100/min → 0.0110 GBP for 66 s'
 */
export function describeCarrier(e: LcrEntry): string {
  const who = e.carrier ?? e.card
  return `${who}: ${e.prefix} on "${e.card}", band ${e.band}, ${e.rate}/min → ${e.cost} ${e.currency} for ${e.rated_seconds} s`
}

/** A stored call as the usage API returns it, with the rate row it matched (field names as loose as the API's). */
export type StoredCall = {
  callee?: string | null
  number?: string | null
  billsec: number
  disposition?: string | null
  rated_seconds: number
  charge: string
  currency: string
  cost?: string | null
  cost_currency?: string | null
  carrier?: string | null
  trace?: {
    card?: string | null
    card_name?: string | null
    card_code?: string | null
    card_id?: string | null
    version?: number | null
    version_number?: number | null
    prefix?: string | null
    destination?: string | null
    destination_group?: string | null
    band?: string | null
    rate?: string | null
    connect_fee?: string | null
    per_call?: string | null
    initial_increment?: number | null
    subsequent_increment?: number | null
    grace?: number | null
    cost?: string | null
    cost_currency?: string | null
    carrier?: string | null
    [key: string]: unknown
  } | null
}

/**
 * A stored call's rating in plain words: the same sentence as a simulated
 * call (describeTrace), then what the carrier cost, when known.
 *
 * @example
 * describeStoredCall({ callee: "+44 20 7946 0018", billsec: 61, rated_seconds: 120, charge: "0.0200",
 *   currency: "USD", cost: "0.0120", carrier: "carrier-a",
 *   trace: { card: "Browser sell card", version: 1, prefix: "4420", destination: "London", band: "peak",
 *            rate: "0.0100", connect_fee: "0", per_call: "0", initial_increment: 60, subsequent_increment: 60, grace: 0 } })
 * // '+44 20 7946 0018 matched 4420 "London" in card "Browser sell card" v1, band peak;
 * //  61 s billed as 120 s (60/60); 0.0100 × 120/60 = 0.0200 USD; cost 0.0120 USD (carrier-a)'
 */
export function describeStoredCall(call: StoredCall): string {
  const input: TraceInput = {
    number: call.callee ?? call.number ?? "",
    billsec: call.billsec,
    disposition: call.disposition ?? undefined,
  }
  const t = call.trace
  const card = t ? t.card ?? t.card_name ?? t.card_code ?? t.card_id ?? null : null
  const result: RateResult = {
    status: "rated",
    number: call.number ?? undefined,
    rated_seconds: call.rated_seconds,
    charge: call.charge,
    currency: call.currency,
    trace:
      t && card && t.prefix
        ? {
            card_id: t.card_id ?? "",
            card,
            version_id: "",
            version: Number(t.version ?? t.version_number ?? 0),
            row_id: "",
            prefix: t.prefix,
            destination: t.destination ?? null,
            destination_group: t.destination_group ?? null,
            // a row for any band stores ""
            band: t.band || "any",
            rate: t.rate ?? "",
            connect_fee: t.connect_fee ?? "0",
            per_call: t.per_call ?? "0",
            initial_increment: Number(t.initial_increment ?? 1),
            subsequent_increment: Number(t.subsequent_increment ?? 1),
            grace: Number(t.grace ?? 0),
          }
        : null,
  }
  // The rate row is gone (e.g. a deleted version): say what was stored, without the arithmetic.
  let sentence: string
  if (result.trace && !t?.rate) {
    const r = result.trace
    const dest = r.destination ? ` "${r.destination}"` : ""
    sentence = `${input.number} matched ${r.prefix}${dest} in card "${r.card}" v${r.version}, band ${r.band}; ${call.billsec} s billed as ${call.rated_seconds} s = ${call.charge} ${call.currency}`
  } else {
    sentence = describeTrace(input, result)
  }
  const cost = call.cost ?? t?.cost
  if (cost !== null && cost !== undefined && cost !== "") {
    const currency = call.cost_currency ?? t?.cost_currency ?? ""
    const who = call.carrier ?? t?.carrier
    sentence += `; cost ${cost}${currency ? " " + currency : ""}${who ? ` (${who})` : ""}`
  }
  return sentence
}
