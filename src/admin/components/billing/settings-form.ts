/**
 * An account's billing settings drawer, pure: form text from the account,
 * the server's checks (billing-accounts/validators.ts) and the body.
 * Money stays a decimal string; day counts are plain integers.
 */
import type { AccountBilling, AccountBillingInput } from "./types"
import { addressForm, addressProblems, toAddress, type AddressForm } from "./entity-form"
import { decimalOrEmpty, isDecimal, type Problem } from "./format"

export type SettingsForm = {
  entity_id: string
  tax_profile_id: string
  payment_mode: "prepaid" | "postpaid"
  credit_limit: string
  low_balance_threshold: string
  invoicing_floor: string
  net_days: string
  anchor_day: string
  grace_minutes: string
  auto_finalize: boolean
  late_usage: "debit_note" | "next_period"
  tax_id: string
  address: AddressForm
}

/**
 * The account's settings as form text (the API's defaults where a value is absent).
 *
 * @example
 * fromAccount({ ...account, net_days: 14, credit_limit: null }).credit_limit // ""
 */
export function fromAccount(a: Partial<AccountBilling>): SettingsForm {
  return {
    entity_id: a.entity_id ?? "",
    tax_profile_id: a.tax_profile_id ?? "",
    payment_mode: a.payment_mode ?? "postpaid",
    credit_limit: decimalOrEmpty(a.credit_limit),
    low_balance_threshold: decimalOrEmpty(a.low_balance_threshold),
    invoicing_floor: decimalOrEmpty(a.invoicing_floor ?? "0"),
    net_days: String(a.net_days ?? 30),
    anchor_day: String(a.anchor_day ?? 1),
    grace_minutes: String(a.grace_minutes ?? 60),
    auto_finalize: !!a.auto_finalize,
    late_usage: a.late_usage ?? "debit_note",
    tax_id: a.tax_id ?? "",
    address: addressForm(a.address),
  }
}

const int = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max

/**
 * The server's checks, with paths.
 *
 * @example
 * validateSettings({ ...fromAccount({}), anchor_day: "31" })
 * // [{ path: "anchor_day", key: "range", values: { min: 1, max: 28 } }]
 */
export function validateSettings(f: SettingsForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, key: string, values?: Problem["values"]) => out.push({ path, key, ...(values ? { values } : {}) })
  if (!int(f.anchor_day, 1, 28)) add("anchor_day", "range", { min: 1, max: 28 })
  if (!int(f.net_days, 0, 365)) add("net_days", "range", { min: 0, max: 365 })
  if (!int(f.grace_minutes, 0, 7 * 24 * 60)) add("grace_minutes", "range", { min: 0, max: 7 * 24 * 60 })
  if (!isDecimal(f.invoicing_floor || "0")) add("invoicing_floor", "decimal")
  if (f.credit_limit.trim() && !isDecimal(f.credit_limit)) add("credit_limit", "decimal")
  if (f.low_balance_threshold.trim() && !isDecimal(f.low_balance_threshold)) add("low_balance_threshold", "decimal")
  if (f.tax_id.trim().length > 64) add("tax_id", "tooLong", { max: 64 })
  out.push(...addressProblems(f.address, "address"))
  return out
}

/**
 * The body for POST /billing-accounts/:id. Blank choices and limits are null
 * (no entity, no credit limit); a blank floor is 0.
 *
 * @example
 * toSettingsInput({ ...fromAccount({}), credit_limit: "", anchor_day: "5" })
 * // { entity_id: null, tax_profile_id: null, payment_mode: "postpaid", credit_limit: null, low_balance_threshold: null,
 * //   invoicing_floor: "0", net_days: 30, anchor_day: 5, grace_minutes: 60, auto_finalize: false,
 * //   late_usage: "debit_note", tax_id: null, address: null }
 */
export function toSettingsInput(f: SettingsForm): AccountBillingInput {
  return {
    entity_id: f.entity_id || null,
    tax_profile_id: f.tax_profile_id || null,
    payment_mode: f.payment_mode,
    credit_limit: f.credit_limit.trim() || null,
    low_balance_threshold: f.low_balance_threshold.trim() || null,
    invoicing_floor: f.invoicing_floor.trim() || "0",
    net_days: Number(f.net_days),
    anchor_day: Number(f.anchor_day),
    grace_minutes: Number(f.grace_minutes),
    auto_finalize: f.auto_finalize,
    late_usage: f.late_usage,
    tax_id: f.tax_id.trim() || null,
    address: toAddress(f.address),
  }
}
