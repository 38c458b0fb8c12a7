import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { BILLING_MODULE } from ".."
import BillingAccount from "../models/billing-account"
import BillingModuleService from "../service"

jest.setTimeout(60 * 1000)

moduleIntegrationTestRunner<BillingModuleService>({
  moduleName: BILLING_MODULE,
  moduleModels: [BillingAccount],
  resolve: path.join(__dirname, ".."),
  pathToMigrations: path.join(__dirname, "..", "migrations"),
  testSuite: ({ service }) => {
    const acme = {
      code: "ACME",
      name: "Acme Contact Centre",
      currency_code: "GBP",
      timezone: "Europe/London",
      country_code: "44",
    }

    it("creates an account with the dialling defaults of RATING.md §2", async () => {
      const a = await service.createBillingAccounts(acme)
      expect(a).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(/^bacct_/),
          international_prefix: "00",
          trunk_prefix: "0",
          status: "active",
        })
      )
    })

    it("keeps account codes unique among live accounts, and frees a code on delete", async () => {
      const a = await service.createBillingAccounts(acme)
      await expect(service.createBillingAccounts(acme)).rejects.toThrow()
      await service.softDeleteBillingAccounts([a.id])
      const again = await service.createBillingAccounts(acme)
      expect(again.id).not.toBe(a.id)
    })

    it("searches by code and name", async () => {
      await service.createBillingAccounts([acme, { ...acme, code: "SUNRISE", name: "Sunrise Support", timezone: "America/New_York", country_code: "1", international_prefix: "011" }])
      const [found] = await service.listBillingAccounts({ q: "sunrise" } as any)
      expect(found.code).toBe("SUNRISE")
      expect(found.international_prefix).toBe("011")
    })

    describe("document numbers (BILLING.md §4)", () => {
      const entity = () =>
        service.createIssuingEntities({
          code: "AU",
          legal_name: "Acme Australia Pty Ltd",
          currency_code: "AUD",
          invoice_prefix: "AU",
          credit_note_prefix: "AUCN",
        })
      const counters = async (id: string) => {
        const e = await service.retrieveIssuingEntity(id)
        return { sequence_year: e.sequence_year, next_invoice_number: e.next_invoice_number, next_credit_note_number: e.next_credit_note_number }
      }

      it("continues each year's invoice series when a year comes after a later one (New Year across time zones), never repeating a number", async () => {
        const e = await entity()
        const taken: string[] = []
        for (const year of [2026, 2026, 2027, 2026, 2027]) taken.push(await service.takeDocumentNumber(e.id, "invoice", year))
        expect(taken).toEqual(["AU-2026-000001", "AU-2026-000002", "AU-2027-000001", "AU-2026-000003", "AU-2027-000002"])
        // the entity shows its most recent year with numbers
        expect(await counters(e.id)).toEqual({ sequence_year: 2027, next_invoice_number: 3, next_credit_note_number: 1 })
      })

      it("keeps invoices and credit notes in separate per-year series, whichever order the years and kinds come in", async () => {
        const e = await entity()
        const take = (kind: "invoice" | "credit_note", year: number) => service.takeDocumentNumber(e.id, kind, year)
        expect(await take("invoice", 2027)).toBe("AU-2027-000001")
        expect(await take("credit_note", 2027)).toBe("AUCN-2027-000001")
        expect(await take("invoice", 2026)).toBe("AU-2026-000001")
        // an earlier year's invoice neither restarts the credit notes nor moves the entity's year back
        expect(await counters(e.id)).toEqual({ sequence_year: 2027, next_invoice_number: 2, next_credit_note_number: 2 })
        expect(await take("credit_note", 2027)).toBe("AUCN-2027-000002")
        expect(await take("credit_note", 2026)).toBe("AUCN-2026-000001")
        expect(await take("invoice", 2027)).toBe("AU-2027-000002")
        expect(await take("invoice", 2026)).toBe("AU-2026-000002")
        expect(await take("credit_note", 2028)).toBe("AUCN-2028-000001")
        expect(await counters(e.id)).toEqual({ sequence_year: 2028, next_invoice_number: 1, next_credit_note_number: 2 })
        const series = await service.listDocumentSequences({ entity_id: e.id }, { order: { year: "ASC", kind: "ASC" } })
        expect(series.map((s) => [s.kind, s.year, s.next_number])).toEqual([
          ["credit_note", 2026, 2],
          ["invoice", 2026, 3],
          ["credit_note", 2027, 3],
          ["invoice", 2027, 3],
          ["credit_note", 2028, 2],
        ])
        // another entity counts on its own
        const other = await service.createIssuingEntities({ code: "NZ", legal_name: "Acme NZ Ltd", currency_code: "NZD", invoice_prefix: "NZ", credit_note_prefix: "NZCN" })
        expect(await service.takeDocumentNumber(other.id, "invoice", 2026)).toBe("NZ-2026-000001")
      })

      it("gives a number taken in a transaction that rolls back to the next document (gapless), in an old year as in a new one", async () => {
        const e = await entity()
        expect(await service.takeDocumentNumber(e.id, "invoice", 2027)).toBe("AU-2027-000001")
        const repo = (service as any).baseRepository_
        for (const [year, expected] of [[2027, "AU-2027-000002"], [2026, "AU-2026-000001"]] as const) {
          let inside = ""
          await expect(
            repo.transaction(async (transactionManager: unknown) => {
              inside = await service.takeDocumentNumber(e.id, "invoice", year, { transactionManager })
              throw new Error("finalize failed")
            })
          ).rejects.toThrow("finalize failed")
          expect(inside).toBe(expected)
          expect(await service.takeDocumentNumber(e.id, "invoice", year)).toBe(expected)
        }
        expect(await counters(e.id)).toEqual({ sequence_year: 2027, next_invoice_number: 3, next_credit_note_number: 1 })
      })

      it("refuses an unknown entity", async () => {
        await expect(service.takeDocumentNumber("bent_nope", "invoice", 2026)).rejects.toThrow("Issuing entity bent_nope was not found")
      })
    })
  },
})
