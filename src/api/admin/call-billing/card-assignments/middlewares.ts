import { withFieldPaths } from "../../../utils/validators"
import {
  MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { listCardAssignmentTransformQueryConfig } from "./query-config"
import { AdminCreateCardAssignment, AdminGetCardAssignmentsParams } from "./validators"

export const adminCardAssignmentRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/card-assignments",
    middlewares: [
      validateAndTransformQuery(withFieldPaths(AdminGetCardAssignmentsParams), listCardAssignmentTransformQueryConfig),
    ],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/card-assignments",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminCreateCardAssignment))],
  },
]
