import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listTimeProfileTransformQueryConfig,
  retrieveTimeProfileTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateTimeProfile,
  AdminGetTimeProfileParams,
  AdminGetTimeProfilesParams,
  AdminUpdateTimeProfile,
} from "./validators"

export const adminTimeProfileRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/time-profiles",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetTimeProfilesParams), listTimeProfileTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/time-profiles",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateTimeProfile)),
      validateAndTransformQuery(withFieldPaths(AdminGetTimeProfileParams), retrieveTimeProfileTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/time-profiles/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetTimeProfileParams), retrieveTimeProfileTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/time-profiles/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateTimeProfile)),
      validateAndTransformQuery(withFieldPaths(AdminGetTimeProfileParams), retrieveTimeProfileTransformQueryConfig),
    ],
  },
]
