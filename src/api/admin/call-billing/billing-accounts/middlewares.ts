import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listBillingAccountTransformQueryConfig,
  retrieveBillingAccountTransformQueryConfig,
} from "./query-config"
import {
  AdminAssignAccountCard,
  AdminCreateBillingAccount,
  AdminGetBillingAccountParams,
  AdminGetBillingAccountsParams,
  AdminUpdateBillingAccount,
} from "./validators"

export const adminBillingAccountRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/billing-accounts",
    middlewares: [
      validateAndTransformQuery(AdminGetBillingAccountsParams, listBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts",
    middlewares: [
      validateAndTransformBody(AdminCreateBillingAccount),
      validateAndTransformQuery(AdminGetBillingAccountParams, retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/billing-accounts/:id",
    middlewares: [
      validateAndTransformQuery(AdminGetBillingAccountParams, retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id",
    middlewares: [
      validateAndTransformBody(AdminUpdateBillingAccount),
      validateAndTransformQuery(AdminGetBillingAccountParams, retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/card-assignments",
    middlewares: [validateAndTransformBody(AdminAssignAccountCard)],
  },
]
