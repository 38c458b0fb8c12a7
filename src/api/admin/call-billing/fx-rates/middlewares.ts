import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { listFxRateTransformQueryConfig, retrieveFxRateTransformQueryConfig } from "./query-config"
import { AdminCreateFxRate, AdminGetFxRateParams, AdminGetFxRatesParams } from "./validators"

// no update: a rate is corrected by deleting it and recording the right one
export const adminFxRateRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/fx-rates",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetFxRatesParams), listFxRateTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/fx-rates",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateFxRate)),
      validateAndTransformQuery(withFieldPaths(AdminGetFxRateParams), retrieveFxRateTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/fx-rates/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetFxRateParams), retrieveFxRateTransformQueryConfig)],
  },
]
