import { type MiddlewareRoute, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { withFieldPaths } from "../../../utils/validators"
import { AdminCreateCreditNote, AdminGetInvoiceCallsParams, AdminGetInvoicePdfParams, AdminGetInvoicesParams } from "./validators"

export const adminInvoiceRoutesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/call-billing/invoices",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetInvoicesParams), { defaults: ["id"], isList: true })],
  },
  {
    method: ["POST"],
    matcher: "/admin/call-billing/invoices/:id/credit-notes",
    middlewares: [validateAndTransformBody(withFieldPaths(AdminCreateCreditNote))],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/invoices/:id/calls",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetInvoiceCallsParams), {})],
  },
  {
    method: ["GET"],
    matcher: "/admin/call-billing/invoices/:id/pdf",
    middlewares: [validateAndTransformQuery(withFieldPaths(AdminGetInvoicePdfParams), {})],
  },
]
