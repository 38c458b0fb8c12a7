import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"
import { asDuplicate, assertIssuingEntityKeysFree, UpdateIssuingEntityInput } from "./create-issuing-entities"

export const updateIssuingEntitiesStepId = "update-issuing-entities"
/**
 * Updates issuing entities. Codes and prefixes are checked as after the
 * update; a prefix cannot change once a document was numbered with it (the
 * series must stay gapless). The compensation restores only the fields it
 * changed, so it never winds back a number sequence taken meanwhile.
 *
 * @example
 * updateIssuingEntitiesStep([{ id: "bent_1", legal_name: "Acme UK Limited", accent_color: "#0ea5e9" }])
 */
export const updateIssuingEntitiesStep = createStep(
  updateIssuingEntitiesStepId,
  async (data: UpdateIssuingEntityInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const before = await service.listIssuingEntities({ id: data.map((d) => d.id) })
    const byId = new Map(before.map((e) => [e.id, e]))
    const missing = data.filter((d) => !byId.has(d.id)).map((d) => d.id)
    if (missing.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Issuing entity with id: ${missing.join(", ")} was not found`)
    }
    for (const d of data) {
      const e = byId.get(d.id)!
      if (d.invoice_prefix !== undefined && d.invoice_prefix !== e.invoice_prefix) {
        const [, numbered] = await service.listAndCountInvoices({ entity_id: e.id, number: { $ne: null } } as any, { take: 1, select: ["id"] })
        if (numbered) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `invoice_prefix: issuing entity ${e.code} has numbered ${numbered} invoice(s) with ${e.invoice_prefix}; the prefix cannot change`
          )
        }
      }
      if (d.credit_note_prefix !== undefined && d.credit_note_prefix !== e.credit_note_prefix) {
        const [, issued] = await service.listAndCountCreditNotes({ entity_id: e.id }, { take: 1, select: ["id"] })
        if (issued) {
          throw new MedusaError(
            MedusaError.Types.NOT_ALLOWED,
            `credit_note_prefix: issuing entity ${e.code} has issued ${issued} credit note(s) with ${e.credit_note_prefix}; the prefix cannot change`
          )
        }
      }
    }
    await assertIssuingEntityKeysFree(
      service,
      data.map((d) => {
        const e = byId.get(d.id)!
        return {
          id: d.id,
          code: d.code ?? e.code,
          invoice_prefix: d.invoice_prefix ?? e.invoice_prefix,
          credit_note_prefix: d.credit_note_prefix ?? e.credit_note_prefix,
        }
      })
    )
    const previous = data.map((d) => {
      const e = byId.get(d.id)! as Record<string, unknown>
      return Object.fromEntries(Object.keys(d).map((k) => [k, e[k]])) as UpdateIssuingEntityInput
    })
    const entities = await service.updateIssuingEntities(data as any).catch((e) => {
      throw asDuplicate(e)
    })
    return new StepResponse(entities, previous)
  },
  async (previous, { container }) => {
    if (!previous?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.updateIssuingEntities(previous as any)
  }
)
