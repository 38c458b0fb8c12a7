/**
 * The tax profile drawer's model, pure. People type tax rates as percentages
 * ("20" for 20 %, as Medusa's own tax regions do); the API stores fractions
 * ("0.2"). The conversion is exact (decimal.js): a percentage with at most 4
 * decimals is a fraction with at most 6, the API's limit (trailing zeros
 * do not count: "20.00000" is 0.2).
 */
import Decimal from "decimal.js"
import type { TaxProfile, TaxProfileInput } from "./types"
import { isDecimal, type Problem } from "./format"

export type TaxComponentForm = { key: string; code: string; name: string; percent: string }
export type SurchargeForm = { key: string; code: string; name: string; kind: "percent" | "per_minute"; value: string; taxable: boolean }
export type TaxForm = {
  code: string
  name: string
  inclusive: boolean
  exempt: boolean
  reverse_charge: boolean
  note: string
  components: TaxComponentForm[]
  surcharges: SurchargeForm[]
}

let seq = 0
const newKey = () => `t${++seq}`

/**
 * A percentage as the API's fraction, exactly.
 *
 * @example
 * percentToFraction("20")   // "0.2"
 * percentToFraction("12.5") // "0.125"
 */
export function percentToFraction(percent: string): string {
  return new Decimal(percent.trim()).div(100).toFixed()
}

/**
 * The API's fraction as a percentage, exactly.
 *
 * @example
 * fractionToPercent("0.09") // "9"
 */
export function fractionToPercent(fraction: string | number): string {
  return new Decimal(String(fraction)).mul(100).toFixed()
}

/**
 * A blank tax rate row.
 *
 * @example
 * emptyTaxComponent().percent // ""
 */
export const emptyTaxComponent = (): TaxComponentForm => ({ key: newKey(), code: "", name: "", percent: "" })
/**
 * A blank surcharge: a taxable percentage.
 *
 * @example
 * emptySurcharge().kind // "percent"
 */
export const emptySurcharge = (): SurchargeForm => ({ key: newKey(), code: "", name: "", kind: "percent", value: "", taxable: true })

/**
 * A new exclusive profile with one blank rate row.
 *
 * @example
 * emptyTaxProfile().components.length // 1
 */
export function emptyTaxProfile(): TaxForm {
  return { code: "", name: "", inclusive: false, exempt: false, reverse_charge: false, note: "", components: [emptyTaxComponent()], surcharges: [] }
}

/**
 * A stored profile as form text (rates as percentages).
 *
 * @example
 * fromTaxProfile(profile).components[0].percent // "20"
 */
export function fromTaxProfile(p: TaxProfile): TaxForm {
  return {
    code: p.code,
    name: p.name,
    inclusive: !!p.inclusive,
    exempt: !!p.exempt,
    reverse_charge: !!p.reverse_charge,
    note: p.note ?? "",
    components: (p.components ?? []).map((c) => ({ key: newKey(), code: c.code, name: c.name, percent: fractionToPercent(c.rate) })),
    surcharges: (p.surcharges ?? []).map((s) => ({
      key: newKey(),
      code: s.code,
      name: s.name,
      kind: s.percent !== null && s.percent !== undefined ? "percent" : "per_minute",
      value: String(s.percent ?? s.per_minute ?? ""),
      taxable: !!s.taxable,
    })),
  }
}

const CODE = /^[A-Za-z0-9_-]{1,32}$/

/**
 * The server's checks (tax-profiles/validators.ts), with paths.
 *
 * @example
 * validateTaxProfile({ ...emptyTaxProfile(), code: "vat", name: "VAT", components: [] })
 * // [{ path: "components", key: "taxRateRequired" }]
 */
