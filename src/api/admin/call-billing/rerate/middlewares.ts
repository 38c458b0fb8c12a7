import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import { AdminRerateUsage } from "./validators"

export const adminRerateRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rerate",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminRerateUsage))],
  },
]
