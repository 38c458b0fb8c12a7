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
  AdminGetWalletParams,
  AdminCancelSubscription,
  AdminChangeSubscription,
  AdminClosePeriods,
  AdminCreateSubscription,
  AdminGetStatementParams,
  AdminRecordPayment,
  AdminPostWalletEntry,
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
  {
    method: ["GET"],
    matcher: "/admin/call-billing/billing-accounts/:id/wallet",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetWalletParams), {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/wallet",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminPostWalletEntry))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/subscription",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminCreateSubscription))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/subscriptions/:id",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminChangeSubscription))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/subscriptions/:id/cancel",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminCancelSubscription))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/payments",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminRecordPayment))],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/billing-accounts/:id/payments",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetWalletParams), {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/billing-accounts/:id/statement",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetStatementParams), {})],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/billing-accounts/:id/close",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminClosePeriods))],
  },
]
