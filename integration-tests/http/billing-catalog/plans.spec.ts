import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { BILLING_MODULE } from "../../../src/modules/billing"
import { toPlanInput } from "../../../src/workflows/billing/utils/close-inputs"
import { updatePlansWorkflow } from "../../../src/workflows/billing/workflows/update-plans"
import { adminHeaders, failure } from "../helpers"

jest.setTimeout(120 * 1000)

const URL = "/admin/call-billing/plans"

/** One component of every type, in the order the invoice shows them. */
const EVERY_TYPE = [
  { code: "platform", name: "Platform fee", type: "recurring", price: "99.00" },
  { code: "seats", name: "Agent seat", type: "seat", price: "25", default_quantity: "10" },
  { code: "onboarding", name: "Onboarding", type: "setup", price: "250" },
  { code: "support", name: "Premium support", type: "support", price: "49.5", in_arrears: true },
  { code: "recording", name: "Call recording", type: "addon", price: "5", optional: true },
  { code: "branding", name: "White label", type: "white_label", price: "150" },
  { code: "channels", name: "Concurrent channels", type: "concurrency", price: "12", included_quantity: "30" },
  {
    code: "uk_minutes",
    name: "UK minutes",
    type: "bundle",
    included_quantity: "10000",
    direction: "outbound",
    destination_groups: ["UK Fixed", "UK Mobile"],
    price: "20",
  },
  {
    code: "sms",
    name: "SMS",
    type: "metric",
    metric: "sms",
    pricing: "tiered",
    included_quantity: "100",
    tiers: [
      { up_to: "1000", price: "0.040" },
      { up_to: "10000", price: "0.035" },
      { up_to: null, price: "0.03" },
    ],
  },
  { code: "api", name: "API calls", type: "metric", metric: "api_calls", pricing: "flat", price: "0.0001" },
  {
    code: "whatsapp",
    name: "WhatsApp",
    type: "metric",
    metric: "whatsapp",
    pricing: "volume",
    tiers: [
      { up_to: "500", price: "0.05" },
      { up_to: null, price: "0.04" },
    ],
  },
  { code: "minimum", name: "Minimum spend", type: "commitment", price: "500", eligible_kinds: ["usage", "metric"] },
  {
    code: "volume",
    name: "Volume discount",
    type: "volume_discount",
    basis: "minutes",
    direction: "outbound",
    tiers: [
      { up_to: "100000", price: "0.012" },
      { up_to: null, price: "0.009" },
    ],
  },
]

const PLAN = {
  code: "PRO",
  name: "Pro",
  description: "For contact centres of 10+ agents",
  currency_code: "gbp",
  interval: "quarter",
  term_discount_percent: "10.50",
  trial_days: 14,
  components: EVERY_TYPE,
}

