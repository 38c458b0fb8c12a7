import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { AdminLcrParams } from "./validators"

export const adminLcrRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/lcr",
    middlewares: [validateAndTransformQuery(AdminLcrParams, { defaults: ["id"], isList: false })],
  },
]
