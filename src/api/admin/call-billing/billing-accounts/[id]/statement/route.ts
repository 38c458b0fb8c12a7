import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../../../modules/billing"
import { renderStatementPdf } from "../../../../../../modules/billing/documents"
import type BillingModuleService from "../../../../../../modules/billing/service"
import { statementDocument } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { refetchOrNotFound } from "../../../../../utils/refetch"
import { AdminGetStatementParamsType } from "../../validators"

/** The account statement (running balance, aging, credit); `?format=pdf` for the PDF. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminGetStatementParamsType>, res: MedusaResponse) => {
  const account = await refetchOrNotFound(req.scope, "billing_account", "Billing account", { id: req.params.id }, ["id", "code"])
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = req.validatedQuery
  const statement = await billing.accountStatement(req.params.id, {
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : null,
    to: q.to ? new Date(`${q.to}T00:00:00Z`) : null,
  })
  if (q.format === "pdf") {
    const doc = await statementDocument(req.scope, req.params.id, statement)
    return sendFile(res, "application/pdf", `statement-${account.code}.pdf`, (out) => renderStatementPdf(doc, out))
  }
  res.json(statement)
}
