import { BundleConsumer } from "../bundles"
import { calculateInvoice, DEFAULT_REVERSE_CHARGE_NOTE } from "../calculate-invoice"
import { BillingCalcError } from "../errors"
import type { InvoiceCalculation, PlanInput } from "../types"
import { group, invoiceInput, JULY, JUNE, STANDARD, subscription, tax, usage } from "./fixtures"

const amounts = (r: InvoiceCalculation) => r.lines.map((l) => [l.kind, l.amount])

describe("recurring fees and proration, BILLING.md §2", () => {
  it("a period billed in advance with no change bills only the next period's advance fees", () => {
    const r = calculateInvoice(invoiceInput({ subscription: subscription() }))
    expect(amounts(r)).toEqual([
      ["recurring", "100.00"],
      ["seat", "300.00"],
    ])
    expect(r.lines[1]).toMatchObject({
      quantity: "10",
      unit_price: "30",
      component_code: "seats",
      period_start: JULY.start,
      period_end: JULY.end,
      details: { reason: "advance" },
    })
    expect(r.subscription).toEqual({
      setup_billed: true,
      billed_in_advance_for_next_period: true,
      quantities_at_end: { base: "1", seats: "10" },
    })
    expect(r.total).toBe("400.00")
  })

  it("seats added on day 10 of 30 bill 20/30 of the month; a later decrease is a credit of the same form", () => {
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({
          changes: [
            { date: "2025-06-11", component_code: "seats", quantity_before: "10", quantity_after: "15" },
            { date: "2025-06-21", component_code: "seats", quantity_before: "15", quantity_after: "12" },
          ],
        }),
      })
    )
    const [up, down, base, seats] = r.lines
    expect(up).toMatchObject({
      kind: "seat",
      quantity: "5",
      unit_price: "30",
      amount: "100.00", // 30 × 5 × 20/30
      period_start: "2025-06-11",
      period_end: "2025-07-01",
      details: { reason: "change", proration: "20/30", quantity_before: "10", quantity_after: "15" },
    })
    expect(up.description).toBe("Agent seats — quantity change +5, 2025-06-11 to 2025-06-30 (20/30 days)")
    expect(down).toMatchObject({ quantity: "-3", amount: "-30.00", details: { proration: "10/30" } }) // 30 × −3 × 10/30
    expect(base).toMatchObject({ kind: "recurring", amount: "100.00", period_start: "2025-07-01" })
    expect(seats).toMatchObject({ kind: "seat", quantity: "12", amount: "360.00" })
    expect(r.total).toBe("530.00")
    expect(r.subscription?.quantities_at_end).toEqual({ base: "1", seats: "12" })
  })

  it("rounds each proration line once (10.00 × 20/30 = 6.67)", () => {
    const plan: PlanInput = { ...STANDARD, components: [{ type: "addon", code: "rec", name: "Recording", price: "10.00" }] }
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({
          plan,
          quantities_at_start: { rec: "0" },
          changes: [{ date: "2025-06-11", component_code: "rec", quantity_before: "0", quantity_after: "1" }],
        }),
      })
    )
    expect(amounts(r)).toEqual([
      ["addon", "6.67"],
      ["addon", "10.00"],
    ])
  })

  it("a subscription that starts inside the period gets a prorated line from its start, then the advance", () => {
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({ start_date: "2025-06-21", billed_in_advance_for_period: false, quantities_at_start: { seats: "3" } }),
      })
    )
    expect(r.lines.map((l) => [l.kind, l.amount, l.details.reason, l.details.proration])).toEqual([
      ["recurring", "33.33", "start", "10/30"],
      ["seat", "30.00", "start", "10/30"],
      ["recurring", "100.00", "advance", undefined],
      ["seat", "90.00", "advance", undefined],
    ])
  })

  it("a subscription starting on the next period's first day bills its setup and the advance only", () => {
    const plan: PlanInput = { ...STANDARD, components: [...STANDARD.components, { type: "setup", code: "setup", name: "Setup", price: "75" }] }
    const r = calculateInvoice(
      invoiceInput({ subscription: subscription({ plan, start_date: "2025-07-01", setup_billed: false, billed_in_advance_for_period: false }) })
    )
    expect(amounts(r)).toEqual([
      ["setup", "75.00"],
      ["recurring", "100.00"],
      ["seat", "300.00"],
    ])
  })

  it("trials bill nothing; the conversion is prorated from its date; setup bills on that first invoice", () => {
    const plan: PlanInput = {
      ...STANDARD,
      components: [...STANDARD.components, { type: "setup", code: "setup", name: "Onboarding", price: "250.00" }],
    }
    const trial = subscription({
      plan,
      start_date: "2025-05-20",
      trial_end: "2025-06-16",
      setup_billed: false,
      billed_in_advance_for_period: false,
      quantities_at_start: { seats: "2" },
    })
    // closing May: all trial, and still trialing on 1 June → nothing at all
    const may = calculateInvoice(
      invoiceInput({ period: { start: "2025-05-01", end: "2025-06-01" }, next_period: JUNE, subscription: trial })
    )
    expect(may.lines).toEqual([])
    expect(may.outcome).toBe("empty")
    expect(may.subscription).toMatchObject({ setup_billed: false, billed_in_advance_for_next_period: false })

    const june = calculateInvoice(invoiceInput({ subscription: trial }))
    expect(june.lines.map((l) => [l.kind, l.amount, l.details.reason ?? null, l.details.proration ?? null])).toEqual([
      ["recurring", "50.00", "trial_conversion", "15/30"],
      ["seat", "30.00", "trial_conversion", "15/30"],
      ["setup", "250.00", null, null],
      ["recurring", "100.00", "advance", null],
      ["seat", "60.00", "advance", null],
    ])
    expect(june.subscription).toMatchObject({ setup_billed: true, billed_in_advance_for_next_period: true })
    // setup never bills twice
    const july = calculateInvoice(
      invoiceInput({
        period: JULY,
        next_period: { start: "2025-08-01", end: "2025-09-01" },
        subscription: { ...trial, setup_billed: true, billed_in_advance_for_period: true },
      })
    )
    expect(july.lines.some((l) => l.kind === "setup")).toBe(false)
  })

  it("cancel now credits the unused days of a period billed in advance and stops advance billing", () => {
    const r = calculateInvoice(invoiceInput({ subscription: subscription({ cancel_at: "2025-06-21" }) }))
    expect(r.lines.map((l) => [l.kind, l.quantity, l.amount, l.details.reason, l.details.proration])).toEqual([
      ["recurring", "-1", "-33.33", "cancellation", "10/30"],
      ["seat", "-10", "-100.00", "cancellation", "10/30"],
    ])
    expect(r.lines[0].description).toBe("Platform fee — cancellation credit, 2025-06-21 to 2025-06-30 (10/30 days)")
    expect(r.total).toBe("-133.33")
    expect(r.outcome).toBe("credit")
    expect(r.account_credit_added).toBe("133.33")
    expect(r.subscription?.billed_in_advance_for_next_period).toBe(false)
  })

  it("a cancel at the period's end bills nothing more; a cancel row in changes is not counted twice", () => {
    const atEnd = calculateInvoice(invoiceInput({ subscription: subscription({ cancel_at: "2025-07-01" }) }))
    expect(atEnd.lines).toEqual([])
    const both = calculateInvoice(
      invoiceInput({
        subscription: subscription({
          cancel_at: "2025-06-21",
          changes: [
            { date: "2025-06-21", component_code: "seats", quantity_before: "10", quantity_after: "0" },
            { date: "2025-06-21", component_code: "base", quantity_before: "1", quantity_after: "0" },
          ],
        }),
      })
    )
    expect(both.total).toBe("-133.33")
  })

  it("a plan change credits the old plan and bills the new one from the change date", () => {
    const basic: PlanInput = {
      code: "basic",
      name: "Basic",
      term_discount_percent: null,
      components: [{ type: "recurring", code: "base", name: "Basic fee", price: "50.00" }],
    }
    const pro: PlanInput = {
      code: "pro",
      name: "Pro",
      term_discount_percent: null,
      components: [
        { type: "recurring", code: "base", name: "Pro fee", price: "120.00" },
        { type: "support", code: "support", name: "Priority support", price: "30.00", in_arrears: true },
      ],
    }
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({
          plan: pro,
          previous_plans: [basic],
          quantities_at_start: {},
          changes: [
            { date: "2025-06-16", plan_code: "basic", component_code: "base", quantity_before: "1", quantity_after: "0" },
            { date: "2025-06-16", plan_code: "pro", component_code: "base", quantity_before: "0", quantity_after: "1" },
            { date: "2025-06-16", plan_code: "pro", component_code: "support", quantity_before: "0", quantity_after: "1" },
          ],
        }),
      })
    )
    expect(r.lines.map((l) => [l.description, l.amount])).toEqual([
      ["Basic fee — plan change, 2025-06-16 to 2025-06-30 (15/30 days)", "-25.00"],
      ["Pro fee — plan change, 2025-06-16 to 2025-06-30 (15/30 days)", "60.00"],
      ["Priority support — plan change, 2025-06-16 to 2025-06-30 (15/30 days)", "15.00"], // in arrears: its days of June
      ["Pro fee, 2025-07-01 to 2025-07-31", "120.00"], // support is in arrears: not billed ahead
    ])
    expect(r.lines.map((l) => l.details.plan_code)).toEqual(["basic", "pro", "pro", "pro"])
    expect(r.total).toBe("170.00")
  })

  it("an in-arrears fee bills the days it ran in the period", () => {
    const plan: PlanInput = {
      ...STANDARD,
      components: [{ type: "seat", code: "seats", name: "Agent seats", price: "30.00", in_arrears: true }],
    }
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({
          plan,
          changes: [{ date: "2025-06-11", component_code: "seats", quantity_before: "10", quantity_after: "16" }],
        }),
      })
    )
    // 10 seats all June + 6 seats 20/30; nothing ahead for July
    expect(amounts(r)).toEqual([
      ["seat", "300.00"],
      ["seat", "120.00"],
    ])
    expect(r.lines[0].details).toMatchObject({ reason: "period", proration: "30/30" })
  })

  it("a term discount is a negative percentage line over that plan's recurring lines (not setup, not usage)", () => {
    const plan: PlanInput = {
      ...STANDARD,
      term_discount_percent: "10",
      components: [...STANDARD.components, { type: "setup", code: "setup", name: "Setup", price: "99.00" }],
    }
    const r = calculateInvoice(
      invoiceInput({ subscription: subscription({ plan, setup_billed: false }), usage: usage([group("12.3456")]) })
    )
    expect(amounts(r)).toEqual([
      ["setup", "99.00"],
      ["recurring", "100.00"],
      ["seat", "300.00"],
      ["term_discount", "-40.00"],
      ["usage", "12.35"],
    ])
    expect(r.lines[3]).toMatchObject({ period_start: "2025-07-01", period_end: "2025-08-01", details: { percent: "10", base: "400.00" } })
  })
})

