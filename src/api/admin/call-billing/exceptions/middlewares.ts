import { MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import { listUsageExceptionTransformQueryConfig, retrieveUsageExceptionTransformQueryConfig } from "./query-config"
import {
  AdminGetUsageExceptionParams,
  AdminGetUsageExceptionsParams,
  AdminIgnoreExceptions,
  AdminReprocessExceptions,
} from "./validators"

export const adminExceptionRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/exceptions",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetUsageExceptionsParams), listUsageExceptionTransformQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/exceptions/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetUsageExceptionParams), retrieveUsageExceptionTransformQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/exceptions/reprocess",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminReprocessExceptions))],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/exceptions/ignore",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminIgnoreExceptions))],
  },
]