const SEAT = { code: "seats", name: "Agent seat", type: "seat", price: "25" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let headers: Record<string, any>

    beforeEach(async () => {
      headers = (await adminHeaders(getContainer())).headers
    })

    const create = async (body: Record<string, unknown> = PLAN) => (await api.post(URL, body, { headers })).data.plan
    const refused = (body: Record<string, unknown>) => failure(api.post(URL, { code: "BAD", name: "Bad", currency_code: "GBP", ...body }, { headers }))
    const withComponent = (c: Record<string, unknown>, before: Record<string, unknown>[] = []) => refused({ components: [...before, c] })
    const billing = () => getContainer().resolve(BILLING_MODULE) as any

    describe("plans", () => {
      it("round-trips a plan with a component of every type: exact decimal strings, list order, nothing invented", async () => {
        const res = await api.post(URL, PLAN, { headers })
        expect(res.status).toBe(201)
        const plan = res.data.plan
        expect(plan).toEqual(
          expect.objectContaining({
            id: expect.stringMatching(/^bplan_/),
            code: "PRO",
            name: "Pro",
            description: "For contact centres of 10+ agents",
            currency_code: "GBP",
            interval: "quarter",
            term_discount_percent: "10.5",
            trial_days: 14,
            status: "active",
          })
        )
        expect(plan.components.map((c: any) => c.code)).toEqual(EVERY_TYPE.map((c) => c.code))
        expect(plan.components.map((c: any) => c.position)).toEqual(EVERY_TYPE.map((_, i) => i))
        expect(plan.components.every((c: any) => /^bpcmp_/.test(c.id))).toBe(true)
        const byCode = Object.fromEntries(plan.components.map((c: any) => [c.code, c]))
        const none = {
          price: null,
          included_quantity: null,
          default_quantity: null,
          pricing: null,
          tiers: null,
          metric: null,
          direction: null,
          destination_groups: null,
          basis: null,
          eligible_kinds: null,
          in_arrears: false,
          optional: false,
        }
        expect(byCode.platform).toEqual(expect.objectContaining({ ...none, type: "recurring", name: "Platform fee", price: "99" }))
        expect(byCode.seats).toEqual(expect.objectContaining({ ...none, type: "seat", price: "25", default_quantity: "10" }))
        expect(byCode.onboarding).toEqual(expect.objectContaining({ ...none, type: "setup", price: "250" }))
        expect(byCode.support).toEqual(expect.objectContaining({ ...none, type: "support", price: "49.5", in_arrears: true }))
        expect(byCode.recording).toEqual(expect.objectContaining({ ...none, type: "addon", price: "5", optional: true }))
        expect(byCode.branding).toEqual(expect.objectContaining({ ...none, type: "white_label", price: "150" }))
        expect(byCode.channels).toEqual(expect.objectContaining({ ...none, type: "concurrency", price: "12", included_quantity: "30" }))
        expect(byCode.uk_minutes).toEqual(
          expect.objectContaining({
            ...none,
            type: "bundle",
            price: "20",
            included_quantity: "10000",
            direction: "outbound",
            destination_groups: ["UK Fixed", "UK Mobile"],
          })
        )
        expect(byCode.sms).toEqual(
          expect.objectContaining({
            ...none,
            type: "metric",
            metric: "sms",
            pricing: "tiered",
            included_quantity: "100",
            tiers: [
              { up_to: "1000", price: "0.04" },
              { up_to: "10000", price: "0.035" },
              { up_to: null, price: "0.03" },
            ],
          })
        )
        expect(byCode.api).toEqual(expect.objectContaining({ ...none, type: "metric", metric: "api_calls", pricing: "flat", price: "0.0001" }))
        expect(byCode.whatsapp).toEqual(
          expect.objectContaining({ ...none, type: "metric", metric: "whatsapp", pricing: "volume", tiers: EVERY_TYPE[10].tiers })
        )
        expect(byCode.minimum).toEqual(expect.objectContaining({ ...none, type: "commitment", price: "500", eligible_kinds: ["usage", "metric"] }))
        expect(byCode.volume).toEqual(
          expect.objectContaining({ ...none, type: "volume_discount", basis: "minutes", direction: "outbound", tiers: EVERY_TYPE[12].tiers })
        )

        const read = await api.get(`${URL}/${plan.id}`, { headers })
        expect(read.data.plan).toEqual(plan)

        // what the period close feeds the invoice calculator from the stored plan
        const [stored] = await billing().listPlans({ id: plan.id }, { relations: ["components"] })
        const input = toPlanInput(stored)
        expect(input.term_discount_percent).toBe("10.5")
        expect(input.components.map((c) => c.code)).toEqual(EVERY_TYPE.map((c) => c.code))
        expect(input.components.find((c) => c.code === "channels")).toEqual(
          expect.objectContaining({ type: "concurrency", included_channels: 30, price: "12" })
        )
        expect(input.components.find((c) => c.code === "uk_minutes")).toEqual(
          expect.objectContaining({ type: "bundle", included_minutes: "10000", destination_groups: ["UK Fixed", "UK Mobile"] })
        )
        expect(input.components.find((c) => c.code === "minimum")).toEqual(expect.objectContaining({ type: "commitment", amount: "500" }))
      })

      it("creates a plan with defaults and no components", async () => {
        const plan = await create({ code: "USAGE", name: "Pay as you go", currency_code: "EUR" })
        expect(plan).toEqual(
          expect.objectContaining({
            currency_code: "EUR",
            interval: "month",
            term_discount_percent: null,
            trial_days: 0,
            status: "active",
            description: null,
            components: [],
          })
        )
      })

      it("lists with q, status, code and currency filters", async () => {
        await create()
        await create({ code: "BASIC", name: "Basic", currency_code: "GBP", components: [SEAT] })
        await create({ code: "LEGACY", name: "Legacy 2024", currency_code: "EUR", status: "archived" })
        const all = await api.get(`${URL}?order=code`, { headers })
        expect(all.data).toEqual(expect.objectContaining({ count: 3, offset: 0, limit: 20 }))
        expect(all.data.plans.map((p: any) => p.code)).toEqual(["BASIC", "LEGACY", "PRO"])
        // list rows carry their components too, in order
        expect(all.data.plans[2].components.map((c: any) => c.code)).toEqual(EVERY_TYPE.map((c) => c.code))
        expect(all.data.plans[0].components[0].price).toBe("25")
        const codes = (q: string) => api.get(`${URL}?${q}`, { headers }).then((r) => r.data.plans.map((p: any) => p.code))
        expect(await codes("q=legacy")).toEqual(["LEGACY"])
        expect(await codes("status=active&order=code")).toEqual(["BASIC", "PRO"])
        expect(await codes("status=archived")).toEqual(["LEGACY"])
        expect(await codes("currency_code=eur")).toEqual(["LEGACY"])
        expect(await codes("code=PRO,BASIC&order=code")).toEqual(["BASIC", "PRO"])
        const bad = await failure(api.get(`${URL}?status=deleted`, { headers }))
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/status: Invalid option/)
      })

      it.each(["recurring", "seat", "setup", "support", "addon", "white_label", "concurrency", "commitment"])(
        "refuses a %s component without a price, naming its path",
        async (type) => {
          const res = await withComponent({ code: "c", name: "C", type }, [SEAT, { ...SEAT, code: "seats2" }])
          expect(res.status).toBe(400)
          expect(res.body.message).toMatch(new RegExp(`components\\[2\\]\\.price: is required for a ${type} component`))
        }
      )

      const TIERS_OK = [
        { up_to: "1000", price: "0.04" },
        { up_to: null, price: "0.03" },
      ]
      it.each([
        [{ code: "m", name: "M", type: "bundle" }, /components\[0\]\.included_quantity: is required for a bundle component/],
        [{ code: "m", name: "M", type: "bundle", included_quantity: "0" }, /components\[0\]\.included_quantity: must be above 0 minutes/],
        [{ code: "m", name: "M", type: "bundle", included_quantity: "0.01" }, /components\[0\]\.included_quantity: must be whole seconds/],
        [{ code: "m", name: "M", type: "bundle", included_quantity: "100", direction: "both" }, /components\[0\]\.direction: Invalid option/],
        [{ code: "m", name: "M", type: "bundle", included_quantity: "100", destination_groups: "UK" }, /components\[0\]\.destination_groups: Invalid input/],
        [{ code: "m", name: "M", type: "bundle", included_quantity: "100", destination_groups: [42] }, /components\[0\]\.destination_groups\[0\]: Invalid input/],
        [{ code: "m", name: "M", type: "metric", pricing: "flat", price: "1" }, /components\[0\]\.metric: is required for a metric component/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", price: "1" }, /components\[0\]\.pricing: is required for a metric component/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", pricing: "flat" }, /components\[0\]\.price: is required for a metric component/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", pricing: "tiered" }, /components\[0\]\.tiers: is required for a metric component \(tiered pricing\)/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", pricing: "volume", tiers: TIERS_OK, price: "1" }, /components\[0\]\.price: is not used by volume pricing/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", pricing: "flat", price: "1", tiers: TIERS_OK }, /components\[0\]\.tiers: is not used by flat pricing/],
        [{ code: "m", name: "M", type: "metric", metric: "sms", pricing: "tiered", tiers: [] }, /components\[0\]\.tiers: at least one tier is required/],
        [{ code: "v", name: "V", type: "volume_discount", tiers: TIERS_OK }, /components\[0\]\.basis: is required for a volume_discount component/],
        [{ code: "v", name: "V", type: "volume_discount", basis: "minutes" }, /components\[0\]\.tiers: is required for a volume_discount component/],
        [{ code: "v", name: "V", type: "volume_discount", basis: "seconds", tiers: TIERS_OK }, /components\[0\]\.basis: Invalid option/],
        [{ code: "c", name: "C", type: "concurrency", price: "5", included_quantity: "2.5" }, /components\[0\]\.included_quantity: must be a whole number of channels/],
        [{ code: "c", name: "C", type: "commitment", price: "500", eligible_kinds: ["usage", "tips"] }, /components\[0\]\.eligible_kinds\[1\]: Invalid option/],
        [{ ...SEAT, tiers: TIERS_OK }, /components\[0\]\.tiers: is not used by a seat component/],
        [{ ...SEAT, metric: "sms" }, /components\[0\]\.metric: is not used by a seat component/],
        [{ code: "o", name: "O", type: "setup", price: "1", in_arrears: true }, /components\[0\]\.in_arrears: is not used by a setup component/],
        [{ ...SEAT, price: "-25" }, /components\[0\]\.price: must be a non-negative decimal/],
        [{ ...SEAT, price: "25.1234567" }, /components\[0\]\.price: must be a non-negative decimal with at most 6 decimals/],
        [{ ...SEAT, price: "abc" }, /components\[0\]\.price: must be a non-negative decimal/],
        [{ ...SEAT, code: "Agent Seats" }, /components\[0\]\.code: must be 1–64 characters a–z, 0–9, _ and -/],
        [{ ...SEAT, type: "hourly" }, /components\[0\]\.type: Invalid option/],
        [{ ...SEAT, colour: "red" }, /components\[0\]: Unrecognized key: "colour"/],
      ])("refuses the component %j with 400 naming its path", async (component, message) => {
        const res = await withComponent(component)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
        expect((await api.get(URL, { headers })).data.count).toBe(0)
      })

      const tiered = (tiers: unknown[]) => ({ code: "sms", name: "SMS", type: "metric", metric: "sms", pricing: "tiered", tiers })
      it.each([
        [
          [
            { up_to: "1000", price: "0.04" },
            { up_to: "1000", price: "0.03" },
            { up_to: null, price: "0.02" },
          ],
          /components\[2\]\.tiers\[1\]\.up_to: 1000 must be above the previous tier's 1000/,
        ],
        [
          [
            { up_to: "1000", price: "0.04" },
            { up_to: "500", price: "0.03" },
            { up_to: null, price: "0.02" },
          ],
          /components\[2\]\.tiers\[1\]\.up_to: 500 must be above the previous tier's 1000/,
        ],
        [[{ up_to: "0", price: "0.04" }, { up_to: null, price: "0.03" }], /components\[2\]\.tiers\[0\]\.up_to: must be above 0/],
        [[{ up_to: "1000", price: "0.04" }, { up_to: "5000", price: "0.03" }], /components\[2\]\.tiers\[1\]\.up_to: the last tier must be unbounded: null, not 5000/],
        [[{ up_to: null, price: "0.04" }, { up_to: null, price: "0.03" }], /components\[2\]\.tiers\[0\]\.up_to: only the last tier may be unbounded/],
        [[{ up_to: "1e3", price: "0.04" }, { up_to: null, price: "0.03" }], /components\[2\]\.tiers\[0\]\.up_to: must be a non-negative decimal/],
        [[{ up_to: "1000" }, { up_to: null, price: "0.03" }], /components\[2\]\.tiers\[0\]\.price: Invalid input/],
        [[{ price: "0.04" }, { up_to: null, price: "0.03" }], /components\[2\]\.tiers\[0\]\.up_to: Invalid input/],
      ])("refuses tiers %j naming the tier", async (tiers, message) => {
        const res = await withComponent(tiered(tiers), [SEAT, { ...SEAT, code: "seats2" }])
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
      })

      it.each([
        [{ components: [SEAT, { ...SEAT, name: "Seat again" }] }, /components\[1\]\.code: "seats" appears twice; component codes are unique in a plan/],
        [{ term_discount_percent: "100.5" }, /term_discount_percent: must be 0–100/],
        [{ term_discount_percent: "-5" }, /term_discount_percent: must be a non-negative decimal/],
        [{ trial_days: 366 }, /trial_days must be 0–365/],
        [{ trial_days: -1 }, /trial_days must be 0–365/],
        [{ trial_days: 1.5 }, /trial_days: Invalid input: expected int/],
        [{ interval: "week" }, /interval: Invalid option/],
        [{ status: "deleted" }, /status: Invalid option/],
        [{ currency_code: "GPB" }, /currency_code: is not an ISO 4217 currency code/],
        [{ name: "" }, /(^|\s)name: Too small/],
        [{ price: "10" }, /body: Unrecognized key: "price"/],
      ])("refuses the plan %j with 400 naming the field", async (body, message) => {
        const res = await refused(body)
        expect(res.status).toBe(400)
        expect(res.body.message).toMatch(message)
      })

      it("refuses a duplicate plan code with 422", async () => {
        await create({ code: "PRO", name: "Pro", currency_code: "GBP" })
        const res = await failure(api.post(URL, { code: "PRO", name: "Pro again", currency_code: "EUR" }, { headers }))
        expect(res.status).toBe(422)
        expect(res.body.message).toMatch(/code: a plan with code PRO already exists/)
      })

      it("updates fields and archives without touching components; there is no delete", async () => {
        const plan = await create()
        const res = await api.post(`${URL}/${plan.id}`, { name: "Pro 2027", status: "archived", term_discount_percent: null, trial_days: 0 }, { headers })
        expect(res.data.plan).toEqual(expect.objectContaining({ name: "Pro 2027", status: "archived", term_discount_percent: null, trial_days: 0 }))
        expect(res.data.plan.components).toEqual(plan.components)
        const reactivated = await api.post(`${URL}/${plan.id}`, { status: "active" }, { headers })
        expect(reactivated.data.plan.status).toBe("active")

        const del = await failure(api.delete(`${URL}/${plan.id}`, { headers }))
        expect(del.status).toBe(404)
        expect((await api.get(`${URL}/${plan.id}`, { headers })).data.plan.code).toBe("PRO")

        await create({ code: "BASIC", name: "Basic", currency_code: "GBP" })
        const dup = await failure(api.post(`${URL}/${plan.id}`, { code: "BASIC" }, { headers }))
        expect(dup.status).toBe(422)
        expect(dup.body.message).toMatch(/code: a plan with code BASIC already exists/)
      })

      it("replaces the component list: new rows in the new order, a kept code may be reused, old rows gone", async () => {
        const plan = await create()
        const replacement = [
          { code: "support", name: "Standard support", type: "support", price: "19" },
          { ...SEAT, price: "27.50" },
        ]
        const res = await api.post(`${URL}/${plan.id}`, { components: replacement }, { headers })
        const after = res.data.plan.components
        expect(after.map((c: any) => [c.code, c.position, c.price])).toEqual([
          ["support", 0, "19"],
          ["seats", 1, "27.5"],
        ])
        const oldIds = new Set(plan.components.map((c: any) => c.id))
        expect(after.some((c: any) => oldIds.has(c.id))).toBe(false)
        expect(res.data.plan.name).toBe("Pro")
        expect((await api.get(`${URL}/${plan.id}`, { headers })).data.plan.components).toEqual(after)
        expect(await billing().listPlanComponents({ plan_id: plan.id })).toHaveLength(2)

        const emptied = await api.post(`${URL}/${plan.id}`, { components: [] }, { headers })
        expect(emptied.data.plan.components).toEqual([])

        const bad = await failure(api.post(`${URL}/${plan.id}`, { components: [{ ...SEAT, price: null }] }, { headers }))
        expect(bad.status).toBe(400)
        expect(bad.body.message).toMatch(/components\[0\]\.price: is required for a seat component/)
      })

      it("keeps the component codes subscriptions hold, and the currency of a plan in use", async () => {
        const free = await create({ code: "FREE", name: "Unused", currency_code: "GBP", components: [SEAT] })
        const moved = await api.post(`${URL}/${free.id}`, { currency_code: "EUR", components: [] }, { headers })
        expect(moved.data.plan).toEqual(expect.objectContaining({ currency_code: "EUR", components: [] }))

        const plan = await create({
          code: "PRO",
          name: "Pro",
          currency_code: "GBP",
          components: [SEAT, { code: "base", name: "Base", type: "recurring", price: "10" }, EVERY_TYPE[9]],
        })
        const [sub] = await billing().createSubscriptions([
          { account_id: "bacct_test", plan_id: plan.id, status: "active", start_date: "2026-12-01", quantities: { seats: "10", base: "1" } },
        ])
        await billing().createSubscriptionChanges(
          ["seats", "base"].map((code) => ({
            subscription_id: sub.id,
            kind: "start",
            effective_date: "2026-12-01",
            plan_id: plan.id,
            component_code: code,
            quantity_before: "0",
            quantity_after: code === "seats" ? "10" : "1",
          }))
        )
        const base = { code: "base", name: "Base", type: "recurring", price: "10" }
        const dropped = await failure(api.post(`${URL}/${plan.id}`, { components: [base] }, { headers }))
        expect(dropped.status).toBe(400)
        expect(dropped.body.message).toMatch(/components: subscriptions to plan PRO hold quantities of "seats" \(seat\); the new list must keep "seats" as a seat component/)
        const retyped = await failure(api.post(`${URL}/${plan.id}`, { components: [base, { ...SEAT, type: "addon" }] }, { headers }))
        expect(retyped.status).toBe(400)
        expect(retyped.body.message).toMatch(/hold quantities of "seats" \(seat\)/)
        expect((await api.get(`${URL}/${plan.id}`, { headers })).data.plan.components.map((c: any) => c.code)).toEqual(["seats", "base", "api"])

        // prices change, unheld components go, new ones come
        const repriced = await api.post(
          `${URL}/${plan.id}`,
          { components: [{ ...SEAT, price: "30" }, base, { code: "support", name: "Support", type: "support", price: "5" }] },
          { headers }
        )
        expect(repriced.data.plan.components.map((c: any) => [c.code, c.price])).toEqual([
          ["seats", "30"],
          ["base", "10"],
          ["support", "5"],
        ])

        const currency = await failure(api.post(`${URL}/${plan.id}`, { currency_code: "EUR" }, { headers }))
        expect(currency.status).toBe(400)
        expect(currency.body.message).toMatch(/currency_code: plan PRO has subscriptions priced in GBP; its currency cannot change/)
        expect((await api.get(`${URL}/${plan.id}`, { headers })).data.plan.currency_code).toBe("GBP")
      })

      it("rolls a failed replacement back: the plan's fields and its old components come back", async () => {
        const plan = await create({ code: "PRO", name: "Pro", currency_code: "GBP", components: [SEAT, { code: "base", name: "Base", type: "recurring", price: "10" }] })
        // duplicate codes get past no API validator here: the database refuses the second row
        const { errors } = await updatePlansWorkflow(getContainer()).run({
          input: { plans: [{ id: plan.id, name: "Renamed", components: [SEAT as any, { ...SEAT, name: "Twice" } as any] }] },
          throwOnError: false,
        })
        expect(errors.length).toBeGreaterThan(0)
        const read = (await api.get(`${URL}/${plan.id}`, { headers })).data.plan
        expect(read.name).toBe("Pro")
        expect(read.components).toEqual(plan.components)
      })

      it("answers 404 for an unknown id and 401 without an admin", async () => {
        for (const call of [api.get(`${URL}/bplan_nope`, { headers }), api.post(`${URL}/bplan_nope`, { name: "Ghost" }, { headers })]) {
          const res = await failure(call)
          expect(res.status).toBe(404)
          expect(res.body.message).toMatch(/Plan with id: bplan_nope was not found/)
        }
        expect((await failure(api.get(URL))).status).toBe(401)
      })
    })
  },
})
