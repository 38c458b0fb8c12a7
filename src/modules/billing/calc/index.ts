/**
 * The pure invoice calculator (BILLING.md §1–§5, RATING.md §6): periods,
 * proration, tiers, minute bundles, invoice arithmetic and tax, payment
 * allocation and aging. No I/O and no Medusa imports; decimal strings in and
 * out. Rules the spec leaves open: docs/billing-notes.md.
 */
export * from "./types"
export { BillingCalcError } from "./errors"
export { isDecimalString } from "./decimal"
export {
  currencyDecimals,
  roundMoney,
  hasMoneyScale,
  moneyScaleError,
  sumDecimals,
  sumMoney,
  subtractDecimals,
  compareDecimals,
} from "./money"
export {
  INTERVAL_MONTHS,
  DEFAULT_GRACE_MINUTES,
  isLocalDate,
  assertLocalDate,
  assertPeriod,
  daysBetween,
  addDays,
  addMonths,
  periodContaining,
  nextPeriod,
  periodBoundsUtc,
  closesAt,
  localDateOf,
} from "./periods"
export { graduatedPrice, volumePrice, flatPrice, priceQuantity } from "./tiers"
export { prorationFraction, formatFraction, prorate, prorateMoney, type DayFraction } from "./proration"
export { BundleConsumer, includedSeconds, removalsByGroup, usageGroupKey } from "./bundles"
export { calculateInvoice, DEFAULT_REVERSE_CHARGE_NOTE, DEFAULT_EXEMPT_NOTE } from "./calculate-invoice"
export { agingBucket, allocatePayment } from "./aging"
