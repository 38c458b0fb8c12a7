import { authenticate, type MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { withFieldPaths } from "../../utils/validators"
import { AuthorizeCall, ExtendCall, SettleCall } from "./validators"

/** Real-time credit control for switches: secret API key, like the usage push. */
export const authorizeRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/call-billing/authorize",
    middlewares: [authenticate("user", ["api-key"]), validateAndTransformBody(withFieldPaths(AuthorizeCall))],
  },
  {
    method: ["POST"],
    matcher: "/call-billing/authorize/:id/extend",
    middlewares: [authenticate("user", ["api-key"]), validateAndTransformBody(withFieldPaths(ExtendCall))],
  },
  {
    method: ["POST"],
    matcher: "/call-billing/authorize/:id/settle",
    middlewares: [authenticate("user", ["api-key"]), validateAndTransformBody(withFieldPaths(SettleCall))],
  },
]