describe("a subscription that ended in the period (canceled before the current one started)", () => {
  const discounted: PlanInput = { ...STANDARD, term_discount_percent: "10" }
  // June: the old subscription was billed ahead and canceled on the 16th; a new one on the same plan starts that day
  const ended = subscription({ plan: discounted, cancel_at: "2025-06-16" })
  const current = subscription({ plan: discounted, start_date: "2025-06-16", billed_in_advance_for_period: false, quantities_at_start: { seats: "5" } })

  it("credits the ended one's unused days and bills the current one, each discounted once, on one invoice", () => {
    const r = calculateInvoice(invoiceInput({ subscription: current, ended_subscriptions: [ended] }))
    // ended: (100 + 10 × 30) × 15/30 credited, its own discount +20; current: (100 + 5 × 30) × 15/30, July ahead, discount −(125 + 250) × 10 %
    expect(amounts(r)).toEqual([
      ["recurring", "-50.00"],
      ["seat", "-150.00"],
      ["term_discount", "20.00"],
      ["recurring", "50.00"],
      ["seat", "75.00"],
      ["recurring", "100.00"],
      ["seat", "150.00"],
      ["term_discount", "-37.50"],
    ])
    expect(r.ended_subscriptions).toEqual([{ setup_billed: true, billed_in_advance_for_next_period: false, quantities_at_end: { base: "1", seats: "10" } }])
    expect(r.subscription).toMatchObject({ billed_in_advance_for_next_period: true })
    expect(r.total).toBe("157.50")
  })

  it("without one, nothing changes", () => {
    expect(calculateInvoice(invoiceInput({ subscription: current, ended_subscriptions: [] })).lines).toEqual(
      calculateInvoice(invoiceInput({ subscription: current })).lines
    )
    expect(() => calculateInvoice(invoiceInput({ subscription: current, ended_subscriptions: {} as any }))).toThrow(BillingCalcError)
  })
})

