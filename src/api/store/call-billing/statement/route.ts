import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import { renderStatementPdf } from "../../../../modules/billing/documents"
import type BillingModuleService from "../../../../modules/billing/service"
import { statementDocument } from "../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../utils/send-file"
import { tenantAccountId } from "../middlewares"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = (req as any).validatedQuery
  const id = tenantAccountId(req)
  const statement = await billing.accountStatement(id, {
    from: q.from ? new Date(`${q.from}T00:00:00Z`) : null,
    to: q.to ? new Date(`${q.to}T00:00:00Z`) : null,
  })
  if (q.format === "pdf") {
    const doc = await statementDocument(req.scope, id, statement)
    return sendFile(res, "application/pdf", "statement.pdf", (out) => renderStatementPdf(doc, out))
  }
  res.json(statement)
}
