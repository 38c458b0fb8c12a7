import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { RATING_MODULE } from ".."
import { rateCall, RateRowInput } from "../engine"
import Rate from "../models/rate"
import CardAssignment from "../models/card-assignment"
import RateCard from "../models/rate-card"
import RateCardVersion from "../models/rate-card-version"
import TimeProfile from "../models/time-profile"
import RatingModuleService from "../service"

jest.setTimeout(60 * 1000)

const ACCOUNT = { timezone: "Europe/London", country_code: "44" }

function rows(n: number, base = 440000): RateRowInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 2),
    prefix: String(base + i),
    destination: `Dest ${i}\twith tab`,
    rate: `0.${String(1000 + (i % 9000)).padStart(4, "0")}`,
    connect_fee: i % 2 ? "0.0100" : "0",
    initial_increment: 30,
    subsequent_increment: 6,
    band: i % 3 === 0 ? "peak" : "",
    direction: "outbound" as const,
  }))
}

moduleIntegrationTestRunner<RatingModuleService>({
  moduleName: RATING_MODULE,
  moduleModels: [RateCard, RateCardVersion, Rate, TimeProfile, CardAssignment],
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service, MikroOrmWrapper }) => {
    async function card(code = "RETAIL", extra: Record<string, unknown> = {}) {
      return service.createRateCards({ code, name: code, currency_code: "GBP", ...extra } as any)
    }

    describe("createVersionWithRates", () => {
      it("writes every row exactly as given, in one numbered draft", async () => {
        const c = await card()
        const input = rows(2500)
        const v = await service.createVersionWithRates({ rate_card_id: c.id, rows: input, source_filename: "x.csv" })
        expect(v).toEqual(expect.objectContaining({ number: 1, row_count: 2500 }))
        const stored = await service.listVersionRows(v.id)
        expect(stored).toHaveLength(2500)
        const byPrefix = new Map(stored.map((r) => [r.prefix + "|" + r.band, r]))
        for (const r of input) {
          const s = byPrefix.get(r.prefix + "|" + r.band)!
          expect([s.rate, s.connect_fee, s.destination]).toEqual([r.rate, r.connect_fee, r.destination])
        }
        // the bigNumber's raw twin is filled, so the ORM reads the same value
        const [viaOrm] = await service.listRates({ version_id: v.id, prefix: "440001" } as any)
        expect((viaOrm as any).raw_rate.value).toBe(input[1].rate)
        const second = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(1) })
        expect(second.number).toBe(2)
      })

      it("leaves nothing behind when a row violates the unique key", async () => {
        const c = await card()
        const dup = [...rows(10), rows(1)[0]]
        await expect(service.createVersionWithRates({ rate_card_id: c.id, rows: dup })).rejects.toThrow()
        expect(await service.listRateCardVersions({ rate_card_id: c.id })).toHaveLength(0)
        const knex = MikroOrmWrapper.getManager().getKnex()
        const [{ count }] = await knex("call_billing_rate").count()
        expect(Number(count)).toBe(0)
      })

      it("refuses an unknown card with NOT_FOUND", async () => {
        await expect(
          service.createVersionWithRates({ rate_card_id: "rcard_missing", rows: rows(1) })
        ).rejects.toThrow(/was not found/)
      })
    })

    describe("publishVersion", () => {
      it("closes the version in force and ends a back-dated version at the next one", async () => {
        const c = await card()
        const v1 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        const v2 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        const v3 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        await service.publishVersion(v1.id, new Date("2026-01-01T00:00:00Z"), "user_1")
        const p3 = await service.publishVersion(v3.id, new Date("2026-07-01T00:00:00Z"), null)
        expect(p3.closed).toEqual({ id: v1.id, effective_to: null })
        const p2 = await service.publishVersion(v2.id, new Date("2026-04-01T00:00:00Z"), null)
        expect(p2.effective_to?.toISOString()).toBe("2026-07-01T00:00:00.000Z")
        expect(p2.closed?.id).toBe(v1.id)

        const versions = await service.listRateCardVersions({ rate_card_id: c.id }, { order: { number: "ASC" } })
        expect(versions.map((v) => [v.number, v.effective_from?.toISOString(), v.effective_to?.toISOString() ?? null])).toEqual([
          [1, "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
          [2, "2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
          [3, "2026-07-01T00:00:00.000Z", null],
        ])

        await expect(service.publishVersion(v2.id, new Date("2026-05-01"), null)).rejects.toThrow(/already published/)
      })

      it("reverts a publication exactly (the workflow's compensation)", async () => {
        const c = await card()
        const v1 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        const v2 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        await service.publishVersion(v1.id, new Date("2026-01-01T00:00:00Z"), null)
        const result = await service.publishVersion(v2.id, new Date("2026-02-01T00:00:00Z"), null)
        await service.revertPublication(result)
        const [a, b] = await service.listRateCardVersions({ rate_card_id: c.id }, { order: { number: "ASC" } })
        expect([a.status, a.effective_to]).toEqual(["published", null])
        expect([b.status, b.effective_from]).toEqual(["draft", null])
      })

      it("serializes concurrent publications of one card", async () => {
        const c = await card()
        const v1 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        const v2 = await service.createVersionWithRates({ rate_card_id: c.id, rows: rows(3) })
        const when = new Date("2026-03-01T00:00:00Z")
        const outcomes = await Promise.allSettled([
          service.publishVersion(v1.id, when, null),
          service.publishVersion(v2.id, when, null),
        ])
        expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1)
        expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1)
      })
    })

    describe("rating data", () => {
      it("orders cards override → account → system and compiles the versions in force", async () => {
        const system = await card("SYSTEM")
        const own = await card("OWN")
        const vip = await card("VIP")
        for (const [c, rate] of [[system, "0.0300"], [own, "0.0200"], [vip, "0.0100"]] as const) {
          const prefix = c === vip ? "447" : "44"
          const v = await service.createVersionWithRates({ rate_card_id: c.id, rows: [{ prefix, rate }] })
          await service.publishVersion(v.id, new Date("2026-01-01T00:00:00Z"), null)
        }
        await service.createCardAssignments([
          { scope: "system", direction: "outbound", rate_card_id: system.id },
          { scope: "account", account_id: "bacct_1", direction: "outbound", rate_card_id: own.id },
          { scope: "override", account_id: "bacct_1", direction: "outbound", rate_card_id: vip.id },
          { scope: "account", account_id: "bacct_2", direction: "outbound", rate_card_id: vip.id },
        ] as any)
        const order = await service.resolveCardOrder("bacct_1", "outbound")
        expect(order.map((o) => o.rate_card_id)).toEqual([vip.id, own.id, system.id])
        expect((await service.resolveCardOrder(null, "outbound")).map((o) => o.rate_card_id)).toEqual([system.id])

        const at = new Date("2026-05-05T10:00:00Z")
        const cards = await service.getCompiledCards(order.map((o) => o.rate_card_id), { from: at, to: at })
        const mobile = rateCall({ direction: "outbound", number: "07700900123", answer_time: at, billsec: 60 }, ACCOUNT, cards)
        expect([mobile.trace?.card, mobile.charge]).toEqual(["VIP", "0.0100"])
        const fixed = rateCall({ direction: "outbound", number: "02079460000", answer_time: at, billsec: 60 }, ACCOUNT, cards)
        expect([fixed.trace?.card, fixed.charge]).toEqual(["OWN", "0.0200"])

        // no version in force before 2026 → no rate
        const early = new Date("2025-06-01T00:00:00Z")
        const none = await service.getCompiledCards([system.id], { from: early, to: early })
        expect(rateCall({ direction: "outbound", number: "+442079460000", answer_time: early, billsec: 60 }, ACCOUNT, none).reason).toBe("no_rate")
      })

      it("a publish that closes a version is seen by the next compile", async () => {
        const c = await card()
        const v1 = await service.createVersionWithRates({ rate_card_id: c.id, rows: [{ prefix: "44", rate: "0.0100" }] })
        await service.publishVersion(v1.id, new Date("2026-01-01T00:00:00Z"), null)
        const at = new Date("2026-09-01T00:00:00Z")
        const before = await service.getCompiledCards([c.id], { from: at, to: at })
        expect(rateCall({ direction: "outbound", number: "+44123", answer_time: at, billsec: 60 }, ACCOUNT, before).charge).toBe("0.0100")

        const v2 = await service.createVersionWithRates({ rate_card_id: c.id, rows: [{ prefix: "44", rate: "0.0500" }] })
        await service.publishVersion(v2.id, new Date("2026-08-01T00:00:00Z"), null)
        const after = await service.getCompiledCards([c.id], { from: at, to: at })
        const result = rateCall({ direction: "outbound", number: "+44123", answer_time: at, billsec: 60 }, ACCOUNT, after)
        expect([result.charge, result.trace?.version]).toEqual(["0.0500", 2])
      })

      it("keeps one system default and one account card per direction (unique indexes)", async () => {
        const a = await card("A")
        const b = await card("B")
        await service.createCardAssignments({ scope: "system", direction: "outbound", rate_card_id: a.id } as any)
        await expect(
          service.createCardAssignments({ scope: "system", direction: "outbound", rate_card_id: b.id } as any)
        ).rejects.toThrow()
        await service.createCardAssignments({ scope: "account", account_id: "x", direction: "inbound", rate_card_id: a.id } as any)
        await expect(
          service.createCardAssignments({ scope: "account", account_id: "x", direction: "inbound", rate_card_id: b.id } as any)
        ).rejects.toThrow()
      })

      it("refuses a second card with the same code", async () => {
        await card("SAME")
        await expect(card("SAME")).rejects.toThrow(/already exists|unique|SAME/i)
      })
    })
  },
})
