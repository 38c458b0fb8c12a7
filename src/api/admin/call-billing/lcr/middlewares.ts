import { withFieldPaths } from "../../../utils/validators"
import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminLcrParams } from "./validators"

export const adminLcrRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/lcr",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminLcrParams), { defaults: ["id"], isList: false })],
  },
]