describe("usage, BILLING.md §3", () => {
  it("one line per group, rounded once from the unrounded Σ of call charges", () => {
    const r = calculateInvoice(
      invoiceInput({
        usage: usage([
          group("10.00449", { destination_group: "uk" }),
          group("0.0051", { direction: "inbound", destination_group: null, calls: 2, rated_seconds: 61 }),
        ]),
      })
    )
    expect(r.lines.map((l) => [l.description, l.quantity, l.amount])).toEqual([
      ["Outbound calls — uk", "10", "10.00"],
      ["Inbound calls — all destinations", "1.0167", "0.01"],
    ])
    expect(r.total).toBe("10.01")
  })

  it("a bundle's crossing call: the group shows included and billable minutes and pays the uncovered seconds", () => {
    const consumer = new BundleConsumer([{ code: "b1", name: "1 minute", included_minutes: "1" }])
    consumer.add({ direction: "outbound", destination_group: "uk", rated_seconds: 30, rate: "0.02", fixed_fees: "0", charge: "0.0100" })
    consumer.add({ direction: "outbound", destination_group: "uk", rated_seconds: 120, rate: "0.07", fixed_fees: "0.05", charge: "0.1900" })
    const r = calculateInvoice(
      invoiceInput({
        usage: usage([group("0.2000", { calls: 2, rated_seconds: 150, fixed_fees: "0.05" })], { bundles: consumer.result() }),
      })
    )
    // pays 0.05 connect + 0.07 × 90/60 = 0.155 → 0.16
    expect(r.lines).toHaveLength(1)
    expect(r.lines[0]).toMatchObject({
      kind: "usage",
      quantity: "1.5",
      amount: "0.16",
      details: { included_seconds: 60, included_minutes: "1", billable_seconds: 90, billable_minutes: "1.5", bundle_amount: "0.045" },
    })
    expect(r.bundles).toEqual([{ code: "b1", name: "1 minute", included_seconds: 60, used_seconds: 60 }])
  })

  it("refuses bundle results for groups that are not in the usage", () => {
    const consumer = new BundleConsumer([{ code: "b1", name: "B", included_minutes: "1" }])
    consumer.add({ direction: "outbound", destination_group: "fr", rated_seconds: 30, rate: "0.02", fixed_fees: "0", charge: "0.0100" })
    expect(() => calculateInvoice(invoiceInput({ usage: usage([group("1")], { bundles: consumer.result() }) }))).toThrow(/not in usage_groups/)
  })

  it("a volume discount replaces the card price of the billable minutes by the tier's, as a discount line", () => {
    const plan: PlanInput = {
      ...STANDARD,
      components: [
        {
          type: "volume_discount",
          code: "vd",
          name: "Volume discount",
          basis: "minutes",
          tiers: [
            { up_to: "1000", price: "0.05" },
            { up_to: "5000", price: "0.015" },
            { up_to: null, price: "0.01" },
          ],
        },
      ],
    }
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({ plan, quantities_at_start: {} }),
        // 2,000 min at 0.02 + 0.50 connect fees; 1,000 min at 0.012 (already cheaper than the tier)
        usage: usage([
          group("40.5000", { rated_seconds: 120000, fixed_fees: "0.50" }),
          group("12.0000", { destination_group: "fr", rated_seconds: 60000 }),
        ]),
      })
    )
    const vd = r.lines.find((l) => l.kind === "volume_discount")
    // 3,000 min reach tier 2 (0.015): uk 2,000 × 0.015 = 30 replaces 40 → −10; fr stays
    expect(vd).toMatchObject({ amount: "-10.00", unit_price: "0.015", quantity: "3000", details: { tier: 1, basis_quantity: "3000" } })
    expect(r.total).toBe("42.50")
  })

  it("concurrency overage and metered events (flat with included units, tiered, volume)", () => {
    const plan: PlanInput = {
      ...STANDARD,
      components: [
        { type: "concurrency", code: "ch", name: "Channels", included_channels: 20, price: "15.00" },
        { type: "metric", code: "sms", name: "SMS", metric: "sms", pricing: "flat", price: "0.035", included_quantity: "100" },
        {
          type: "metric",
          code: "rec",
          name: "Recording storage",
          metric: "recording_gb_days",
          pricing: "tiered",
          tiers: [
            { up_to: "100", price: "0" },
            { up_to: null, price: "0.02" },
          ],
        },
        {
          type: "metric",
          code: "api",
          name: "API calls",
          metric: "api",
          pricing: "volume",
          tiers: [
            { up_to: "10000", price: "0.001" },
            { up_to: null, price: "0.0005" },
          ],
        },
      ],
    }
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription({ plan, quantities_at_start: {} }),
        usage: usage([], {
          peak_concurrency: 23,
          metrics: [
            { metric: "sms", quantity: "1000" },
            { metric: "sms", quantity: "234" },
            { metric: "recording_gb_days", quantity: "150.5" },
            { metric: "api", quantity: "20000" },
            { metric: "whatsapp", quantity: "7" },
          ],
        }),
      })
    )
    expect(r.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([
      ["concurrency", "3", "45.00"],
      ["metric", "1134", "39.69"], // (1234 − 100) × 0.035
      ["metric", "150.5", "1.01"], // 50.5 × 0.02
      ["metric", "20000", "10.00"],
    ])
    expect(r.warnings).toEqual(['metric "whatsapp" has quantity 7 but no plan component prices it'])
  })

  it("a commitment adds the true-up max(0, commitment − Σ eligible lines)", () => {
    const plan = (amount: string): PlanInput => ({
      ...STANDARD,
      components: [
        { type: "recurring", code: "base", name: "Platform fee", price: "100.00" },
        { type: "commitment", code: "min", name: "Minimum usage", amount, eligible_kinds: ["usage"] },
      ],
    })
    const r = calculateInvoice(
      invoiceInput({ subscription: subscription({ plan: plan("500.00"), quantities_at_start: {} }), usage: usage([group("320.456")]) })
    )
    expect(r.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["recurring", "100.00"],
      ["usage", "320.46"],
      ["commitment", "179.54"], // the platform fee does not count
    ])
    expect(r.lines[2].details).toEqual({ commitment: "500", eligible_total: "320.46", eligible_kinds: ["usage"] })
    const over = calculateInvoice(
      invoiceInput({ subscription: subscription({ plan: plan("300"), quantities_at_start: {} }), usage: usage([group("320.456")]) })
    )
    expect(over.lines.some((l) => l.kind === "commitment")).toBe(false)
  })
})

