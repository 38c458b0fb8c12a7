import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import {
  listWebhookDeliveryTransformQueryConfig,
  listWebhookEndpointTransformQueryConfig,
  retrieveWebhookEndpointTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateWebhookEndpoint,
  AdminGetWebhookDeliveriesParams,
  AdminGetWebhookEndpointParams,
  AdminGetWebhookEndpointsParams,
  AdminUpdateWebhookEndpoint,
} from "./validators"

/** Webhook endpoints and their deliveries (`/admin/call-billing/webhook-endpoints`, `…/webhook-deliveries`). */
export const adminWebhookRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/webhook-endpoints",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetWebhookEndpointsParams), listWebhookEndpointTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/webhook-endpoints",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateWebhookEndpoint)),
      validateAndTransformQuery(withFieldPaths(AdminGetWebhookEndpointParams), retrieveWebhookEndpointTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/webhook-endpoints/:id",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetWebhookEndpointParams), retrieveWebhookEndpointTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/webhook-endpoints/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateWebhookEndpoint)),
      validateAndTransformQuery(withFieldPaths(AdminGetWebhookEndpointParams), retrieveWebhookEndpointTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/webhook-endpoints/:id/deliveries",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetWebhookDeliveriesParams), listWebhookDeliveryTransformQueryConfig),
    ],
  },
]
