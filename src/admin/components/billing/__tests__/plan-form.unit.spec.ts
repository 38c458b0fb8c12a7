import fc from "fast-check"
import { AdminCreatePlan } from "../../../../api/admin/call-billing/plans/validators"
import type { ComponentType, Plan } from "../types"
import {
  COMPONENT_TYPES,
  ComponentForm,
  emptyComponent,
  emptyPlan,
  fromPlan,
  PlanForm,
  TYPE_FIELDS,
  toPlanInput,
  validatePlan,
  visibleFields,
  withType,
} from "../plan-form"

const plan = (over: Partial<PlanForm> = {}): PlanForm => ({ ...emptyPlan("USD"), code: "pro", name: "Pro", ...over })
const comp = (type: ComponentType, over: Partial<ComponentForm> = {}): ComponentForm => ({
  ...emptyComponent(type),
  code: type.replace(/_/g, "-"),
  name: type,
  ...over,
})
const paths = (f: PlanForm) => validatePlan(f).map((p) => `${p.path}:${p.key}`)
const server = (f: PlanForm) => AdminCreatePlan.safeParse(toPlanInput(f))

describe("plan form: the body sent", () => {
  it("sends a seat with its price and default quantity and nothing a seat does not use", () => {
    const body = toPlanInput(plan({ components: [comp("seat", { code: "seats", name: "Agent seat", price: " 30 ", default_quantity: "10", metric: "sms", basis: "calls" })] }))
    expect(body.components).toEqual([{ code: "seats", name: "Agent seat", type: "seat", price: "30", default_quantity: "10", in_arrears: false, optional: false }])
    expect(server(plan({ components: [comp("seat", { price: "30" })] })).success).toBe(true)
  })

  it("makes the last tier unbounded and keeps the others' bounds", () => {
    const body = toPlanInput(
      plan({
        components: [
          comp("metric", { metric: "sms", pricing: "tiered", price: "9", tiers: [{ up_to: "1000", price: "0.05" }, { up_to: "5000", price: "0.04" }, { up_to: "123", price: "0.03" }] }),
        ],
      })
    )
    // flat price is not sent with tiered pricing
    expect(body.components![0]).toEqual({
      code: "metric",
      name: "metric",
      type: "metric",
      metric: "sms",
      pricing: "tiered",
      tiers: [{ up_to: "1000", price: "0.05" }, { up_to: "5000", price: "0.04" }, { up_to: null, price: "0.03" }],
    })
  })

  it("splits destination groups and leaves empty optional values out", () => {
    const body = toPlanInput(plan({ description: "  ", term_discount_percent: "", components: [comp("bundle", { included_quantity: "1000", destination_groups: " UK-FIXED, ,UK-MOBILE " })] }))
    expect(body).toMatchObject({ description: null, term_discount_percent: null, trial_days: 0 })
    expect(body.components![0]).toEqual({
      code: "bundle",
      name: "bundle",
      type: "bundle",
      included_quantity: "1000",
      destination_groups: ["UK-FIXED", "UK-MOBILE"],
      in_arrears: false,
      optional: false,
    })
  })

  it("reads a stored plan back into the same body (components in position order)", () => {
    const stored: Plan = {
      id: "bplan_1",
      code: "cc",
      name: "Contact centre",
      description: null,
      currency_code: "usd",
      interval: "quarter",
      term_discount_percent: "5",
      trial_days: 14,
      status: "active",
      components: [
        { code: "uk", name: "UK minutes", type: "bundle", included_quantity: "2", direction: "outbound", destination_groups: ["UK"], position: 2, in_arrears: false, optional: false },
        { code: "base", name: "Platform", type: "recurring", price: "100", position: 0, in_arrears: true, optional: false },
        { code: "vd", name: "Volume", type: "volume_discount", basis: "minutes", tiers: [{ up_to: "1000", price: "0.02" }, { up_to: null, price: "0.01" }], position: 3 },
        { code: "seats", name: "Seat", type: "seat", price: "30", default_quantity: "10", position: 1, in_arrears: false, optional: false },
      ],
    }
    const body = toPlanInput(fromPlan(stored))
    expect(body.currency_code).toBe("USD")
    expect(body.components!.map((c) => c.code)).toEqual(["base", "seats", "uk", "vd"])
    expect(body.components![0]).toEqual({ code: "base", name: "Platform", type: "recurring", price: "100", in_arrears: true, optional: false })
    expect(body.components![2]).toMatchObject({ direction: "outbound", destination_groups: ["UK"], included_quantity: "2" })
    expect(body.components![3]).toEqual({ code: "vd", name: "Volume", type: "volume_discount", basis: "minutes", tiers: [{ up_to: "1000", price: "0.02" }, { up_to: null, price: "0.01" }] })
    expect(server(fromPlan(stored)).success).toBe(true)
  })

  it("changing a component's type keeps what the new type uses and opens a tier where tiers are needed", () => {
    const seat = comp("seat", { price: "30", default_quantity: "10", in_arrears: true })
    expect(withType(seat, "addon")).toMatchObject({ price: "30", default_quantity: "10", in_arrears: true, type: "addon" })
    const setup = withType(seat, "setup")
    expect(setup).toMatchObject({ price: "30", default_quantity: "", in_arrears: false })
    expect(withType(seat, "volume_discount")).toMatchObject({ basis: "minutes", tiers: [{ up_to: "", price: "" }], price: "" })
    expect(withType(seat, "metric").pricing).toBe("flat")
  })

  it("shows metric's price for flat pricing and its tiers otherwise", () => {
    expect(visibleFields(comp("metric", { pricing: "flat" }))).toEqual(["metric", "pricing", "price", "included_quantity"])
    expect(visibleFields(comp("metric", { pricing: "volume" }))).toEqual(["metric", "pricing", "tiers", "included_quantity"])
    expect(visibleFields(comp("commitment"))).toEqual(["price", "eligible_kinds"])
  })
})

