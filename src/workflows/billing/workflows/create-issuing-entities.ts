import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CreateIssuingEntityInput, createIssuingEntitiesStep } from "../steps/create-issuing-entities"

export type CreateIssuingEntitiesWorkflowInput = { issuing_entities: CreateIssuingEntityInput[] }

export const createIssuingEntitiesWorkflowId = "create-issuing-entities"
/**
 * Creates the legal entities invoices are issued by, each with its own
 * gapless invoice and credit-note sequences starting at 1.
 *
 * @example
 * await createIssuingEntitiesWorkflow(container).run({
 *   input: { issuing_entities: [{ code: "ACME-UK", legal_name: "Acme UK Ltd", currency_code: "GBP", invoice_prefix: "UK", credit_note_prefix: "UKCN" }] },
 * })
 */
export const createIssuingEntitiesWorkflow = createWorkflow(
  createIssuingEntitiesWorkflowId,
  (input: CreateIssuingEntitiesWorkflowInput) => {
    return new WorkflowResponse(createIssuingEntitiesStep(input.issuing_entities))
  }
)
