/**
 * Flat, graduated (tiered) and volume pricing of a period quantity
 * (BILLING.md §3, RATING.md §6). Amounts are exact; the invoice line rounds.
 */
import { BillingCalcError } from "./errors"
import { Dec, dec, decNonNegative, str } from "./decimal"
import type { DecimalString, PricedQuantity, PricingModel, Tier, TierPart } from "./types"

/** Tiers parsed once: bounds ascending, the last one ∞. */
type ParsedTier = { up_to: Dec | null; price: Dec; raw: Tier }

/**
 * Parses and checks tiers: non-empty, `up_to` > 0 strictly ascending, only
 * the last null, prices ≥ 0. Internal (keeps decimal.js values).
 *
 * @example
 * parseTiers([{ up_to: "100", price: "0.1" }, { up_to: null, price: "0.05" }]).length // 2
 * parseTiers([{ up_to: "100", price: "0.1" }]) // throws: the last tier must be unbounded
 */
export function parseTiers(tiers: Tier[], field = "tiers"): ParsedTier[] {
  if (!Array.isArray(tiers) || tiers.length === 0) throw new BillingCalcError(`${field}: at least one tier is needed`)
  let prev: Dec = new Dec(0)
  return tiers.map((t, i) => {
    const last = i === tiers.length - 1
    const price = decNonNegative(t?.price, `${field}[${i}].price`)
    if (t.up_to === null || t.up_to === undefined) {
      if (!last) throw new BillingCalcError(`${field}[${i}].up_to: only the last tier may be unbounded`)
      return { up_to: null, price, raw: t }
    }
    if (last) throw new BillingCalcError(`${field}[${i}].up_to: the last tier must be unbounded (null)`)
    const up = dec(t.up_to, `${field}[${i}].up_to`)
    if (!up.gt(prev)) throw new BillingCalcError(`${field}[${i}].up_to: ${t.up_to} must be above ${str(prev)}`)
    prev = up
    return { up_to: up, price, raw: t }
  })
}

/**
 * Index of the tier a quantity reaches: the first with `q ≤ up_to`. Internal.
 *
 * @example
 * volumeTierIndex(new Dec(100), parseTiers([{ up_to: "100", price: "1" }, { up_to: null, price: "0.5" }])) // 0
 */
export function volumeTierIndex(q: Dec, tiers: ParsedTier[]): number {
  const i = tiers.findIndex((t) => t.up_to === null || q.lte(t.up_to))
  return i < 0 ? tiers.length - 1 : i
}

function quantityOf(quantity: DecimalString): Dec {
  return decNonNegative(quantity, "quantity")
}

/**
 * Graduated price of a parsed quantity with each tier's part. Internal.
 *
 * @example
 * graduatedParts(new Dec(150), parseTiers([{ up_to: "100", price: "1" }, { up_to: null, price: "0.5" }])).amount // 125
 */
export function graduatedParts(q: Dec, tiers: ParsedTier[]): { amount: Dec; parts: TierPart[] } {
  let amount = new Dec(0)
  const parts: TierPart[] = []
  let from = new Dec(0)
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]
    if (q.lte(from)) break
    const top = t.up_to === null ? q : Dec.min(q, t.up_to)
    const inTier = top.minus(from)
    const part = inTier.mul(t.price)
    amount = amount.plus(part)
    parts.push({
      tier: i,
      from: str(from),
      up_to: t.raw.up_to,
      quantity: str(inTier),
      price: str(t.price),
      amount: str(part),
    })
    if (t.up_to === null) break
    from = t.up_to
  }
  return { amount, parts }
}

/**
 * Graduated (tiered) price: `Σ (min(q, up_to_i) − up_to_{i−1})⁺ × p_i`, with
 * each tier's part for the invoice.
 *
 * @example
 * graduatedPrice("600", [
 *   { up_to: "100", price: "0.10" }, { up_to: "500", price: "0.08" }, { up_to: null, price: "0.05" },
 * ]).amount // "47" (100 × 0.10 + 400 × 0.08 + 100 × 0.05)
 */
export function graduatedPrice(quantity: DecimalString, tiers: Tier[]): PricedQuantity {
  const q = quantityOf(quantity)
  const { amount, parts } = graduatedParts(q, parseTiers(tiers))
  return { pricing: "tiered", quantity: str(q), amount: str(amount), unit_price: null, parts }
}

/**
 * Volume price: the whole quantity at the price of the first tier with
 * `q ≤ up_to` (bounds are inclusive).
 *
 * @example
 * volumePrice("500", [
 *   { up_to: "100", price: "0.10" }, { up_to: "500", price: "0.08" }, { up_to: null, price: "0.05" },
 * ]).amount // "40" (500 × 0.08)
 */
export function volumePrice(quantity: DecimalString, tiers: Tier[]): PricedQuantity {
  const q = quantityOf(quantity)
  const parsed = parseTiers(tiers)
  const i = volumeTierIndex(q, parsed)
  const t = parsed[i]
  const amount = q.mul(t.price)
  return {
    pricing: "volume",
    quantity: str(q),
    amount: str(amount),
    unit_price: str(t.price),
    parts: [{ tier: i, from: "0", up_to: t.raw.up_to, quantity: str(q), price: str(t.price), amount: str(amount) }],
  }
}

/**
 * Flat price: quantity × price.
 *
 * @example
 * flatPrice("12.5", "0.04").amount // "0.5"
 */
export function flatPrice(quantity: DecimalString, price: DecimalString): PricedQuantity {
  const q = quantityOf(quantity)
  const p = decNonNegative(price, "price")
  const amount = q.mul(p)
  return {
    pricing: "flat",
    quantity: str(q),
    amount: str(amount),
    unit_price: str(p),
    parts: [{ tier: 0, from: "0", up_to: null, quantity: str(q), price: str(p), amount: str(amount) }],
  }
}

/**
 * Prices a quantity with a component's pricing model (`flat` needs `price`,
 * `tiered` and `volume` need `tiers`).
 *
 * @example
 * priceQuantity("tiered", "150", { tiers: [{ up_to: "100", price: "0" }, { up_to: null, price: "0.02" }] }).amount
 * // "1" (50 × 0.02)
 */
export function priceQuantity(
  pricing: PricingModel,
  quantity: DecimalString,
  prices: { price?: DecimalString | null; tiers?: Tier[] | null }
): PricedQuantity {
  switch (pricing) {
    case "flat":
      if (prices.price === null || prices.price === undefined) throw new BillingCalcError("flat pricing needs a price")
      return flatPrice(quantity, prices.price)
    case "tiered":
      return graduatedPrice(quantity, prices.tiers as Tier[])
    case "volume":
      return volumePrice(quantity, prices.tiers as Tier[])
    default:
      throw new BillingCalcError(`pricing: "${String(pricing)}" is not flat, tiered or volume`)
  }
}