describe("plan form: checks before sending", () => {
  it("names the field of each mistake", () => {
    expect(paths(plan({ code: " ", name: "", currency_code: "DOL", trial_days: "400", term_discount_percent: "101" }))).toEqual([
      "code:required",
      "name:required",
      "currency_code:currency",
      "term_discount_percent:percent",
      "trial_days:trialDays",
    ])
  })

  it("asks for each type's required fields", () => {
    const f = plan({
      components: [
        comp("setup"),
        comp("concurrency", { price: "5", included_quantity: "2.5" }),
        comp("bundle", { included_quantity: "0.01" }),
        comp("metric", { metric: "s m s" }),
        comp("volume_discount", { basis: "" }),
        comp("commitment"),
      ],
    })
    expect(paths(f)).toEqual([
      "components.0.price:required",
      "components.1.included_quantity:wholeChannels",
      "components.2.included_quantity:wholeSeconds",
      "components.3.metric:metricCode",
      "components.3.price:required",
      "components.4.basis:required",
      "components.4.tiers.0.price:required",
      "components.5.price:required",
    ])
  })

  it("refuses duplicate codes, bad codes and decimals", () => {
    const f = plan({ components: [comp("seat", { code: "seats", price: "30" }), comp("addon", { code: "seats", price: "1,5" }), comp("recurring", { code: "Base", price: "-1" })] })
    expect(paths(f)).toEqual(["components.1.code:duplicateCode", "components.1.price:decimal", "components.2.code:componentCode", "components.2.price:decimal"])
  })

  it("checks tiers: bounded and increasing, the last open", () => {
    const f = plan({
      components: [comp("volume_discount", { tiers: [{ up_to: "100", price: "0.02" }, { up_to: "100", price: "0.015" }, { up_to: "", price: "x" }, { up_to: "", price: "0.01" }] })],
    })
    expect(paths(f)).toEqual([
      "components.0.tiers.1.up_to:tierAbovePrevious",
      "components.0.tiers.2.price:decimal",
      "components.0.tiers.2.up_to:required",
    ])
    const none = plan({ components: [comp("volume_discount", { tiers: [] })] })
    expect(paths(none)).toEqual(["components.0.tiers:tiersRequired"])
  })

  it("a valid plan with one of each type passes here and on the server", () => {
    const f = plan({
      term_discount_percent: "10",
      trial_days: "14",
      components: [
        comp("recurring", { price: "100" }),
        comp("seat", { price: "30", default_quantity: "10" }),
        comp("setup", { price: "250" }),
        comp("support", { price: "50", in_arrears: true }),
        comp("addon", { price: "5", optional: true }),
        comp("white_label", { price: "20" }),
        comp("concurrency", { price: "3", included_quantity: "10" }),
        comp("bundle", { included_quantity: "1000", price: "0", direction: "outbound", destination_groups: "UK" }),
        comp("metric", { metric: "sms", pricing: "volume", tiers: [{ up_to: "1000", price: "0.05" }, { up_to: "", price: "0.04" }] }),
        comp("commitment", { price: "500", eligible_kinds: ["usage", "seat"] }),
        comp("volume_discount", { basis: "minutes", tiers: [{ up_to: "10000", price: "0.02" }, { up_to: "", price: "0.015" }] }),
      ],
    })
    expect(validatePlan(f)).toEqual([])
    const parsed = server(f)
    expect(parsed.error?.issues ?? []).toEqual([])
  })
})

