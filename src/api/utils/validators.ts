import { z } from "@medusajs/framework/zod"
import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { IANAZone } from "luxon"
import { isoMinorUnit } from "../../modules/billing/calc/minor-units"
import { isLocalDate } from "../../modules/billing/calc/periods"

/** An exact decimal given as a string ("0.0125"); never parsed to a float. */
export const decimalString = (maxScale = 6) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => new RegExp(`^\\d+(\\.\\d{1,${maxScale}})?$`).test(v), {
      message: `must be a non-negative decimal with at most ${maxScale} decimals, as a string (e.g. "0.0125")`,
    })

/** A decimalString above zero (payments, allocations, top-ups): checked on the digits, never as a float. */
export const positiveDecimalString = (maxScale = 6) => decimalString(maxScale).refine((v) => !/^0*(\.0*)?$/.test(v), "must be more than 0")

/** ISO 4217 codes as Node knows them (Intl, full ICU). */
const ISO_CURRENCIES: ReadonlySet<string> = new Set((Intl as any).supportedValuesOf("currency"))

export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code such as GBP")
  .transform((v) => v.toUpperCase())
  .refine((v) => ISO_CURRENCIES.has(v), "is not an ISO 4217 currency code")
  // gold, SDR, test codes…: ISO gives them no minor unit, so nothing could be rounded to one
  .refine((v) => isoMinorUnit(v) !== null, "has no minor unit in ISO 4217 (a metal, SDR or test code), so it cannot bill")

/** An IANA zone, stored with its canonical spelling ("europe/london" → "Europe/London"). */
export const timezone = z
  .string()
  .refine((v) => IANAZone.isValidZone(v), {
    message: "must be an IANA time zone such as Europe/London",
  })
  .transform((v) => canonicalZone(v))

function canonicalZone(zone: string): string {
  const found = (Intl as any).supportedValuesOf("timeZone").find((z: string) => z.toLowerCase() === zone.toLowerCase())
  return found ?? zone
}

/** Paging for list routes: Medusa's find params, with offsets and limits bounded. */
export const findParams = (defaults: { limit: number; order?: string }) =>
  createFindParams({ limit: defaults.limit, offset: 0, order: defaults.order }).merge(
    z.object({
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(defaults.limit),
    })
  )

export const direction = z.enum(["outbound", "inbound"])

export const isoDate = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(v) && !isNaN(Date.parse(v)), {
    message: "must be an ISO 8601 date (2026-12-01, read as UTC) or date-time with Z or an offset (2026-12-01T00:00:00Z)",
  })
  .transform((v) => new Date(v))

/**
 * A calendar date "YYYY-MM-DD" that exists (2026-02-30 and 2026-13-45 do
 * not), with no time and no zone: the account's local date, turned into
 * instants with the account's time zone where it is used.
 */
export const localDate = z
  .string()
  .refine((v) => isLocalDate(v), { message: "must be a calendar date YYYY-MM-DD (the account's local date)" })

/** Comma-separated or repeated query values. */
export const stringList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))

/**
 * Wraps a schema so that every issue names its field ("currency_code: must
 * be an ISO 4217 code"), whatever kind of issue it is: Medusa's formatter
 * prints custom and format messages without their path.
 */
export function withFieldPaths<T extends z.ZodType>(schema: T) {
  return z.any().transform(async (value, ctx) => {
    const result = await schema.safeParseAsync(value)
    if (result.success) {
      return result.data as z.output<T>
    }
    for (const issue of result.error.issues) {
      const where = issue.path.length
        ? issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${String(p)}` : String(p))).join("")
        : "body"
      ctx.addIssue({ code: "custom", message: `${where}: ${issue.message}`, path: issue.path })
    }
    return z.NEVER
  })
}
