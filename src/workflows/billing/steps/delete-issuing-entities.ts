import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

export const deleteIssuingEntitiesStepId = "delete-issuing-entities"
/**
 * Soft-deletes issuing entities that no billing account bills through and
 * that never issued a document (invoices and credit notes print the entity
 * and its numbers); the compensation restores them.
 *
 * @example
 * deleteIssuingEntitiesStep(["bent_1"])
 */
export const deleteIssuingEntitiesStep = createStep(
  deleteIssuingEntitiesStepId,
  async (ids: string[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    const entities = await service.listIssuingEntities({ id: ids }, { select: ["id", "code"] })
    const code = new Map(entities.map((e) => [e.id, e.code]))
    const accounts = await service.listBillingAccounts({ entity_id: ids } as any, { select: ["id", "code", "entity_id"], order: { code: "ASC" } })
    if (accounts.length) {
      const users = ids
        .map((id) => ({ id, codes: accounts.filter((a) => a.entity_id === id).map((a) => a.code) }))
        .filter((u) => u.codes.length)
        .map((u) => `issuing entity ${code.get(u.id) ?? u.id} is used by billing account(s) ${u.codes.join(", ")}`)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Cannot delete: ${users.join("; ")}. Move them to another entity first.`)
    }
    const [invoices, invoiceCount] = await service.listAndCountInvoices({ entity_id: ids }, { take: 1, select: ["id", "entity_id"] })
    const [notes, noteCount] = await service.listAndCountCreditNotes({ entity_id: ids }, { take: 1, select: ["id", "entity_id"] })
    if (invoiceCount || noteCount) {
      const id = invoices[0]?.entity_id ?? notes[0]?.entity_id
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Cannot delete: issuing entity ${code.get(id) ?? id} has issued documents (${invoiceCount} invoice(s), ${noteCount} credit note(s) among the entities given), which must keep it`
      )
    }
    await service.softDeleteIssuingEntities(ids)
    return new StepResponse(void 0, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.restoreIssuingEntities(ids)
  }
)
