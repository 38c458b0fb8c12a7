import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, direction, findParams, stringList, timezone } from "../../../utils/validators"

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