describe("tax, BILLING.md §4", () => {
  it("GST 9 % + 9 % exclusive: each rate separately on the rounded taxable lines", () => {
    const r = calculateInvoice(invoiceInput({ currency: "INR", usage: usage([group("100.049")]), tax: tax([["cgst", "0.09"], ["sgst", "0.09"]]) }))
    expect(r.subtotal).toBe("100.05")
    expect(r.taxes).toEqual([
      { code: "cgst", name: "CGST", rate: "0.09", taxable_amount: "100.05", amount: "9.00" }, // 9.0045
      { code: "sgst", name: "SGST", rate: "0.09", taxable_amount: "100.05", amount: "9.00" },
    ])
    expect(r.tax_total).toBe("18.00")
    expect(r.total).toBe("118.05")
  })

  it("GST 9 % + 9 % inclusive: each component is gross × rate / (1 + Σ rates)", () => {
    const r = calculateInvoice(
      invoiceInput({ currency: "INR", usage: usage([group("118.00")]), tax: tax([["cgst", "0.09"], ["sgst", "0.09"]], { inclusive: true }) })
    )
    expect(r.taxes.map((t) => [t.amount, t.taxable_amount])).toEqual([
      ["9.00", "100.00"],
      ["9.00", "100.00"],
    ])
    expect(r.total).toBe("118.00")
    expect(r.subtotal).toBe("118.00")
  })

  it("inclusive VAT 20 %: tax = round(gross × 0.2 / 1.2), the total is the gross", () => {
    const r = calculateInvoice(invoiceInput({ currency: "GBP", usage: usage([group("120.00")]), tax: tax([["vat", "0.2"]], { inclusive: true }) }))
    expect(r.taxes[0]).toMatchObject({ amount: "20.00", taxable_amount: "100.00" })
    expect(r.total).toBe("120.00")
    expect(r.tax_inclusive).toBe(true)
    const odd = calculateInvoice(invoiceInput({ currency: "GBP", usage: usage([group("10.00")]), tax: tax([["vat", "0.2"]], { inclusive: true }) }))
    expect(odd.taxes[0]).toMatchObject({ amount: "1.67", taxable_amount: "8.33" }) // 1.666…
    expect(odd.total).toBe("10.00")
  })

  it("JPY has no decimals and BHD three: lines and tax round to them", () => {
    const jpy = calculateInvoice(invoiceInput({ currency: "JPY", usage: usage([group("1234.5")]), tax: tax([["ct", "0.1"]]) }))
    expect([jpy.lines[0].amount, jpy.taxes[0].amount, jpy.total]).toEqual(["1235", "124", "1359"]) // 123.5 → 124
    const bhd = calculateInvoice(invoiceInput({ currency: "BHD", usage: usage([group("1.2345")]), tax: tax([["vat", "0.1"]]) }))
    expect([bhd.lines[0].amount, bhd.taxes[0].amount, bhd.total]).toEqual(["1.235", "0.124", "1.359"]) // 0.1235 → 0.124
  })

  it("exempt and reverse-charge accounts show 0 tax and the legal note", () => {
    const rc = calculateInvoice(invoiceInput({ usage: usage([group("100")]), tax: tax([["vat", "0.2"]], { reverse_charge: true }) }))
    expect(rc.taxes).toEqual([{ code: "vat", name: "VAT", rate: "0.2", taxable_amount: "100.00", amount: "0.00" }])
    expect(rc.notes).toEqual([DEFAULT_REVERSE_CHARGE_NOTE])
    expect(rc.total).toBe("100.00")
    const ex = calculateInvoice(
      invoiceInput({ usage: usage([group("100")]), tax: tax([["vat", "0.2"]], { exempt: true, note: "Exempt under art. 132" }) })
    )
    expect(ex.notes).toEqual(["Exempt under art. 132"])
    expect(ex.tax_total).toBe("0.00")
  })

  it("surcharges are their own lines: percent of the usage amount, or per rated minute", () => {
    const r = calculateInvoice(
      invoiceInput({
        subscription: subscription(),
        usage: usage([group("100.00", { rated_seconds: 90000 }), group("20.00", { direction: "inbound", rated_seconds: 30 })]),
        tax: tax([["vat", "0.2"]], {
          surcharges: [
            { code: "usf", name: "Universal service fund", percent: "2.5", taxable: true },
            { code: "e911", name: "Emergency services", per_minute: "0.001", taxable: false },
          ],
        }),
      })
    )
    const s = r.lines.filter((l) => l.kind === "surcharge")
    expect(s.map((l) => [l.component_code, l.amount, l.taxable])).toEqual([
      ["usf", "3.00", true], // 2.5 % of 120.00 usage (not of the 400.00 fees)
      ["e911", "1.50", false], // 1,500.5 min × 0.001
    ])
    // VAT on fees + usage + usf only
    expect(r.taxes[0]).toMatchObject({ taxable_amount: "523.00", amount: "104.60" })
  })
})