// Each field is good most of the time and sometimes bad (empty, malformed or
// a boundary), so whole plans are often valid and often wrong in one place.
const often = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad })
const decimal = often(
  fc.oneof(fc.stringMatching(/^[1-9]\d{0,3}$/), fc.stringMatching(/^\d{1,3}\.\d{1,2}$/)),
  fc.constantFrom("", "abc", "-1", "1.1234567", "1e3", " 7 ", "0", "0.01", "2.5", "60.5")
)
const increasingTiers = fc
  .uniqueArray(fc.integer({ min: 1, max: 100000 }), { minLength: 0, maxLength: 3 })
  .chain((bounds) =>
    fc.tuple(...[...bounds.sort((a, b) => a - b), 0].map((b) => fc.record({ up_to: fc.constant(b ? String(b) : ""), price: decimal })))
  )
const tiers = fc.oneof({ weight: 6, arbitrary: increasingTiers }, { weight: 1, arbitrary: fc.array(fc.record({ up_to: decimal, price: decimal }), { maxLength: 3 }) })
const component = fc
  .record({
    type: fc.constantFrom(...COMPONENT_TYPES),
    code: fc.string(),
    name: often(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), fc.constantFrom("", "  ", "x".repeat(201))),
    price: decimal,
    included_quantity: decimal,
    default_quantity: decimal,
    pricing: often(fc.constantFrom("flat", "tiered", "volume"), fc.constant("")) as fc.Arbitrary<ComponentForm["pricing"]>,
    tiers,
    metric: often(fc.constantFrom("sms", "whatsapp", "recording.gb_days", "api:calls"), fc.constantFrom("", "s m s")),
    direction: fc.constantFrom("", "outbound", "inbound") as fc.Arbitrary<ComponentForm["direction"]>,
    destination_groups: often(fc.constantFrom("", "UK", "UK-FIXED, UK-MOBILE", " , "), fc.constant("G".repeat(65))),
    basis: often(fc.constantFrom("calls", "minutes"), fc.constant("")) as fc.Arbitrary<ComponentForm["basis"]>,
    eligible_kinds: fc.subarray(["usage", "seat", "recurring", "metric"]),
    in_arrears: fc.boolean(),
    optional: fc.boolean(),
  })
  .map((c) => ({ ...c, key: "k" }) as ComponentForm)
// distinct good codes, with now and then a bad or repeated one
const components = fc
  .array(component, { maxLength: 3 })
  .chain((list) =>
    fc.tuple(fc.constant(list), fc.array(often(fc.constant(null), fc.constantFrom("", "Bad Code", "x".repeat(65), "c0")), { minLength: list.length, maxLength: list.length }))
  )
  .map(([list, codes]) => list.map((c, i) => ({ ...c, code: codes[i] ?? `c${i}` })))
const planForm = fc.record({
  code: often(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom("", "x".repeat(65))),
  name: often(fc.constant("Plan"), fc.constant(" ")),
  description: fc.constantFrom("", "For call centres"),
  currency_code: often(fc.constantFrom("USD", "gbp", "JPY"), fc.constantFrom("DOL", "XX")),
  interval: fc.constantFrom("month", "quarter", "half_year", "year") as fc.Arbitrary<PlanForm["interval"]>,
  term_discount_percent: often(fc.oneof(fc.constant(""), decimal), fc.constantFrom("100", "100.5")),
  trial_days: often(fc.constantFrom("", "0", "14", "365"), fc.constantFrom("366", "1.5", "-1")),
  status: fc.constantFrom("active", "archived") as fc.Arbitrary<PlanForm["status"]>,
  components,
})

describe("plan form agrees with the server's validator", () => {
  it("accepts exactly the plans the server accepts (property)", () => {
    let accepted = 0
    fc.assert(
      fc.property(planForm, (f) => {
        const mine = validatePlan(f).length === 0
        const theirs = server(f).success
        if (mine) accepted++
        expect({ mine, theirs, problems: validatePlan(f) }).toEqual({ mine: theirs, theirs, problems: validatePlan(f) })
      }),
      { numRuns: 1500 }
    )
    // the generator reaches both outcomes
    expect(accepted).toBeGreaterThan(150)
  })

  it("never sends a field the component's type does not use (property)", () => {
    fc.assert(
      fc.property(component, (c) => {
        const sent = toPlanInput(plan({ components: [c] })).components![0]
        const extra = Object.keys(sent).filter((k) => !["code", "name", "type"].includes(k) && !(TYPE_FIELDS[c.type] as readonly string[]).includes(k))
        expect(extra).toEqual([])
      })
    )
  })
})
