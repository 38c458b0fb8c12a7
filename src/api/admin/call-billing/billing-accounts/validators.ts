import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, decimalString, direction, findParams, localDate, positiveDecimalString, stringList, timezone } from "../../../utils/validators"

const digits = (what: string, max: number) =>
  z.string().regex(new RegExp(`^\\d{1,${max}}$`), `${what} must be 1–${max} digits`)

const accountFields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  email: z.string().email().nullish(),
  currency_code: currencyCode,
  timezone,
  country_code: digits("country_code", 4),
  international_prefix: digits("international_prefix", 4).optional(),
  trunk_prefix: z.string().regex(/^\d{0,2}$/, "trunk_prefix must be 0–2 digits").optional(),
  status: z.enum(["active", "suspended", "closed"]).optional(),
  // billing (BILLING.md §1, §4, §6)
  entity_id: z.string().min(1).nullish(),
  tax_profile_id: z.string().min(1).nullish(),
  billing_interval: z.enum(["month", "quarter", "half_year", "year"]).optional(),
  anchor_day: z.number().int().min(1, "anchor_day must be 1–28").max(28, "anchor_day must be 1–28").optional(),
  net_days: z.number().int().min(0).max(365).optional(),
  invoicing_floor: decimalString(6).optional(),
  grace_minutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
  auto_finalize: z.boolean().optional(),
  late_usage: z.enum(["debit_note", "next_period"]).optional(),
  payment_mode: z.enum(["prepaid", "postpaid"]).optional(),
  credit_limit: decimalString(6).nullish(),
  low_balance_threshold: decimalString(6).nullish(),
  /** prepaid: charge this saved Stripe card for `amount` when the wallet falls below `threshold` */
  auto_top_up: z
    .object({ threshold: decimalString(6), amount: decimalString(2), payment_method: z.string().min(1) })
    .strict()
    .nullish(),
  tax_id: z.string().trim().max(64).nullish(),
  address: z.record(z.string(), z.string().nullable()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateBillingAccount = z
  .object({ ...accountFields, customer_id: z.string().nullish() })
  .strict()
export type AdminCreateBillingAccountType = z.infer<typeof AdminCreateBillingAccount>

export const AdminUpdateBillingAccount = z
  .object({
    ...accountFields,
    code: accountFields.code.optional(),
    name: accountFields.name.optional(),
    currency_code: currencyCode.optional(),
    timezone: timezone.optional(),
    country_code: accountFields.country_code.optional(),
  })
  .strict()
export type AdminUpdateBillingAccountType = z.infer<typeof AdminUpdateBillingAccount>

export const AdminGetBillingAccountParams = createSelectParams()
export const AdminGetBillingAccountsParams = findParams({ limit: 20 }).merge(
  z.object({
    q: z.string().optional(),
    id: stringList.optional(),
    code: stringList.optional(),
    status: z.enum(["active", "suspended", "closed"]).optional(),
  })
)

export const AdminAssignAccountCard = z
  .object({
    scope: z.enum(["account", "override"]).default("account"),
    direction,
    rate_card_id: z.string().min(1),
    priority: z.number().int().min(0).optional(),
  })
  .strict()
export type AdminAssignAccountCardType = z.infer<typeof AdminAssignAccountCard>

export const AdminPostWalletEntry = z
  .object({
    type: z.enum(["top_up", "refund", "adjustment"]),
    /** top_up and refund: a positive amount; adjustment: signed */
    amount: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .refine((v) => /^-?\d+(\.\d{1,6})?$/.test(v) && !/^-?0+(\.0+)?$/.test(v), "must be a non-zero decimal with at most 6 decimals, as a string"),
    reference: z.string().trim().min(1).max(200).nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .strict()
  .refine((b) => b.type === "adjustment" || !b.amount.startsWith("-"), {
    message: "must be positive for a top-up or refund (a refund takes it off the wallet)",
    path: ["amount"],
  })
export type AdminPostWalletEntryType = z.infer<typeof AdminPostWalletEntry>

export const AdminGetWalletParams = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).optional(),
})
export type AdminGetWalletParamsType = z.infer<typeof AdminGetWalletParams>

const quantities = z.record(z.string(), z.union([z.string(), z.number()]))

export const AdminCreateSubscription = z
  .object({
    plan_id: z.string().min(1),
    start_date: localDate.optional(),
    quantities: quantities.optional(),
    trial_days: z.number().int().min(0).max(365).nullish(),
  })
  .strict()
export type AdminCreateSubscriptionType = z.infer<typeof AdminCreateSubscription>

export const AdminChangeSubscription = z
  .object({
    effective_date: localDate.optional(),
    quantities: quantities.optional(),
    plan_id: z.string().min(1).nullish(),
    note: z.string().max(500).nullish(),
  })
  .strict()
export type AdminChangeSubscriptionType = z.infer<typeof AdminChangeSubscription>

export const AdminCancelSubscription = z
  .object({
    at: z.union([z.enum(["period_end", "now"]), localDate]).default("period_end"),
    note: z.string().max(500).nullish(),
  })
  .strict()
export type AdminCancelSubscriptionType = z.infer<typeof AdminCancelSubscription>

export const AdminRecordPayment = z
  .object({
    amount: positiveDecimalString(6),
    method: z.enum(["bank_transfer", "card", "cash", "wallet", "other"]),
    reference: z.string().trim().min(1).max(200).nullish(),
    received_at: z.string().datetime({ offset: true }).or(localDate).nullish(),
    /** the account's currency decimals are checked where the account is known (BillingModuleService.recordPayment) */
    allocations: z
      .array(
        z
          .object({ invoice_id: z.string().min(1), amount: positiveDecimalString(6).nullish() })
          .strict()
      )
      .nullish(),
    note: z.string().max(500).nullish(),
  })
  .strict()
export type AdminRecordPaymentType = z.infer<typeof AdminRecordPayment>

/** `from` and `to` are the account's local dates, both inclusive: from 00:00 on `from` to the end of `to`. */
export const AdminGetStatementParams = z
  .object({
    from: localDate.optional(),
    to: localDate.optional(),
    format: z.enum(["json", "pdf"]).default("json"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] })
export type AdminGetStatementParamsType = z.infer<typeof AdminGetStatementParams>

export const AdminClosePeriods = z
  .object({ as_of: z.string().datetime({ offset: true }).optional() })
  .strict()
export type AdminClosePeriodsType = z.infer<typeof AdminClosePeriods>
