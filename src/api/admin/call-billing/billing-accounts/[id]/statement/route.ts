import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import { addDays, periodBoundsUtc } from "../../../../../../modules/billing/calc"
import { renderStatementPdf } from "../../../../../../modules/billing/documents"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { statementDocument } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminGetStatementParamsType } from "../../validators"

/**
 * The account statement (running balance, aging, credit); `?format=pdf` for
 * the PDF. `from` and `to` are the account's local dates and both inclusive:
 * from 00:00 on `from` to the end of `to` (midnight starting the next day) in
 * the account's time zone, so from=2026-03-01&to=2026-03-31 is all of March.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetStatementParamsType>, res: MedusaResponse) => {
  const account = await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id", "code", "timezone"])
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = req.validatedQuery
  const day = (date: string) => periodBoundsUtc({ start: date, end: addDays(date, 1) }, account.timezone)
  const statement = await billing.accountStatement(req.params.id, {
    from: q.from ? day(q.from).start : null,
    to: q.to ? day(q.to).end : null,
  })
  if (q.format === "pdf") {
    const doc = await statementDocument(req.scope, req.params.id, statement)
    return sendFile(res, "application/pdf", `statement-${account.code}.pdf`, (out) => renderStatementPdf(doc, out))
  }
  res.json(statement)
}
