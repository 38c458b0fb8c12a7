import { z } from "@medusajs/framework/zod"
import { createSelectParams } from "@medusajs/medusa/api/utils/validators"
import { OutgoingWebhookEvents, type OutgoingWebhookEvent } from "../../../../lib/constants"
import { findParams, stringList } from "../../../utils/validators"

const EVENT_NAMES = Object.keys(OutgoingWebhookEvents) as [OutgoingWebhookEvent, ...OutgoingWebhookEvent[]]

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v)
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname
  } catch {
    return false
  }
}

const url = z
  .string()
  .trim()
  .max(2048)
  .refine(isHttpUrl, "must be an absolute http or https URL such as https://example.com/webhooks")

const event = z.enum(EVENT_NAMES, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an event webhooks are sent for; use ${EVENT_NAMES.join(", ")}`,
})

const events = z
  .array(event)
  .min(1, `at least one event is required, from ${EVENT_NAMES.join(", ")}`)
  .transform((list) => [...new Set(list)])

const endpointFields = {
  url,
  description: z.string().trim().max(500).nullish(),
  events,
  active: z.boolean({ error: "must be true or false" }).optional(),
}

export const AdminCreateWebhookEndpoint = z.object(endpointFields).strict()
export type AdminCreateWebhookEndpointType = z.infer<typeof AdminCreateWebhookEndpoint>

export const AdminUpdateWebhookEndpoint = z
  .object({ ...endpointFields, url: url.optional(), events: events.optional() })
  .strict()
export type AdminUpdateWebhookEndpointType = z.infer<typeof AdminUpdateWebhookEndpoint>

const booleanParam = z
  .union([z.boolean(), z.enum(["true", "false"], { error: "must be true or false" })])
  .transform((v) => v === true || v === "true")

export const AdminGetWebhookEndpointParams = createSelectParams()
export const AdminGetWebhookEndpointsParams = findParams({ limit: 20, order: "-created_at" }).merge(
  z.object({
    id: stringList.optional(),
    active: booleanParam.optional(),
  })
)

const STATUSES = ["pending", "delivered", "failed"] as const
export const AdminGetWebhookDeliveriesParams = findParams({ limit: 20, order: "-created_at" }).merge(
  z.object({
    status: stringList
      .refine((list) => list.every((s) => (STATUSES as readonly string[]).includes(s)), `must be one or more of ${STATUSES.join(", ")}`)
      .optional(),
    event: stringList.optional(),
  })
)
