import { MiddlewareRoute, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import { listImportJobTransformQueryConfig, retrieveImportJobTransformQueryConfig } from "./query-config"
import { AdminGetImportJobParams, AdminGetImportJobsParams, AdminUploadUsageFile } from "./validators"

export const adminImportRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/imports",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetImportJobsParams), listImportJobTransformQueryConfig)],
  },
  {
    // The body is the file, streamed to disk by the route: never parsed or held in memory.
    method: ["POST"],
    matcher: "/admin/call-billing/imports",
    bodyParser: false,
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminUploadUsageFile), retrieveImportJobTransformQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/imports/:id",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetImportJobParams), retrieveImportJobTransformQueryConfig)],
  },
]
