import {
  authenticate,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { localDate, positiveDecimalString, stringList, withFieldPaths } from "../../utils/validators"

/**
 * The tenant's portal. Every route is scoped here, in one place: the
 * logged-in customer's billing account (the customer ↔ account link) is put on
 * the request, and routes only ever read with that account id — another
 * tenant's ids are simply not found (404).
 */
export async function resolveTenant(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const customerId = (req as any).auth_context?.actor_id
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id", "billing_account.id"], filters: { id: customerId } })
  const accountId = (data[0] as any)?.billing_account?.id
  if (!accountId) return next(new MedusaError(MedusaError.Types.NOT_FOUND, "this customer has no billing account"))
  ;(req as any).tenant_account_id = accountId
  next()
}

export const tenantAccountId = (req: MedusaRequest) => (req as any).tenant_account_id as string

export const StoreListParams = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
})
/** Issued statuses a tenant may filter by (drafts are never shown). */
export const StoreInvoicesParams = StoreListParams.extend({
  status: stringList.pipe(z.array(z.enum(["finalized", "partially_paid", "paid", "void", "uncollectible"]))).optional(),
})
export type StoreInvoicesParamsType = z.infer<typeof StoreInvoicesParams>
export const StorePdfParams = z.object({ calls: z.enum(["true", "false"]).default("false").transform((v) => v === "true") })
export const StoreCallsParams = z.object({ format: z.enum(["csv", "xlsx"]).default("csv") })
/** Local dates, both inclusive: from 00:00 on `from` to the end of `to`. */
export const StoreStatementParams = z
  .object({ from: localDate.optional(), to: localDate.optional(), format: z.enum(["json", "pdf"]).default("json") })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before from", path: ["to"] })
/** A half-open range of local dates like a billing period: `to` is the first day after it. */
export const StoreUsageParams = z
  .object({ from: localDate.optional(), to: localDate.optional() })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "must be after from (the range ends before `to`)", path: ["to"] })
/** The currency's decimals are checked by the route, which knows the account (JPY 0, BHD 3). */
export const StoreTopUp = z.object({ amount: positiveDecimalString(4) }).strict()
export type StoreTopUpType = z.infer<typeof StoreTopUp>

export const storeCallBillingRoutesMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/call-billing/*", middlewares: [authenticate("customer", ["session", "bearer"]), resolveTenant] },
  { method: ["GET"], matcher: "/store/call-billing/invoices", middlewares: [validateAndTransformQuery(withFieldPaths(StoreInvoicesParams), {})] },
  { method: ["GET"], matcher: "/store/call-billing/invoices/:id/pdf", middlewares: [validateAndTransformQuery(withFieldPaths(StorePdfParams), {})] },
  { method: ["GET"], matcher: "/store/call-billing/invoices/:id/calls", middlewares: [validateAndTransformQuery(withFieldPaths(StoreCallsParams), {})] },
  { method: ["GET"], matcher: "/store/call-billing/statement", middlewares: [validateAndTransformQuery(withFieldPaths(StoreStatementParams), {})] },
  { method: ["GET"], matcher: "/store/call-billing/usage", middlewares: [validateAndTransformQuery(withFieldPaths(StoreUsageParams), {})] },
  { method: ["POST"], matcher: "/store/call-billing/wallet/top-up", middlewares: [validateAndTransformBody(withFieldPaths(StoreTopUp))] },
]