export function validateTaxProfile(f: TaxForm): Problem[] {
  const out: Problem[] = []
  const add = (path: string, key: string, values?: Problem["values"]) => out.push({ path, key, ...(values ? { values } : {}) })
  if (!f.code.trim()) add("code", "required")
  else if (f.code.trim().length > 64) add("code", "tooLong", { max: 64 })
  if (!f.name.trim()) add("name", "required")
  else if (f.name.trim().length > 200) add("name", "tooLong", { max: 200 })
  if (f.exempt && f.reverse_charge) add("reverse_charge", "exemptOrReverse")
  if ((f.exempt || f.reverse_charge) && !f.note.trim()) add("note", "legalNote")
  if (f.note.trim().length > 2000) add("note", "tooLong", { max: 2000 })
  if (!f.exempt && !f.reverse_charge && !f.components.length) add("components", "taxRateRequired")

  const codes = (list: Array<{ code: string }>, prefix: string) => {
    const seen = new Set<string>()
    list.forEach((c, i) => {
      const code = c.code.trim()
      if (!CODE.test(code)) add(`${prefix}.${i}.code`, "taxCode")
      else if (seen.has(code)) add(`${prefix}.${i}.code`, "duplicateCode", { code })
      seen.add(code)
    })
  }
  codes(f.components, "components")
  codes(f.surcharges, "surcharges")
  f.components.forEach((c, i) => {
    if (!c.name.trim()) add(`components.${i}.name`, "required")
    else if (c.name.trim().length > 100) add(`components.${i}.name`, "tooLong", { max: 100 })
    // the API stores a fraction below 1 with at most 6 decimals
    if (!isDecimal(c.percent, 20)) add(`components.${i}.percent`, "taxPercent")
    else {
      const fraction = new Decimal(c.percent.trim()).div(100)
      if (fraction.gte(1) || fraction.decimalPlaces() > 6) add(`components.${i}.percent`, "taxPercent")
    }
  })
  f.surcharges.forEach((s, i) => {
    if (!s.name.trim()) add(`surcharges.${i}.name`, "required")
    else if (s.name.trim().length > 100) add(`surcharges.${i}.name`, "tooLong", { max: 100 })
    if (!isDecimal(s.value)) add(`surcharges.${i}.value`, "decimal")
    else if (s.kind === "percent" && new Decimal(s.value.trim()).gt(100)) add(`surcharges.${i}.value`, "percent")
  })
  return out
}

/**
 * The body for POST /tax-profiles (or /:id).
 *
 * @example
 * toTaxProfileInput({ ...emptyTaxProfile(), code: "in-gst", name: "GST",
 *   components: [{ key: "a", code: "cgst", name: "CGST", percent: "9" }, { key: "b", code: "sgst", name: "SGST", percent: "9" }] })
 * // { code: "in-gst", name: "GST", inclusive: false, exempt: false, reverse_charge: false, note: null,
 * //   components: [{ code: "cgst", name: "CGST", rate: "0.09" }, { code: "sgst", name: "SGST", rate: "0.09" }], surcharges: [] }
 */
export function toTaxProfileInput(f: TaxForm): TaxProfileInput {
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    inclusive: f.inclusive,
    exempt: f.exempt,
    reverse_charge: f.reverse_charge,
    note: f.note.trim() || null,
    components: f.components.map((c) => ({ code: c.code.trim(), name: c.name.trim(), rate: percentToFraction(c.percent) })),
    surcharges: f.surcharges.map((s) => ({
      code: s.code.trim(),
      name: s.name.trim(),
      ...(s.kind === "percent" ? { percent: s.value.trim() } : { per_minute: s.value.trim() }),
      taxable: s.taxable,
    })),
  }
}

/**
 * A profile's rates in a few words for the list.
 *
 * @example
 * describeRates({ exempt: false, reverse_charge: false, inclusive: false, components: [{ code: "vat", name: "VAT", rate: "0.2" }] })
 * // "VAT 20 %"
 */
export function describeRates(p: Pick<TaxProfile, "exempt" | "reverse_charge" | "inclusive" | "components">): string {
  const rates = (p.components ?? []).map((c) => `${c.name} ${fractionToPercent(c.rate)} %`).join(" + ")
  return rates || "–"
}