describe("carry-forward, credit and account credit, BILLING.md §4–§5", () => {
  it("0 < total < floor issues nothing and carries the total; next period shows it as its own line", () => {
    const low = calculateInvoice(invoiceInput({ floor: "5.00", usage: usage([group("3.20")]), tax: tax([["vat", "0.2"]]) }))
    expect(low.outcome).toBe("carry_forward")
    expect(low.total).toBe("3.84")
    expect(low.carry_forward_amount).toBe("3.84")

    const next = calculateInvoice(
      invoiceInput({ floor: "5.00", carried_forward: low.carry_forward_amount, usage: usage([group("4.00")]), tax: tax([["vat", "0.2"]]) })
    )
    expect(next.lines.map((l) => [l.kind, l.amount, l.taxable])).toEqual([
      ["usage", "4.00", true],
      ["carried_forward", "3.84", false], // its tax was in it already
    ])
    expect(next.taxes[0].amount).toBe("0.80")
    expect(next.total).toBe("8.64")
    expect(next.outcome).toBe("invoice")
  })

  it("a negative total becomes account credit; available credit is not spent on it", () => {
    const r = calculateInvoice(
      invoiceInput({
        account_credit: "50.00",
        subscription: subscription({ cancel_at: "2025-06-21" }),
        tax: tax([["vat", "0.2"]]),
      })
    )
    expect(r.taxes[0].amount).toBe("-26.67") // −133.33 × 0.2 = −26.666
    expect(r.total).toBe("-160.00")
    expect(r.outcome).toBe("credit")
    expect(r.account_credit_added).toBe("160.00")
    expect(r.account_credit_applied).toBe("0.00")
  })

  it("account credit applies last, non-taxable, capped so the total does not go below 0", () => {
    const some = calculateInvoice(invoiceInput({ account_credit: "10.00", usage: usage([group("30.00")]), tax: tax([["vat", "0.2"]]) }))
    expect(some.lines.map((l) => [l.kind, l.amount, l.taxable])).toEqual([
      ["usage", "30.00", true],
      ["account_credit", "-10.00", false],
    ])
    expect(some.taxes[0].amount).toBe("6.00") // on the charges, not reduced by the credit
    expect(some.total).toBe("26.00")
    const all = calculateInvoice(invoiceInput({ account_credit: "50.00", usage: usage([group("30.00")]), tax: tax([["vat", "0.2"]]) }))
    expect(all.account_credit_applied).toBe("36.00")
    expect(all.total).toBe("0.00")
    expect(all.outcome).toBe("invoice")
  })

  it("a total exactly at the floor is invoiced", () => {
    expect(calculateInvoice(invoiceInput({ floor: "5", usage: usage([group("5.00")]) })).outcome).toBe("invoice")
    expect(calculateInvoice(invoiceInput({ floor: "5", usage: usage([group("4.994")]) })).outcome).toBe("carry_forward")
  })

  it("a total under the floor is carried before any credit is spent", () => {
    const r = calculateInvoice(invoiceInput({ floor: "5", account_credit: "100.00", usage: usage([group("3.00")]) }))
    expect(r.outcome).toBe("carry_forward")
    expect(r.account_credit_applied).toBe("0.00")
    expect(r.lines.some((l) => l.kind === "account_credit")).toBe(false)
  })
})

