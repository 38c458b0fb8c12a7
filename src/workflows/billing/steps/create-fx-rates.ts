import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

/** One unit of `base` is `rate` units of `quote` from `effective_from` on. */
export type CreateFxRateInput = {
  base: string
  quote: string
  /** exact decimal string, > 0 */
  rate: string
  effective_from: Date
}

export const createFxRatesStepId = "create-fx-rates"
/**
 * Creates FX rates; a pair has one rate per `effective_from` (a correction
 * is a delete and a new row). The compensation deletes them.
 *
 * @example
 * createFxRatesStep([{ base: "EUR", quote: "GBP", rate: "0.8571", effective_from: new Date("2026-12-01T00:00:00Z") }])
 */
export const createFxRatesStep = createStep(
  createFxRatesStepId,
  async (data: CreateFxRateInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const key = (r: { base: string; quote: string; effective_from: Date | string }) =>
      `${r.base}/${r.quote}@${new Date(r.effective_from).toISOString()}`
    const existing = await service.listFxRates(
      { base: data.map((d) => d.base), quote: data.map((d) => d.quote), effective_from: data.map((d) => d.effective_from) } as any,
      { select: ["id", "base", "quote", "effective_from"] }
    )
    const taken = new Set(existing.map(key))
    for (const d of data) {
      if (d.base === d.quote) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `quote: must differ from base (${d.base})`)
      }
      if (taken.has(key(d))) {
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `effective_from: an FX rate ${d.base}→${d.quote} effective from ${new Date(d.effective_from).toISOString()} already exists; delete it to correct it`
        )
      }
      taken.add(key(d))
    }
    const rates = await service.createFxRates(data as any[]).catch((e) => {
      if (e instanceof MedusaError && /already exists/.test(e.message)) {
        throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, e.message)
      }
      throw e
    })
    return new StepResponse(rates, rates.map((r) => r.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.deleteFxRates(ids)
  }
)
