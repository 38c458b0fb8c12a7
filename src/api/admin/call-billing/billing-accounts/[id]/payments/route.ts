import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { recordPaymentWorkflow } from "../../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { paymentView, recordedPaymentView } from "../../payment-view"
import { AdminGetWalletParamsType, AdminRecordPaymentType } from "../../validators"

/** Payments of the account, newest first, with their allocations. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetWalletParamsType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const { limit = 20, offset = 0 } = req.validatedQuery
  const [payments, count] = await billing.listAndCountAccountPayments(
    { account_id: req.params.id },
    { relations: ["allocations"], order: { received_at: "DESC" }, skip: offset, take: limit }
  )
  res.json({ payments: payments.map(paymentView), count, limit, offset })
}

/**
 * Records a payment: allocated oldest first (or as given); the rest becomes
 * account credit. Amounts with more decimals than the account's currency are
 * refused (400) by the service, which knows the currency under its lock.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordPaymentType>, res: MedusaResponse) => {
  const account = await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id", "currency_code"])
  const b = req.validatedBody
  const { result } = await recordPaymentWorkflow(req.scope).run({
    input: {
      account_id: req.params.id,
      amount: b.amount,
      method: b.method,
      reference: b.reference ?? null,
      received_at: b.received_at ?? null,
      allocations: b.allocations ?? null,
      note: b.note ?? null,
      created_by: req.auth_context.actor_id,
    },
  })
  res.status(201).json(recordedPaymentView(result, account.currency_code))
}