describe("input contract", () => {
  it("refuses what it cannot bill correctly", () => {
    const bad = (over: Parameters<typeof invoiceInput>[0]) => () => calculateInvoice(invoiceInput(over))
    expect(bad({ currency: "XYZ" })).toThrow(BillingCalcError)
    expect(bad({ next_period: { start: "2025-07-02", end: "2025-08-01" } })).toThrow(/must be period.end/)
    expect(bad({ carried_forward: "1.005" })).toThrow(/more than 2 decimals/)
    expect(bad({ account_credit: "-1" })).toThrow(/negative/)
    expect(bad({ usage: usage([group("1"), group("2")]) })).toThrow(/appears twice/)
    expect(
      bad({ subscription: subscription({ changes: [{ date: "2025-07-01", component_code: "seats", quantity_before: null, quantity_after: "1" }] }) })
    ).toThrow(/outside the period/)
    expect(
      bad({ subscription: subscription({ changes: [{ date: "2025-06-05", component_code: "nope", quantity_before: null, quantity_after: "1" }] }) })
    ).toThrow(/not a component/)
    expect(bad({ subscription: subscription({ quantities_at_start: { agents: "3" } }) })).toThrow(/not a component/)
    expect(bad({ tax: tax([["vat", "0.2"]], { surcharges: [{ code: "x", name: "X", taxable: true }] }) })).toThrow(/exactly one/)
  })
})
