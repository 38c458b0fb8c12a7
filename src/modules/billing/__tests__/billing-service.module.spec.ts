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
  },
})
