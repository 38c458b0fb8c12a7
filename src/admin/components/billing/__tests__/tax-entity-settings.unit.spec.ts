import fc from "fast-check"
import { AdminUpdateBillingAccount } from "../../../../api/admin/call-billing/billing-accounts/validators"
import { AdminCreateIssuingEntity } from "../../../../api/admin/call-billing/entities/validators"
import { AdminCreateTaxProfile } from "../../../../api/admin/call-billing/tax-profiles/validators"
import { emptyAddress, emptyEntity, EntityForm, fromEntity, toEntityInput, validateEntity } from "../entity-form"
import { fromAccount, SettingsForm, toSettingsInput, validateSettings } from "../settings-form"
import {
  describeRates,
  emptyTaxProfile,
  fractionToPercent,
  fromTaxProfile,
  percentToFraction,
  TaxForm,
  toTaxProfileInput,
  validateTaxProfile,
} from "../tax-form"

const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 10, arbitrary: good }, { weight: 1, arbitrary: bad })
const problems = (list: Array<{ path: string; key: string }>) => list.map((p) => `${p.path}:${p.key}`)

describe("tax profiles: percentages on the form, fractions on the wire", () => {
  it("converts exactly both ways", () => {
    expect(percentToFraction("20")).toBe("0.2")
    expect(percentToFraction("12.5")).toBe("0.125")
    expect(percentToFraction("0.0001")).toBe("0.000001")
    expect(fractionToPercent("0.09")).toBe("9")
    expect(fractionToPercent("0.175")).toBe("17.5")
  })

  it("a fraction with up to 6 decimals survives the round trip (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999999 }), (micro) => {
        const fraction = (micro / 1e6).toFixed(6).replace(/\.?0+$/, "") || "0"
        expect(percentToFraction(fractionToPercent(fraction))).toBe(fraction)
      })
    )
  })

  it("builds CGST + SGST and a per-minute surcharge, and reads it back", () => {
    const form: TaxForm = {
      ...emptyTaxProfile(),
      code: "in-gst",
      name: "GST 18 %",
      components: [
        { key: "a", code: "cgst", name: "CGST", percent: "9" },
        { key: "b", code: "sgst", name: "SGST", percent: "9" },
      ],
      surcharges: [{ key: "c", code: "usf", name: "USF", kind: "per_minute", value: "0.002", taxable: false }],
    }
    expect(validateTaxProfile(form)).toEqual([])
    const body = toTaxProfileInput(form)
    expect(body.components).toEqual([
      { code: "cgst", name: "CGST", rate: "0.09" },
      { code: "sgst", name: "SGST", rate: "0.09" },
    ])
    expect(body.surcharges).toEqual([{ code: "usf", name: "USF", per_minute: "0.002", taxable: false }])
    expect(AdminCreateTaxProfile.safeParse(body).success).toBe(true)
    const back = fromTaxProfile({ id: "tp", ...body })
    expect(back.components.map((c) => c.percent)).toEqual(["9", "9"])
    expect(back.surcharges[0]).toMatchObject({ kind: "per_minute", value: "0.002", taxable: false })
    expect(describeRates({ ...body })).toBe("CGST 9 % + SGST 9 %")
  })

  it("names each mistake", () => {
    const form: TaxForm = {
      ...emptyTaxProfile(),
      code: "x",
      name: "X",
      exempt: true,
      reverse_charge: true,
      components: [
        { key: "a", code: "vat", name: "VAT", percent: "100" },
        { key: "b", code: "vat", name: "", percent: "20.00001" },
      ],
      surcharges: [{ key: "c", code: "s", name: "S", kind: "percent", value: "150", taxable: true }],
    }
    expect(problems(validateTaxProfile(form))).toEqual([
      "reverse_charge:exemptOrReverse",
      "note:legalNote",
      "components.1.code:duplicateCode",
      "components.0.percent:taxPercent",
      "components.1.name:required",
      "components.1.percent:taxPercent",
      "surcharges.0.value:percent",
    ])
    // trailing zeros do not count toward the 6 decimals
    expect(validateTaxProfile({ ...emptyTaxProfile(), code: "v", name: "V", components: [{ key: "a", code: "vat", name: "VAT", percent: "20.000000" }] })).toEqual([])
  })

  const taxForm = fc.record({
    code: often(fc.constantFrom("vat20", "GST"), fc.constant("")),
    name: often(fc.constant("VAT"), fc.constant(" ")),
    inclusive: fc.boolean(),
    exempt: often(fc.constant(false), fc.constant(true)),
    reverse_charge: often(fc.constant(false), fc.constant(true)),
    note: fc.constantFrom("", "Reverse charge: Article 196"),
    components: fc.array(
      fc.record({
        key: fc.constant("k"),
        code: often(fc.constantFrom("vat", "cgst", "sgst"), fc.constantFrom("", "v a t")),
        name: often(fc.constant("Tax"), fc.constant("")),
        percent: often(fc.oneof(fc.stringMatching(/^\d{1,2}$/), fc.stringMatching(/^\d{1,2}\.\d{1,6}$/)), fc.constantFrom("100", "-5", "abc", "")),
      }),
      { maxLength: 3 }
    ),
    surcharges: fc.array(
      fc.record({
        key: fc.constant("k"),
        code: often(fc.constantFrom("usf", "levy"), fc.constant("")),
        name: often(fc.constant("Levy"), fc.constant("")),
        kind: fc.constantFrom("percent", "per_minute") as fc.Arbitrary<"percent" | "per_minute">,
        value: often(fc.stringMatching(/^\d{1,2}(\.\d{1,6})?$/), fc.constantFrom("101", "x", "1.1234567")),
        taxable: fc.boolean(),
      }),
      { maxLength: 2 }
    ),
  })

  it("accepts exactly the profiles the server accepts (property)", () => {
    let accepted = 0
    fc.assert(
      fc.property(taxForm, (f) => {
        const mine = validateTaxProfile(f).length === 0
        if (mine) accepted++
        // the body is only built from a form that passed (rates must be decimals to convert)
        const theirs = mine ? AdminCreateTaxProfile.safeParse(toTaxProfileInput(f)).success : false
        expect(theirs).toBe(mine)
        if (!mine && f.components.every((c) => /^\d+(\.\d+)?$/.test(c.percent.trim()))) {
          expect(AdminCreateTaxProfile.safeParse(toTaxProfileInput(f)).success).toBe(false)
        }
      }),
      { numRuns: 800 }
    )
    expect(accepted).toBeGreaterThan(80)
  })
})

