/** Never `secret`: it is shown once, in the create response. */
export const defaultAdminWebhookEndpointFields = ["id", "url", "description", "events", "active", "created_at", "updated_at"]

export const retrieveWebhookEndpointTransformQueryConfig = {
  defaults: defaultAdminWebhookEndpointFields,
  allowed: defaultAdminWebhookEndpointFields,
  disallowed: ["secret"],
  isList: false,
}

export const listWebhookEndpointTransformQueryConfig = {
  ...retrieveWebhookEndpointTransformQueryConfig,
  isList: true,
}

export const defaultAdminWebhookDeliveryFields = [
  "id",
  "endpoint_id",
  "event",
  "event_key",
  "payload",
  "status",
  "attempts",
  "next_attempt_at",
  "last_attempt_at",
  "response_status",
  "last_error",
  "delivered_at",
  "created_at",
  "updated_at",
]

export const listWebhookDeliveryTransformQueryConfig = {
  defaults: defaultAdminWebhookDeliveryFields,
  allowed: defaultAdminWebhookDeliveryFields,
  isList: true,
}

/** What the API shows of an endpoint: everything but the secret, whatever was selected. */
export function presentWebhookEndpoint<T extends Record<string, unknown>>(endpoint: T): Omit<T, "secret"> {
  const { secret: _secret, ...rest } = endpoint
  return rest
}
