import { type MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import {
  AdminCreateDunningPolicy,
  AdminGetReconciliationParams,
  AdminGetSyncRecordsParams,
  AdminRetrySyncRecords,
  AdminRunDunning,
  AdminSetDunning,
  AdminStripeTopUp,
  AdminUpdateDunningPolicy,
  AdminUpsertNotificationTemplate,
} from "./validators"

/** Collections: integrations status, sync rows, reconciliation, dunning, notification templates. */
export const adminCollectionsRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/collections/sync-records",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetSyncRecordsParams), {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/collections/sync-records/retry",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminRetrySyncRecords))],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/collections/reconciliation",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetReconciliationParams), {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/collections/dunning-policies",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminCreateDunningPolicy))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/collections/dunning-policies/:id",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminUpdateDunningPolicy))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/collections/dunning/run",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminRunDunning))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/collections/notification-templates",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminUpsertNotificationTemplate))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/dunning",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminSetDunning))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/wallet/stripe-top-up",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminStripeTopUp))],
  },
]
