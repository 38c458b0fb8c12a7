/**
 * The issuing entity drawer's model, pure: the server's checks
 * (entities/validators.ts) and the body. The address is all or nothing:
 * empty fields send `null`, any field asks for line 1, city and country.
 */
import { isIsoCurrency } from "../../lib/currency"
import type { IssuingEntity, IssuingEntityInput } from "./types"
import type { Problem } from "./format"

export const ADDRESS_FIELDS = ["line1", "line2", "city", "postal_code", "region", "country"] as const
export type AddressForm = Record<(typeof ADDRESS_FIELDS)[number], string>

export type EntityForm = {
  code: string
  legal_name: string
  tax_id: string
  email: string
  currency_code: string
  invoice_prefix: string
  credit_note_prefix: string
  logo_url: string
  primary_color: string
  accent_color: string
  address: AddressForm
}

/**
 * An address with every field blank (sent as no address).
 *
 * @example
 * toAddress(emptyAddress()) // null
 */
export const emptyAddress = (): AddressForm => ({ line1: "", line2: "", city: "", postal_code: "", region: "", country: "" })

/**
 * A new entity: prefixes INV and CN, no address.
 *
 * @example
 * emptyEntity().invoice_prefix // "INV"
 */
export function emptyEntity(): EntityForm {
  return {
    code: "",
    legal_name: "",
    tax_id: "",
    email: "",
    currency_code: "",
    invoice_prefix: "INV",
    credit_note_prefix: "CN",
    logo_url: "",
    primary_color: "",
    accent_color: "",
    address: emptyAddress(),
  }
}

/**
 * Any stored address (all keys optional) as form text.
 *
 * @example
 * addressForm({ line1: "1 Main St", country: "GB" }).city // ""
 */
export function addressForm(a: Partial<Record<string, unknown>> | null | undefined): AddressForm {
  const out = emptyAddress()
  for (const k of ADDRESS_FIELDS) out[k] = a?.[k] === null || a?.[k] === undefined ? "" : String(a[k])
  return out
}

/**
 * A stored entity as form text.
 *
 * @example
 * fromEntity({ ...entity, tax_id: null }).tax_id // ""
 */
export function fromEntity(e: IssuingEntity): EntityForm {
  return {
    code: e.code,
    legal_name: e.legal_name,
    tax_id: e.tax_id ?? "",
    email: e.email ?? "",
    currency_code: e.currency_code.toUpperCase(),
    invoice_prefix: e.invoice_prefix,
    credit_note_prefix: e.credit_note_prefix,
    logo_url: e.logo_url ?? "",
    primary_color: e.primary_color ?? "",
    accent_color: e.accent_color ?? "",
    address: addressForm(e.address),
  }
}

const PREFIX = /^[A-Z0-9](?:[A-Z0-9-]{0,10}[A-Z0-9])?$/
const COLOR = /^#[0-9a-fA-F]{6}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v)
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname
  } catch {
    return false
  }
}

/**
 * Address checks shared by entities and accounts: nothing, or line 1, city
 * and a two-letter country. `prefix` is the path of the address.
 *
 * @example
 * addressProblems({ ...emptyAddress(), city: "Leeds" }, "address")
 * // [{ path: "address.line1", key: "required" }, { path: "address.country", key: "country" }]
 */
export function addressProblems(a: AddressForm, prefix: string): Problem[] {
  if (ADDRESS_FIELDS.every((k) => !a[k].trim())) return []
  const out: Problem[] = []
  if (!a.line1.trim()) out.push({ path: `${prefix}.line1`, key: "required" })
  if (!a.city.trim()) out.push({ path: `${prefix}.city`, key: "required" })
  if (!/^[A-Za-z]{2}$/.test(a.country.trim())) out.push({ path: `${prefix}.country`, key: "country" })
  return out
}

/**
 * The address for the API: null when empty, else every key (null for blanks).
 *
 * @example
 * toAddress({ ...emptyAddress(), line1: "1 Main St", city: "Leeds", country: "gb" })
 * // { line1: "1 Main St", line2: null, city: "Leeds", postal_code: null, region: null, country: "GB" }
 */
export function toAddress(a: AddressForm): Record<(typeof ADDRESS_FIELDS)[number], string | null> | null {
  if (ADDRESS_FIELDS.every((k) => !a[k].trim())) return null
  const out = {} as Record<(typeof ADDRESS_FIELDS)[number], string | null>
  for (const k of ADDRESS_FIELDS) out[k] = a[k].trim() || null
  out.country = a.country.trim().toUpperCase()
  return out
}

/**
 * The server's checks, with paths.
 *
 * @example
 * validateEntity({ ...emptyEntity(), code: "uk", legal_name: "CC Ltd", currency_code: "GBP", credit_note_prefix: "INV" })
 * // [{ path: "credit_note_prefix", key: "samePrefix" }]
 */
export function validateEntity(f: EntityForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, key: string, values?: Problem["values"]) => out.push({ path, key, ...(values ? { values } : {}) })
  if (!f.code.trim()) add("code", "required")
  else if (f.code.trim().length > 64) add("code", "tooLong", { max: 64 })
  if (!f.legal_name.trim()) add("legal_name", "required")
  else if (f.legal_name.trim().length > 200) add("legal_name", "tooLong", { max: 200 })
  if (f.email.trim() && !EMAIL.test(f.email.trim())) add("email", "email")
  if (f.tax_id.trim().length > 64) add("tax_id", "tooLong", { max: 64 })
  if (!isIsoCurrency(f.currency_code)) add("currency_code", "currency")
  const inv = f.invoice_prefix.trim().toUpperCase()
  const cn = f.credit_note_prefix.trim().toUpperCase()
  if (!PREFIX.test(inv)) add("invoice_prefix", "prefix")
  if (!PREFIX.test(cn)) add("credit_note_prefix", "prefix")
  else if (inv === cn) add("credit_note_prefix", "samePrefix")
  if (f.logo_url.trim() && !isHttpUrl(f.logo_url.trim())) add("logo_url", "url")
  if (f.primary_color.trim() && !COLOR.test(f.primary_color.trim())) add("primary_color", "color")
  if (f.accent_color.trim() && !COLOR.test(f.accent_color.trim())) add("accent_color", "color")
  out.push(...addressProblems(f.address, "address"))
  return out
}

/**
 * The body for POST /entities (or /:id). Colours are left out when blank
 * (the server keeps its default); other blanks are null.
 *
 * @example
 * toEntityInput({ ...emptyEntity(), code: "uk", legal_name: "CC Ltd", currency_code: "gbp" }).currency_code // "GBP"
 */
export function toEntityInput(f: EntityForm): IssuingEntityInput {
  return {
    code: f.code.trim(),
    legal_name: f.legal_name.trim(),
    tax_id: f.tax_id.trim() || null,
    email: f.email.trim() || null,
    currency_code: f.currency_code.trim().toUpperCase(),
    invoice_prefix: f.invoice_prefix.trim().toUpperCase(),
    credit_note_prefix: f.credit_note_prefix.trim().toUpperCase(),
    logo_url: f.logo_url.trim() || null,
    ...(f.primary_color.trim() ? { primary_color: f.primary_color.trim().toLowerCase() } : {}),
    ...(f.accent_color.trim() ? { accent_color: f.accent_color.trim().toLowerCase() } : {}),
    address: toAddress(f.address) as IssuingEntity["address"],
  }
}
