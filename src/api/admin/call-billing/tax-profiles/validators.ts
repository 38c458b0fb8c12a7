import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import Decimal from "decimal.js"
import { decimalString, findParams, stringList } from "../../../utils/validators"

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, "must be 1–32 characters A–Z, a–z, 0–9, _ and - (e.g. vat or cgst)")
const name = z.string().trim().min(1).max(100)
/** stored in canonical form: "0.20" → "0.2" */
const canonical = (v: string) => new Decimal(v).toFixed()
/** A decimal, or null when malformed (already reported by decimalString: zod runs every check). */
const dec = (v: unknown) => {
  try {
    return new Decimal(String(v))
  } catch {
    return null
  }
}

const component = z
  .object({
    code,
    name,
    rate: decimalString(6)
      .refine((v) => !dec(v)?.gte(1), 'must be below 1: a fraction, "0.2" is 20 %')
      .transform(canonical),
  })
  .strict()

const surcharge = z
  .object({
    code,
    name,
    percent: decimalString(6)
      .refine((v) => !dec(v)?.gt(100), 'must be at most 100: a percentage, "2.5" is 2.5 %')
      .transform(canonical)
      .nullish(),
    per_minute: decimalString(6).transform(canonical).nullish(),
    taxable: z.boolean({ error: "must be true or false: whether tax is charged on the surcharge" }),
  })
  .strict()
  .refine((s) => (s.percent != null) !== (s.per_minute != null), {
    message: "exactly one of percent and per_minute is required",
  })

/** Codes are unique within a list (they name the invoice's tax and surcharge lines). */
const uniqueCodes = <T extends { code: string }>(list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>()
  list.forEach((c, i) => {
    if (seen.has(c.code)) {
      ctx.addIssue({ code: "custom", message: `"${c.code}" appears twice; codes are unique in the profile`, path: [i, "code"] })
    }
    seen.add(c.code)
  })
}

const profileFields = {
  code: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  inclusive: z.boolean().optional(),
  exempt: z.boolean().optional(),
  reverse_charge: z.boolean().optional(),
  note: z.string().trim().max(2000).nullish(),
  components: z.array(component).superRefine(uniqueCodes).optional(),
  surcharges: z.array(surcharge).superRefine(uniqueCodes).nullish(),
}

/** The same rules the workflow checks on the stored result (create-tax-profiles.ts), here with their paths. */
const consistent = (p: z.infer<z.ZodObject<typeof profileFields>>, ctx: z.RefinementCtx) => {
  if (p.exempt && p.reverse_charge) {
    ctx.addIssue({ code: "custom", message: "a profile is either exempt or reverse charge, not both", path: ["reverse_charge"] })
  }
  if ((p.exempt || p.reverse_charge) && !p.note) {
    ctx.addIssue({
      code: "custom",
      message: `is required when the profile is ${p.exempt ? "exempt" : "reverse charge"} (the legal text the invoice prints)`,
      path: ["note"],
    })
  }
  if (!p.exempt && !p.reverse_charge && !p.components?.length) {
    ctx.addIssue({
      code: "custom",
      message: "at least one tax rate is required unless the profile is exempt or reverse charge",
      path: ["components"],
    })
  }
}

export const AdminCreateTaxProfile = z.object(profileFields).strict().superRefine(consistent)
export type AdminCreateTaxProfileType = z.infer<typeof AdminCreateTaxProfile>

// partial: the workflow checks the rules on the profile as it will be stored
export const AdminUpdateTaxProfile = z
  .object({
    ...profileFields,
    code: profileFields.code.optional(),
    name: profileFields.name.optional(),
  })
  .strict()
export type AdminUpdateTaxProfileType = z.infer<typeof AdminUpdateTaxProfile>

export const AdminGetTaxProfileParams = createSelectParams()
export const AdminGetTaxProfilesParams = findParams({ limit: 20 }).merge(
  z.object({
    q: z.string().optional(),
    id: stringList.optional(),
    code: stringList.optional(),
  })
)
