import { withFieldPaths } from "../../../utils/validators"
import {
  MedusaNextFunction,
  MedusaRequest,
  MedusaResponse,
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listRateCardTransformQueryConfig,
  listRateCardVersionTransformQueryConfig,
  retrieveRateCardTransformQueryConfig,
  retrieveRateCardVersionTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateRateCard,
  AdminDiffRateCardVersionsParams,
  AdminGetRateCardParams,
  AdminGetRateCardsParams,
  AdminGetRateCardVersionParams,
  AdminGetRateCardVersionsParams,
  AdminGetRatesParams,
  AdminImportRateDeck,
  AdminPublishRateCardVersion,
  AdminUpdateRateCard,
} from "./validators"

/** Decks of 200,000 rows are ~15 MB. */
const DECK_SIZE_LIMIT = "64mb"

/**
 * A deck may come as JSON (`{ csv, filename }`), as `text/plain`, or as a raw
 * `text/csv` body (filename in `?filename=`): all become `{ csv, filename }`.
 */
async function deckBody(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    if (typeof req.body === "string") {
      req.body = { csv: req.body, filename: (req.query.filename as string) ?? null }
    } else if (req.is("text/csv") || req.is("application/csv")) {
      const chunks: Buffer[] = []
      for await (const chunk of req) {
        chunks.push(chunk as Buffer)
      }
      req.body = {
        csv: Buffer.concat(chunks).toString("utf8"),
        filename: (req.query.filename as string) ?? null,
      }
    }
    next()
  } catch (e) {
    next(e)
  }
}

export const adminRateCardRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/rate-cards",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetRateCardsParams), listRateCardTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rate-cards",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateRateCard)),
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardParams), retrieveRateCardTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/rate-cards/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetRateCardParams), retrieveRateCardTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rate-cards/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateRateCard)),
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardParams), retrieveRateCardTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/rate-cards/:id/versions",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardVersionsParams), listRateCardVersionTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rate-cards/:id/versions",
    bodyParser: { sizeLimit: DECK_SIZE_LIMIT },
    middlewares: [
      deckBody,
      validateAndTransformBody(withFieldPaths(AdminImportRateDeck)),
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardVersionParams), retrieveRateCardVersionTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/rate-cards/:id/versions/:version_id",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardVersionParams), retrieveRateCardVersionTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/rate-cards/:id/versions/:version_id/publish",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminPublishRateCardVersion)),
      validateAndTransformQuery(withFieldPaths(AdminGetRateCardVersionParams), retrieveRateCardVersionTransformQueryConfig),
    ],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/rate-cards/:id/versions/:version_id/rates",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetRatesParams), { defaults: ["id"], isList: true })],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/rate-cards/:id/diff",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminDiffRateCardVersionsParams), { defaults: ["id"], isList: false })],
  },
]
