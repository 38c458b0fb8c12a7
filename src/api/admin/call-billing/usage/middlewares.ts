import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import { AdminGetUsageParams } from "./validators"

export const adminUsageRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/usage",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetUsageParams), { defaults: ["id"], isList: true })],
  },
]
