import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import {
  listIssuingEntityTransformQueryConfig,
  retrieveIssuingEntityTransformQueryConfig,
} from "./query-config"
import {
  AdminCreateIssuingEntity,
  AdminGetIssuingEntitiesParams,
  AdminGetIssuingEntityParams,
  AdminUpdateIssuingEntity,
} from "./validators"

export const adminEntityRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/entities",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetIssuingEntitiesParams), listIssuingEntityTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/entities",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminCreateIssuingEntity)),
      validateAndTransformQuery(withFieldPaths(AdminGetIssuingEntityParams), retrieveIssuingEntityTransformQueryConfig),
    ],
  },
  {
    method: ["GET", "DELETE"],
    matcher: "/admin/call-billing/entities/:id",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetIssuingEntityParams), retrieveIssuingEntityTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/entities/:id",
    middlewares: [
      validateAndTransformBody(withFieldPaths(AdminUpdateIssuingEntity)),
      validateAndTransformQuery(withFieldPaths(AdminGetIssuingEntityParams), retrieveIssuingEntityTransformQueryConfig),
    ],
  },
]
