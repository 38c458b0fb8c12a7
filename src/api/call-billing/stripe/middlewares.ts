import type { MiddlewareRoute } from "@medusajs/framework/http"

/**
 * `POST /call-billing/stripe/webhook`: Stripe calls it, so no Medusa auth;
 * the signature over the raw body is the authentication.
 */
export const stripeWebhookRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["POST"],
    matcher: "/call-billing/stripe/webhook",
    bodyParser: { preserveRawBody: true },
  },
]
