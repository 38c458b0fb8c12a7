import { withFieldPaths } from "../../../utils/validators"
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
      validateAndTransformQuery(withFieldPaths(AdminGetBillingAccountsParams), listBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateBillingAccount)),
      validateAndTransformQuery(withFieldPaths(AdminGetBillingAccountParams), retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/billing-accounts/:id",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetBillingAccountParams), retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateBillingAccount)),
      validateAndTransformQuery(withFieldPaths(AdminGetBillingAccountParams), retrieveBillingAccountTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/card-assignments",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminAssignAccountCard))],
  },
]
