import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { BILLING_MODULE } from "../../../../modules/billing"
import { addDays, periodBoundsUtc } from "../../../../modules/billing/calc"
import { renderStatementPdf } from "../../../../modules/billing/documents"
import type BillingModuleService from "../../../../modules/billing/service"
import { statementDocument } from "../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../utils/send-file"
import { tenantAccountId } from "../middlewares"

/**
 * The tenant's statement; `?format=pdf` for the PDF. `from` and `to` are the
 * account's local dates and both inclusive: from 00:00 on `from` to the end
 * of `to` in the account's time zone (from=2026-03-01&to=2026-03-31 is March).
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const billing: BillingModuleService = req.scope.resolve(BILLING_MODULE)
  const q = (req as any).validatedQuery
  const id = tenantAccountId(req)
  const { timezone } = await billing.retrieveBillingAccount(id, { select: ["id", "timezone"] })
  const day = (date: string) => periodBoundsUtc({ start: date, end: addDays(date, 1) }, timezone)
  const statement = await billing.accountStatement(id, {
    from: q.from ? day(q.from).start : null,
    to: q.to ? day(q.to).end : null,
  })
  if (q.format === "pdf") {
    const doc = await statementDocument(req.scope, id, statement)
    return sendFile(res, "application/pdf", "statement.pdf", (out) => renderStatementPdf(doc, out))
  }
  res.json(statement)
}
