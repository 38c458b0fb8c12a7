import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteNotificationTemplatesStep } from "../steps/delete-notification-templates"
import { type NotificationTemplateInput, upsertNotificationTemplatesStep } from "../steps/upsert-notification-templates"

export const upsertNotificationTemplatesWorkflowId = "upsert-notification-templates"
/**
 * Sets notification templates per entity and kind.
 *
 * @example
 * await upsertNotificationTemplatesWorkflow(container).run({ input: { templates: [{ kind: "reminder", subject: "…", body: "…" }] } })
 */
export const upsertNotificationTemplatesWorkflow = createWorkflow(
  upsertNotificationTemplatesWorkflowId,
  (input: { templates: NotificationTemplateInput[] }) => new WorkflowResponse(upsertNotificationTemplatesStep(input.templates))
)

export const deleteNotificationTemplatesWorkflowId = "delete-notification-templates"
/**
 * Deletes notification templates.
 *
 * @example
 * await deleteNotificationTemplatesWorkflow(container).run({ input: { ids: ["bntpl_1"] } })
 */
export const deleteNotificationTemplatesWorkflow = createWorkflow(
  deleteNotificationTemplatesWorkflowId,
  (input: { ids: string[] }) => new WorkflowResponse(deleteNotificationTemplatesStep(input.ids))
)
