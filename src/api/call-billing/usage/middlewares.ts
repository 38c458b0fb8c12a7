import { authenticate, type MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { withFieldPaths } from "../../utils/validators"
import { PushUsage } from "./validators"

/**
 * `POST /call-billing/usage`: machine to machine, with a secret API key
 * (`Authorization: Basic base64("sk_…:")`). 10,000 records are ~3 MB of
 * JSON; the raw body is kept to hash it for idempotency.
 */
export const usagePushRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/call-billing/usage",
    bodyParser: { sizeLimit: "10mb", preserveRawBody: true },
    middlewares: [authenticate("user", ["api-key"]), validateAndTransformBody(withFieldPaths(PushUsage))],
  },
]
