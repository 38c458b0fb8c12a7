import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { listPlanTransformQueryConfig, retrievePlanTransformQueryConfig } from "./query-config"
import { AdminCreatePlan, AdminGetPlanParams, AdminGetPlansParams, AdminUpdatePlan } from "./validators"

// no DELETE: subscriptions and invoices refer to plans; archive one with status "archived"
export const adminPlanRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/plans",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetPlansParams), listPlanTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/plans",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreatePlan)),
      validateAndTransformQuery(withFieldPaths(AdminGetPlanParams), retrievePlanTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/plans/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetPlanParams), retrievePlanTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/plans/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdatePlan)),
      validateAndTransformQuery(withFieldPaths(AdminGetPlanParams), retrievePlanTransformQueryConfig),
    ],
  },
]
