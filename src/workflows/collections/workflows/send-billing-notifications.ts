import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { type BillingNotificationInput, prepareBillingNotificationsStep } from "../steps/prepare-billing-notifications"

export const sendBillingNotificationsWorkflowId = "send-billing-notifications"
/**
 * Sends billing notifications through Medusa's Notification Module on the
 * configured channel (the local provider in development and tests, an
 * email provider in production): invoice issued with its PDF, receipts,
 * reminders, overdue and suspension notices, low balance. Each is sent once
 * per key.
 *
 * @example
 * await sendBillingNotificationsWorkflow(container).run({
 *   input: { notifications: [{ kind: "invoice_issued", account_id: "bacct_1", key: "invoice_issued:binv_1", attach: { type: "invoice", id: "binv_1" } }] },
 * })
 */
export const sendBillingNotificationsWorkflow = createWorkflow(
  sendBillingNotificationsWorkflowId,
  (input: { notifications: BillingNotificationInput[] }) => {
    const prepared = prepareBillingNotificationsStep(input.notifications)
    const sent = sendNotificationsStep(transform({ prepared }, ({ prepared }) => prepared.messages))
    return new WorkflowResponse(
      transform({ prepared, sent }, ({ prepared, sent }) => ({ sent: (sent ?? []).map((s: any) => s.id), skipped: prepared.skipped }))
    )
  }
)
