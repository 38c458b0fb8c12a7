import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { writeCallStatementCsv, writeCallStatementXlsx } from "../../../../../../modules/billing/documents"
import { accountTimezone, statementCalls } from "../../../../../../workflows/billing/utils/documents"
import { sendFile } from "../../../../../utils/send-file"
import { loadTenantInvoice } from "../../helpers"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const invoice = await loadTenantInvoice(req)
  const timezone = await accountTimezone(req.scope, invoice.account_id)
  const calls = statementCalls(req.scope, invoice.id)
  if ((req as any).validatedQuery.format === "xlsx") {
    return sendFile(res, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", `${invoice.number}-calls.xlsx`, (out) =>
      writeCallStatementXlsx(calls, out, { timezone, currency: invoice.currency_code })
    )
  }
  await sendFile(res, "text/csv; charset=utf-8", `${invoice.number}-calls.csv`, (out) => writeCallStatementCsv(calls, out, { timezone }))
}
