import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { BILLING_MODULE } from "../../../modules/billing"
import type BillingModuleService from "../../../modules/billing/service"

/** An issuing entity as an admin writes it; the number sequences are the module's alone. */
export type CreateIssuingEntityInput = {
  code: string
  legal_name: string
  address?: {
    line1: string
    line2?: string | null
    city: string
    postal_code?: string | null
    region?: string | null
    country: string
  } | null
  tax_id?: string | null
  email?: string | null
  currency_code: string
  invoice_prefix: string
  credit_note_prefix: string
  logo_url?: string | null
  primary_color?: string
  accent_color?: string
  metadata?: Record<string, unknown> | null
}

export type UpdateIssuingEntityInput = Partial<CreateIssuingEntityInput> & { id: string }

type EntityKeys = { id?: string; code: string; invoice_prefix: string; credit_note_prefix: string }

/**
 * Refuses codes and document prefixes another live entity already has. A
 * prefix may not be any other entity's invoice or credit-note prefix (nor the
 * entity's own other prefix): numbers are `PREFIX-YYYY-NNNNNN` per entity, so
 * a shared prefix would print the same number on two documents.
 *
 * @example
 * await assertIssuingEntityKeysFree(service, [{ code: "ACME-UK", invoice_prefix: "UK", credit_note_prefix: "UKCN" }])
 * // throws DUPLICATE_ERROR "invoice_prefix: UK is already the invoice prefix of issuing entity ACME-IE …"
 */
export async function assertIssuingEntityKeysFree(service: BillingModuleService, entities: EntityKeys[]): Promise<void> {
  for (const e of entities) {
    if (e.invoice_prefix === e.credit_note_prefix) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `credit_note_prefix: must differ from invoice_prefix (${e.invoice_prefix}), or invoices and credit notes would share numbers`
      )
    }
  }
  const ids = new Set(entities.map((e) => e.id).filter(Boolean))
  const others: EntityKeys[] = (
    await service.listIssuingEntities({}, { select: ["id", "code", "invoice_prefix", "credit_note_prefix"] })
  ).filter((o) => !ids.has(o.id))
  // earlier entities of the same batch count as taken too
  for (const e of entities) {
    const sameCode = others.find((o) => o.code === e.code)
    if (sameCode) {
      throw new MedusaError(MedusaError.Types.DUPLICATE_ERROR, `code: an issuing entity with code ${e.code} already exists`)
    }
    for (const field of ["invoice_prefix", "credit_note_prefix"] as const) {
      const prefix = e[field]
      const holder = others.find((o) => o.invoice_prefix === prefix || o.credit_note_prefix === prefix)
      if (holder) {
        const as = holder.invoice_prefix === prefix ? "invoice" : "credit-note"
        throw new MedusaError(
          MedusaError.Types.DUPLICATE_ERROR,
          `${field}: ${prefix} is already the ${as} prefix of issuing entity ${holder.code}; document numbers are PREFIX-YYYY-NNNNNN, so every prefix belongs to one entity`
        )
      }
    }
    others.push(e)
  }
}

/**
 * The database's unique indexes back the checks up under a race; Medusa maps
 * their violation to INVALID_DATA, this says it as a duplicate (422).
 *
 * @example
 * await service.createIssuingEntities(data).catch((e) => { throw asDuplicate(e) })
 */
export function asDuplicate(e: unknown): unknown {
  if (e instanceof MedusaError && /already exists/.test(e.message)) {
    return new MedusaError(MedusaError.Types.DUPLICATE_ERROR, e.message)
  }
  return e
}

export const createIssuingEntitiesStepId = "create-issuing-entities"
/**
 * Creates issuing entities after checking that their code and document
 * prefixes are free; the compensation deletes them.
 *
 * @example
 * createIssuingEntitiesStep([{ code: "ACME-UK", legal_name: "Acme UK Ltd", currency_code: "GBP", invoice_prefix: "UK", credit_note_prefix: "UKCN" }])
 */
export const createIssuingEntitiesStep = createStep(
  createIssuingEntitiesStepId,
  async (data: CreateIssuingEntityInput[], { container }) => {
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await assertIssuingEntityKeysFree(service, data)
    const entities = await service.createIssuingEntities(data as any[]).catch((e) => {
      throw asDuplicate(e)
    })
    return new StepResponse(entities, entities.map((e) => e.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) {
      return
    }
    const service: BillingModuleService = container.resolve(BILLING_MODULE)
    await service.deleteIssuingEntities(ids)
  }
)
