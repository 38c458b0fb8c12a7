import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ListDueWebhookDeliveriesStepInput = {
  /** only these deliveries (those that are due) */
  ids?: string[]
  limit: number
}

export const listDueWebhookDeliveriesStepId = "list-due-webhook-deliveries"
/**
 * The pending deliveries that are due (`next_attempt_at` unset or passed, so
 * not leased by a worker sending them) to an active endpoint, oldest due
 * first. Reads only; sending claims each row again.
 *
 * @example
 * const ids = listDueWebhookDeliveriesStep({ limit: 500 })
 */
export const listDueWebhookDeliveriesStep = createStep(
  listDueWebhookDeliveriesStepId,
  async (input: ListDueWebhookDeliveriesStepInput, { container }) => {
    if (input.ids && !input.ids.length) {
      return new StepResponse([] as string[])
    }
    const knex = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const q = knex("call_billing_webhook_delivery as d")
      .join("call_billing_webhook_endpoint as e", "e.id", "d.endpoint_id")
      .whereNull("e.deleted_at")
      .where("e.active", true)
      .whereNull("d.deleted_at")
      .where("d.status", "pending")
      .where((w: any) => w.whereNull("d.next_attempt_at").orWhere("d.next_attempt_at", "<=", knex.fn.now()))
      .orderByRaw("d.next_attempt_at ASC NULLS FIRST, d.created_at ASC, d.id ASC")
      .limit(Math.max(1, input.limit))
      .select("d.id")
    if (input.ids) q.whereIn("d.id", input.ids)
    const rows: Array<{ id: string }> = await q
    return new StepResponse(rows.map((r) => r.id))
  }
)
