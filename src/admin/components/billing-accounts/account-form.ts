import type { BillingAccountInput } from "../../hooks/billing-accounts"
import { isIsoCurrency } from "../../lib/currency"

export type AccountFormValues = {
  code: string
  name: string
  email: string
  currency_code: string
  timezone: string
  country_code: string
  international_prefix: string
  trunk_prefix: string
}

export const emptyAccount: AccountFormValues = {
  code: "",
  name: "",
  email: "",
  currency_code: "",
  timezone: "",
  country_code: "",
  international_prefix: "00",
  trunk_prefix: "0",
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The same rules as the server's validator, checked before sending. */
export function validateAccount(v: AccountFormValues): string[] {
  const e: string[] = []
  if (!v.code.trim()) e.push("code is required")
  if (!v.name.trim()) e.push("name is required")
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.push("email is not an email address")
  if (!isIsoCurrency(v.currency_code)) e.push("currency_code must be an ISO 4217 code such as GBP")
  if (!v.timezone.trim() || !validZone(v.timezone.trim())) e.push("timezone must be an IANA time zone such as Europe/London")
  if (!/^\d{1,4}$/.test(v.country_code.trim())) e.push("country_code must be 1–4 digits")
  if (v.international_prefix.trim() && !/^\d{1,4}$/.test(v.international_prefix.trim()))
    e.push("international_prefix must be 1–4 digits")
  if (!/^\d{0,2}$/.test(v.trunk_prefix.trim())) e.push("trunk_prefix must be 0–2 digits")
  return e
}

export function toAccountInput(v: AccountFormValues, customerId?: string | null): BillingAccountInput {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    email: v.email.trim() || null,
    currency_code: v.currency_code.trim().toUpperCase(),
    timezone: v.timezone.trim(),
    country_code: v.country_code.trim(),
    ...(v.international_prefix.trim() ? { international_prefix: v.international_prefix.trim() } : {}),
    trunk_prefix: v.trunk_prefix.trim(),
    ...(customerId ? { customer_id: customerId } : {}),
  }
}