describe("issuing entities", () => {
  const good: EntityForm = { ...emptyEntity(), code: "uk", legal_name: "Call Centre Ltd", currency_code: "gbp" }

  it("sends an empty address as null and a partial one only when complete", () => {
    expect(toEntityInput(good)).toMatchObject({ address: null, currency_code: "GBP", invoice_prefix: "INV", credit_note_prefix: "CN", email: null })
    expect(toEntityInput(good)).not.toHaveProperty("primary_color")
    const partial = { ...good, address: { ...emptyAddress(), city: "Leeds" } }
    expect(problems(validateEntity(partial))).toEqual(["address.line1:required", "address.country:country"])
    const full = { ...good, address: { ...emptyAddress(), line1: "1 Main St", city: "Leeds", country: "gb" } }
    expect(toEntityInput(full).address).toEqual({ line1: "1 Main St", line2: null, city: "Leeds", postal_code: null, region: null, country: "GB" })
  })

  it("refuses the same prefix for invoices and credit notes, bad colours and URLs", () => {
    const f = { ...good, credit_note_prefix: "inv", primary_color: "red", logo_url: "ftp://x" }
    expect(problems(validateEntity(f))).toEqual(["credit_note_prefix:samePrefix", "logo_url:url", "primary_color:color"])
  })

  it("reads a stored entity back to the same body", () => {
    const body = toEntityInput({ ...good, primary_color: "#1F2937", address: { ...emptyAddress(), line1: "1 Main St", city: "Leeds", country: "GB" } })
    expect(toEntityInput(fromEntity({ id: "ent", ...body, primary_color: body.primary_color ?? null, accent_color: null }))).toEqual(body)
  })

  const entityForm = fc.record({
    code: often(fc.constant("main"), fc.constant("")),
    legal_name: often(fc.constant("CC Ltd"), fc.constant(" ")),
    tax_id: fc.constantFrom("", "GB123456789"),
    email: often(fc.constantFrom("", "billing@cc.test"), fc.constantFrom("nope", "a@b")),
    currency_code: often(fc.constantFrom("USD", "gbp"), fc.constant("DOL")),
    invoice_prefix: often(fc.stringMatching(/^[A-Z]{1,4}(-[A-Z0-9]{1,3})?$/), fc.constantFrom("-X", "TOO-LONG-PREFIX", "")),
    credit_note_prefix: often(fc.stringMatching(/^[a-z]{1,4}[0-9]?$/), fc.constantFrom("INV", "CN-")),
    logo_url: often(fc.constantFrom("", "https://cdn.example.com/logo.png"), fc.constantFrom("logo.png", "ftp://x/y")),
    primary_color: often(fc.constantFrom("", "#1f2937", "#ABCDEF"), fc.constantFrom("red", "#12345")),
    accent_color: fc.constantFrom("", "#00ff00"),
    address: often(
      fc.constant(emptyAddress()),
      fc.record({
        line1: fc.constantFrom("", "1 Main St"),
        line2: fc.constantFrom("", "Floor 2"),
        city: fc.constantFrom("", "Leeds"),
        postal_code: fc.constantFrom("", "LS1"),
        region: fc.constantFrom("", "Yorks"),
        country: fc.constantFrom("", "GB", "gbr"),
      })
    ),
  })

  it("accepts exactly the entities the server accepts (property)", () => {
    let accepted = 0
    fc.assert(
      fc.property(entityForm, (f) => {
        const mine = validateEntity(f).length === 0
        if (mine) accepted++
        expect(AdminCreateIssuingEntity.safeParse(toEntityInput(f)).success).toBe(mine)
      }),
      { numRuns: 800 }
    )
    expect(accepted).toBeGreaterThan(80)
  })
})

