import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { currencyCode, findParams, stringList } from "../../../utils/validators"

/** 1–12 of A–Z, 0–9 and "-", a letter or digit at each end (numbers read PREFIX-YYYY-NNNNNN). */
const prefix = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$/.test(v), {
    message: "must be 1–12 characters A–Z, 0–9 and -, beginning and ending with a letter or digit (e.g. INV or ACME-UK)",
  })

const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour #rrggbb such as #1f2937")
  .transform((v) => v.toLowerCase())

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => {
    try {
      const u = new URL(v)
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname
    } catch {
      return false
    }
  }, "must be an http(s) URL such as https://cdn.example.com/logo.png")

const text = (max: number) => z.string().trim().max(max)

const address = z
  .object({
    line1: text(200).min(1),
    line2: text(200).nullish(),
    city: text(100).min(1),
    postal_code: text(20).nullish(),
    region: text(100).nullish(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 country code such as GB")
      .transform((v) => v.toUpperCase()),
  })
  .strict()
  // every key, null when absent: an update merges stored JSON objects key by key, so this replaces the address whole
  .transform((a) => ({
    line1: a.line1,
    line2: a.line2 ?? null,
    city: a.city,
    postal_code: a.postal_code ?? null,
    region: a.region ?? null,
    country: a.country,
  }))

/** Taken by finalizing documents only; an admin never sets them. */
const readOnly = z.undefined({ error: "is read-only: numbers are taken when documents are finalized" }).optional()

const entityFields = {
  code: text(64).min(1),
  legal_name: text(200).min(1),
  address: address.nullish(),
  tax_id: text(64).nullish(),
  email: z.string().trim().email().nullish(),
  currency_code: currencyCode,
  invoice_prefix: prefix,
  credit_note_prefix: prefix,
  logo_url: httpUrl.nullish(),
  primary_color: color.optional(),
  accent_color: color.optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  next_invoice_number: readOnly,
  next_credit_note_number: readOnly,
  sequence_year: readOnly,
}

const distinctPrefixes = (b: { invoice_prefix?: string; credit_note_prefix?: string }) =>
  !b.invoice_prefix || b.invoice_prefix !== b.credit_note_prefix

const distinctPrefixesMessage = {
  message: "must differ from invoice_prefix, or invoices and credit notes would share numbers",
  path: ["credit_note_prefix"],
}

export const AdminCreateIssuingEntity = z
  .object(entityFields)
  .strict()
  .refine(distinctPrefixes, distinctPrefixesMessage)
export type AdminCreateIssuingEntityType = z.infer<typeof AdminCreateIssuingEntity>

export const AdminUpdateIssuingEntity = z
  .object({
    ...entityFields,
    code: entityFields.code.optional(),
    legal_name: entityFields.legal_name.optional(),
    currency_code: currencyCode.optional(),
    invoice_prefix: prefix.optional(),
    credit_note_prefix: prefix.optional(),
  })
  .strict()
  .refine(distinctPrefixes, distinctPrefixesMessage)
export type AdminUpdateIssuingEntityType = z.infer<typeof AdminUpdateIssuingEntity>

export const AdminGetIssuingEntityParams = createSelectParams()
export const AdminGetIssuingEntitiesParams = findParams({ limit: 20 }).merge(
  z.object({
    q: z.string().optional(),
    id: stringList.optional(),
    code: stringList.optional(),
  })
)
