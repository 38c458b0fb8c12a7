import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import Decimal from "decimal.js"
import { currencyCode, findParams, isoDate, stringList } from "../../../utils/validators"

/**
 * Units of quote per unit of base: > 0, at most 10 decimals and 10 integer
 * digits (20 significant digits, what a stored bigNumber keeps exactly).
 */
const fxRate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d{1,10}(\.\d{1,10})?$/.test(v) && new Decimal(v).gt(0), {
    message: 'must be a decimal above 0 with at most 10 decimals, as a string (e.g. "1.1642")',
  })
  .transform((v) => new Decimal(v).toFixed())

export const AdminCreateFxRate = z
  .object({
    base: currencyCode,
    quote: currencyCode,
    rate: fxRate,
    effective_from: isoDate,
  })
  .strict()
  .refine((r) => r.base !== r.quote, { message: "must differ from base", path: ["quote"] })
export type AdminCreateFxRateType = z.infer<typeof AdminCreateFxRate>

const currencies = stringList.transform((list) => list.map((c) => c.toUpperCase()))

export const AdminGetFxRateParams = createSelectParams()
export const AdminGetFxRatesParams = findParams({ limit: 50, order: "-effective_from" }).merge(
  z.object({
    id: stringList.optional(),
    base: currencies.optional(),
    quote: currencies.optional(),
  })
)
