import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listTaxProfileTransformQueryConfig,
  retrieveTaxProfileTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateTaxProfile,
  AdminGetTaxProfileParams,
  AdminGetTaxProfilesParams,
  AdminUpdateTaxProfile,
} from "./validators"

export const adminTaxProfileRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/tax-profiles",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetTaxProfilesParams), listTaxProfileTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/tax-profiles",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateTaxProfile)),
      validateAndTransformQuery(withFieldPaths(AdminGetTaxProfileParams), retrieveTaxProfileTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/tax-profiles/:id",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetTaxProfileParams), retrieveTaxProfileTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/tax-profiles/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateTaxProfile)),
      validateAndTransformQuery(withFieldPaths(AdminGetTaxProfileParams), retrieveTaxProfileTransformQueryConfig),
    ],
  },
]
