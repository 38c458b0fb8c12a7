import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { postWalletEntryWorkflow } from "../../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminGetWalletParamsType, AdminPostWalletEntryType } from "../../validators"

const ENTRY_FIELDS = ["id", "type", "amount", "currency_code", "reservation_id", "call_id", "reference", "note", "created_by", "created_at"]

/** The prepaid wallet: balance (Σ of the ledger), open holds, and the ledger newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetWalletParamsType>, res: MedusaResponse) => {
  const account = await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, [
    "id", "code", "currency_code", "payment_mode", "wallet_balance", "low_balance_threshold", "credit_limit",
  ])
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit = 50, offset = 0 } = req.validatedQuery
  const { data: entries, metadata } = await query.graph({
    entity: "wallet_entry",
    fields: ENTRY_FIELDS,
    filters: { account_id: account.id },
    pagination: { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } },
  })
  const { data: holds } = await query.graph({
    entity: "credit_reservation",
    fields: ["id", "amount", "granted_seconds", "number", "call_id", "expires_at"],
    filters: { account_id: account.id, status: "open" },
  })
  res.json({
    account_id: account.id,
    currency_code: account.currency_code,
    payment_mode: account.payment_mode,
    balance: String(account.wallet_balance),
    low_balance_threshold: account.low_balance_threshold,
    open_reservations: holds,
    entries,
    count: metadata?.count ?? entries.length,
    limit,
    offset,
  })
}

/** A top-up, refund or adjustment; a top-up whose reference is already on the ledger is not added twice. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPostWalletEntryType>, res: MedusaResponse) => {
  await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id"])
  const { result } = await postWalletEntryWorkflow(req.scope).run({
    input: { account_id: req.params.id, ...req.validatedBody, created_by: req.auth_context.actor_id },
  })
  res.status(result.duplicates ? 200 : 201).json({ balance: result.after, before: result.before, duplicate: result.duplicates > 0 })
}
