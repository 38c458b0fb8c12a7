import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import Decimal from "decimal.js"
import { currencyDecimals } from "../../../../../../modules/billing/calc"
import { postWalletEntryWorkflow } from "../../../../../../workflows/billing"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminGetWalletParamsType, AdminPostWalletEntryType } from "../../validators"

const ENTRY_FIELDS = ["id", "type", "raw_amount", "currency_code", "reservation_id", "call_id", "reference", "note", "created_by", "created_at"]

/** A bigNumber read back, as an exact decimal string with the currency's decimals (more when it has them). */
const money = (raw: unknown, plain: unknown, dp: number) => {
  const d = new Decimal(String((raw as any)?.value ?? plain ?? 0))
  return d.decimalPlaces() > dp ? d.toFixed() : d.toFixed(dp)
}

/** The prepaid wallet: balance (Σ of the ledger), open holds, and the ledger newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetWalletParamsType>, res: MedusaResponse) => {
  const account = await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, [
    "id", "code", "currency_code", "payment_mode", "raw_wallet_balance", "raw_low_balance_threshold", "raw_credit_limit",
  ])
  const dp = currencyDecimals(account.currency_code)
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
    fields: ["id", "raw_amount", "granted_seconds", "number", "call_id", "expires_at"],
    filters: { account_id: account.id, status: "open" },
  })
  res.json({
    account_id: account.id,
    currency_code: account.currency_code,
    payment_mode: account.payment_mode,
    balance: money(account.raw_wallet_balance, 0, dp),
    low_balance_threshold: account.raw_low_balance_threshold ? money(account.raw_low_balance_threshold, null, dp) : null,
    open_reservations: holds.map(({ raw_amount, ...h }: any) => ({ ...h, amount: money(raw_amount, 0, dp) })),
    entries: entries.map(({ raw_amount, ...e }: any) => ({ ...e, amount: money(raw_amount, 0, dp) })),
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
  const dp = currencyDecimals(result.currency_code)
  res.status(result.duplicates ? 200 : 201).json({
    balance: money(null, result.after, dp),
    before: money(null, result.before, dp),
    duplicate: result.duplicates > 0,
    currency_code: result.currency_code,
  })
}
