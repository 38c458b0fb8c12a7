import { withFieldPaths } from "../../../utils/validators"
import { MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminRateCall } from "./validators"

export const adminRateRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rate",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminRateCall))],
  },
]