describe("account billing settings", () => {
  it("starts from the API's defaults and sends blanks as null", () => {
    const f = fromAccount({})
    expect(f).toMatchObject({ payment_mode: "postpaid", net_days: "30", anchor_day: "1", grace_minutes: "60", invoicing_floor: "0", late_usage: "debit_note" })
    expect(toSettingsInput({ ...f, credit_limit: "", anchor_day: "5", entity_id: "" })).toMatchObject({
      entity_id: null,
      credit_limit: null,
      anchor_day: 5,
      invoicing_floor: "0",
      address: null,
    })
  })

  it("reads numbers the API returns as numbers into exact text", () => {
    expect(fromAccount({ credit_limit: 1500.5, invoicing_floor: "1.00", net_days: 14 })).toMatchObject({ credit_limit: "1500.5", invoicing_floor: "1.00", net_days: "14" })
  })

  it("names each mistake", () => {
    const f: SettingsForm = { ...fromAccount({}), anchor_day: "29", net_days: "-1", grace_minutes: "1.5", invoicing_floor: "1,00", credit_limit: "lots" }
    expect(problems(validateSettings(f))).toEqual(["anchor_day:range", "net_days:range", "grace_minutes:range", "invoicing_floor:decimal", "credit_limit:decimal"])
  })

  const settingsForm = fc.record({
    entity_id: fc.constantFrom("", "ent_1"),
    tax_profile_id: fc.constantFrom("", "tp_1"),
    payment_mode: fc.constantFrom("prepaid", "postpaid") as fc.Arbitrary<"prepaid" | "postpaid">,
    credit_limit: often(fc.oneof(fc.constant(""), fc.stringMatching(/^\d{1,6}(\.\d{1,6})?$/)), fc.constantFrom("-1", "1e5", "1.1234567")),
    low_balance_threshold: often(fc.constantFrom("", "10", "2.50"), fc.constant("x")),
    invoicing_floor: often(fc.constantFrom("", "0", "1.00", "25"), fc.constant("-1")),
    net_days: often(fc.integer({ min: 0, max: 365 }).map(String), fc.constantFrom("366", "", "1.5")),
    anchor_day: often(fc.integer({ min: 1, max: 28 }).map(String), fc.constantFrom("0", "29", "")),
    grace_minutes: often(fc.integer({ min: 0, max: 10080 }).map(String), fc.constantFrom("10081", "-1")),
    auto_finalize: fc.boolean(),
    late_usage: fc.constantFrom("debit_note", "next_period") as fc.Arbitrary<"debit_note" | "next_period">,
    tax_id: fc.constantFrom("", "GB1"),
    address: fc.record({
      line1: fc.constantFrom("", "1 Main St"),
      line2: fc.constant(""),
      city: fc.constantFrom("", "Leeds"),
      postal_code: fc.constant(""),
      region: fc.constant(""),
      country: fc.constantFrom("", "GB"),
    }),
  })

  it("never sends what the server refuses (property)", () => {
    let accepted = 0
    fc.assert(
      fc.property(settingsForm, (f) => {
        if (validateSettings(f).length) return
        accepted++
        const parsed = AdminUpdateBillingAccount.safeParse(toSettingsInput(f))
        expect(parsed.error?.issues ?? []).toEqual([])
      }),
      { numRuns: 500 }
    )
    expect(accepted).toBeGreaterThan(50)
  })
})
